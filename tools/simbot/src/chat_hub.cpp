#include "chat_hub.hpp"

#include <algorithm>

#include "server_frames.hpp"

namespace simbot {

void ChatHub::add_connection(const std::shared_ptr<FrameSink>& sink)
{
    connections_[sink->sink_id()] = sink;
}

void ChatHub::remove_connection(std::uint64_t sink_id)
{
    connections_.erase(sink_id);
    for (auto it = subscribers_.begin(); it != subscribers_.end();) {
        auto& list = it->second;
        std::erase_if(list, [sink_id](const std::weak_ptr<FrameSink>& weak) {
            const auto sink = weak.lock();
            return !sink || sink->sink_id() == sink_id;
        });
        it = list.empty() ? subscribers_.erase(it) : std::next(it);
    }
}

void ChatHub::subscribe(const std::string& chat_id, const std::shared_ptr<FrameSink>& sink)
{
    auto& list = subscribers_[chat_id];
    const bool present = std::any_of(list.begin(), list.end(), [&](const auto& weak) {
        const auto other = weak.lock();
        return other && other->sink_id() == sink->sink_id();
    });
    if (!present) {
        list.push_back(sink);
    }
}

void ChatHub::send_to_chat(const std::string& chat_id, const nlohmann::json& frame)
{
    send_raw_to_chat(chat_id, to_wire(frame));
}

void ChatHub::send_raw_to_chat(const std::string& chat_id, const std::string& text)
{
    const auto it = subscribers_.find(chat_id);
    if (it == subscribers_.end()) {
        return;
    }
    for (const auto& weak : it->second) {
        if (const auto sink = weak.lock()) {
            sink->send_text(text);
        }
    }
}

void ChatHub::close_chat_connections(const std::string& chat_id)
{
    const auto it = subscribers_.find(chat_id);
    if (it == subscribers_.end()) {
        return;
    }
    // Copied first: closing may remove the connection from the list being walked.
    std::vector<std::shared_ptr<FrameSink>> sinks;
    for (const auto& weak : it->second) {
        if (auto sink = weak.lock()) {
            sinks.push_back(std::move(sink));
        }
    }
    for (const auto& sink : sinks) {
        sink->close();
    }
}

void ChatHub::broadcast(const nlohmann::json& frame)
{
    const std::string text = to_wire(frame);
    for (const auto& [id, weak] : connections_) {
        if (const auto sink = weak.lock()) {
            sink->send_text(text);
        }
    }
}

ChatSession& ChatHub::session(const std::string& chat_id)
{
    return sessions_[chat_id];
}

void ChatHub::close_all()
{
    // Copy first: closing may call back into remove_connection.
    std::vector<std::shared_ptr<FrameSink>> sinks;
    for (const auto& [id, weak] : connections_) {
        if (auto sink = weak.lock()) {
            sinks.push_back(std::move(sink));
        }
    }
    for (const auto& sink : sinks) {
        sink->close();
    }
}

}  // namespace simbot
