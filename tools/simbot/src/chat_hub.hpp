#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "frame_sink.hpp"

namespace simbot {

class Turn;

// Per-chat session state kept in memory (simbot persists no transcripts).
struct ChatSession {
    int message_count = 0;        // user + assistant messages since the last /new
    int turn_count = 0;           // finished turns since the last /new
    int generation = 0;           // bumped by /new: a cancelled turn leaves the new one alone
    nlohmann::json last_usage;    // null until a turn finished; sent in attached.usage
    std::shared_ptr<Turn> running;  // set while a turn runs; turns are serial per chat
};

// Routes frames to connections: by chat subscription, or to every connection. Single-threaded:
// only the io_context thread touches it.
class ChatHub {
public:
    void add_connection(const std::shared_ptr<FrameSink>& sink);
    void remove_connection(std::uint64_t sink_id);
    void subscribe(const std::string& chat_id, const std::shared_ptr<FrameSink>& sink);

    // Sends to every connection attached to `chat_id`; none attached = dropped (nanobot would
    // only persist it).
    void send_to_chat(const std::string& chat_id, const nlohmann::json& frame);
    void send_raw_to_chat(const std::string& chat_id, const std::string& text);

    // Sends to every open connection (runtime_model_updated, session_updated).
    void broadcast(const nlohmann::json& frame);

    // Closes every connection attached to `chat_id` (the chat's turn goes on, unheard).
    void close_chat_connections(const std::string& chat_id);

    // Creates the session on first use.
    ChatSession& session(const std::string& chat_id);

    void close_all();
    std::size_t connection_count() const { return connections_.size(); }

private:
    std::map<std::uint64_t, std::weak_ptr<FrameSink>> connections_;
    std::map<std::string, std::vector<std::weak_ptr<FrameSink>>> subscribers_;
    std::map<std::string, ChatSession> sessions_;
};

}  // namespace simbot
