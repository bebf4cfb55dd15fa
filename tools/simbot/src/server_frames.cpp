#include "server_frames.hpp"

#include <filesystem>

namespace simbot {

nlohmann::json ready_frame(const std::string& chat_id, const std::string& client_id)
{
    return {{"event", "ready"}, {"chat_id", chat_id}, {"client_id", client_id}};
}

nlohmann::json attached_frame(const std::string& chat_id, const nlohmann::json& usage)
{
    nlohmann::json frame = {{"event", "attached"}, {"chat_id", chat_id}, {"model_preset", nullptr}};
    if (usage.is_object()) {
        frame["usage"] = usage;
    }
    return frame;
}

nlohmann::json error_frame(const std::string& detail, const std::string& chat_id,
                           const std::string& reason)
{
    nlohmann::json frame = {{"event", "error"}, {"detail", detail}};
    if (!reason.empty()) {
        frame["reason"] = reason;
    }
    if (!chat_id.empty()) {
        frame["chat_id"] = chat_id;
    }
    return frame;
}

nlohmann::json turn_model_updated_frame(const std::string& chat_id, const std::string& model,
                                        long long context_window_tokens)
{
    return {{"event", "turn_model_updated"}, {"chat_id", chat_id}, {"model_name", model},
            {"context_window_tokens", context_window_tokens}};
}

nlohmann::json goal_status_frame(const std::string& chat_id, bool running,
                                 std::optional<double> started_at)
{
    nlohmann::json frame = {{"event", "goal_status"}, {"chat_id", chat_id},
                            {"status", running ? "running" : "idle"}};
    if (started_at) {
        frame["started_at"] = *started_at;
    }
    return frame;
}

nlohmann::json delta_frame(const std::string& chat_id, const std::string& text,
                           const std::string& stream_id)
{
    return {{"event", "delta"}, {"chat_id", chat_id}, {"text", text}, {"stream_id", stream_id}};
}

nlohmann::json stream_end_frame(const std::string& chat_id, const std::string& stream_id,
                                bool resuming)
{
    nlohmann::json frame = {{"event", "stream_end"}, {"chat_id", chat_id},
                            {"stream_id", stream_id}};
    if (resuming) {
        frame["resuming"] = true;
    }
    return frame;
}

nlohmann::json message_frame(const std::string& chat_id, const std::string& text)
{
    return {{"event", "message"}, {"chat_id", chat_id}, {"text", text}};
}

nlohmann::json turn_end_frame(const std::string& chat_id, std::int64_t latency_ms,
                              const nlohmann::json& usage, long long context_window_tokens)
{
    nlohmann::json frame = {{"event", "turn_end"}, {"chat_id", chat_id},
                            {"latency_ms", latency_ms},
                            {"goal_state", {{"active", false}}}};
    if (usage.is_object()) {
        frame["usage"] = usage;
    }
    frame["context_window_tokens"] = context_window_tokens;
    return frame;
}

nlohmann::json session_updated_frame(const std::string& chat_id, const std::string& scope,
                                     const std::string& workspace)
{
    nlohmann::json frame = {{"event", "session_updated"}, {"chat_id", chat_id}, {"scope", scope}};
    if (!workspace.empty()) {
        const std::string name = std::filesystem::path(workspace).filename().string();
        frame["workspace_scope"] = {
            {"project_path", workspace},
            {"access_mode", "full"},
            {"project_name", name},
            {"restrict_to_workspace", false},
            {"sandbox_status",
             {{"restrict_to_workspace", false}, {"workspace_root", workspace}, {"level", "off"},
              {"enforced", false}, {"provider", "none"}, {"provider_label", "None"},
              {"summary", "Workspace restriction is disabled."}}}};
    }
    return frame;
}

std::string make_stream_id(const std::string& chat_id, std::int64_t time_ns, int segment)
{
    return "websocket:" + chat_id + ":" + std::to_string(time_ns) + ":" + std::to_string(segment);
}

std::string to_wire(const nlohmann::json& frame)
{
    return frame.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace simbot
