#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "app_context.hpp"
#include "persona.hpp"
#include "scenario.hpp"

namespace simbot {

struct TurnInput {
    std::string text;
    std::vector<std::string> attachments;  // saved server-local paths
    std::vector<std::string> attachment_names;  // the names the client gave (sanitised)
};

// One agent turn of one chat: emits the frames of interface ref 3.5 to the chat's subscribers.
// Owned by ChatSession::running while it runs and by its own coroutine; lives on the io thread.
class Turn : public std::enable_shared_from_this<Turn> {
public:
    Turn(AppContext& app, std::string chat_id, TurnInput input);

    // Spawns the turn's coroutine; frames start flowing on the next io_context round.
    void start();

    // Folds a message that arrived while this turn runs into it (answered before turn_end).
    void inject(std::string text);

    // Ends the turn early (/stop, /new); it still sends stream_end and turn_end.
    void cancel();

    double started_at() const { return started_at_; }

private:
    enum class UsageMode { kFull, kNone, kNoTotal, kFixed };

    boost::asio::awaitable<void> run();
    boost::asio::awaitable<void> run_body();
    boost::asio::awaitable<void> answer_injected();
    boost::asio::awaitable<bool> pause(std::chrono::milliseconds delay);
    boost::asio::awaitable<void> stream_answer(const std::string& text, std::size_t chunk_bytes,
                                               bool prefer_spaces = true);
    boost::asio::awaitable<void> mid_turn_event();
    boost::asio::awaitable<void> play_reasoning();
    boost::asio::awaitable<void> play_tool_round();
    boost::asio::awaitable<void> play_llm_error();
    boost::asio::awaitable<void> play_media();
    boost::asio::awaitable<void> play_reply_to();
    boost::asio::awaitable<void> play_never();
    boost::asio::awaitable<void> play_stamps();

    void emit(const nlohmann::json& frame);
    void finish();
    void release_session();
    void load_model();
    nlohmann::json computed_usage() const;
    std::string stream_id() const;
    std::int64_t latency_ms() const;
    std::chrono::milliseconds chunk_delay() const;

    AppContext& app_;
    std::string chat_id_;
    TurnInput input_;
    Scenario scenario_;
    Persona persona_;
    std::string model_;
    long long context_window_ = 0;
    std::deque<std::string> injected_;
    boost::asio::steady_timer timer_;
    bool cancelled_ = false;
    int generation_ = 0;  // session generation at start; /new bumps it
    int turn_number_ = 1;
    int folded_ = 0;

    std::chrono::steady_clock::time_point started_;
    double started_at_ = 0;
    std::int64_t stream_time_ns_ = 0;
    int segment_ = 0;

    long long prompt_tokens_ = 0;
    std::size_t reply_bytes_ = 0;
    long long requests_ = 1;
    UsageMode usage_mode_ = UsageMode::kFull;
    nlohmann::json fixed_usage_;
};

}  // namespace simbot
