#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace simbot {

// Builders for the server -> client events of the websocket channel (interface ref 3.4).
// Optional fields are omitted when empty, as nanobot does.

nlohmann::json ready_frame(const std::string& chat_id, const std::string& client_id);

nlohmann::json attached_frame(const std::string& chat_id, const nlohmann::json& usage);

nlohmann::json error_frame(const std::string& detail, const std::string& chat_id = "",
                           const std::string& reason = "");

nlohmann::json turn_model_updated_frame(const std::string& chat_id, const std::string& model,
                                        long long context_window_tokens);

nlohmann::json goal_status_frame(const std::string& chat_id, bool running,
                                 std::optional<double> started_at = std::nullopt);

nlohmann::json delta_frame(const std::string& chat_id, const std::string& text,
                           const std::string& stream_id);

nlohmann::json stream_end_frame(const std::string& chat_id, const std::string& stream_id,
                                bool resuming = false);

nlohmann::json message_frame(const std::string& chat_id, const std::string& text);

// `usage` null = omitted (nanobot before turn_end carried usage).
nlohmann::json turn_end_frame(const std::string& chat_id, std::int64_t latency_ms,
                              const nlohmann::json& usage, long long context_window_tokens);

// scope "thread" after a turn, "metadata" for a new chat (with a workspace_scope block).
nlohmann::json session_updated_frame(const std::string& chat_id, const std::string& scope,
                                     const std::string& workspace = "");

// websocket:<chat_id>:<time_ns>:<segment>, the stream key clients buffer deltas by.
std::string make_stream_id(const std::string& chat_id, std::int64_t time_ns, int segment);

// Serialises a frame; invalid UTF-8 (never expected) is replaced rather than thrown.
std::string to_wire(const nlohmann::json& frame);

}  // namespace simbot
