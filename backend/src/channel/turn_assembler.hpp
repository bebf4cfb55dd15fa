// Builds one dashboard turn from the bot's frames: the answer text across stream segments, the
// reasoning and tool hints kept apart from it, media, the model, and the usage figures. Pure
// logic with no I/O, so every frame sequence can be tested directly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channel/bot_frame.hpp"
#include "common/json.hpp"

namespace nbdash::channel {

struct TurnStep {
    std::string answer_delta;     // text to relay as chat_delta (may be empty)
    std::string reasoning_delta;  // text to relay as chat_reasoning
    std::string tool_hint;        // a tool call being made, to relay as chat_progress
    bool finished = false;        // a turn_end or error frame closed the turn
    // The turn ended without usage (nanobot before 0.3.x): the session's last usage can still
    // be had by attaching to the chat again.
    bool needs_usage = false;
};

struct TurnOutcome {
    std::string request_id;
    std::string status;            // success, error, timeout, interrupted
    std::string text;              // the answer; may be partial
    std::string reply_status;      // complete, partial, error
    std::string reasoning;
    std::vector<std::string> tool_hints;
    Json media = Json::array();
    std::optional<std::string> model;
    std::optional<std::string> provider;
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    std::int64_t total_tokens = 0;
    bool usage_estimated = false;
    std::optional<std::int64_t> latency_ms;
    Json usage;  // the bot's usage map as sent, or null
    std::optional<std::string> error_detail;
};

class TurnAssembler {
public:
    TurnAssembler(std::string request_id, std::optional<std::string> model,
                  std::optional<std::string> configured_provider, std::int64_t started_ms);

    TurnStep feed(const BotFrame& frame);
    // Takes the usage reported by an `attached` frame for a turn that ended without any.
    void adopt_usage(const Json& usage) { usage_ = usage; }
    // The request is a slash command: nanobot answers it without a model call, so a turn_end
    // without usage means no tokens, not usage to fetch or estimate.
    void mark_command() { command_ = true; }
    bool is_command() const { return command_; }
    // Closes the turn. status is success after a turn_end (turned into error when the reply is
    // a model failure report), or the status the caller decided (error/timeout/interrupted).
    TurnOutcome finish(std::string status, std::optional<std::string> detail, std::int64_t now_ms);

    const std::string& request_id() const { return request_id_; }
    const std::string& text() const { return text_; }
    bool has_output() const { return !text_.empty() || !reasoning_.empty(); }

private:
    void append_answer(const std::string& piece);

    std::string request_id_;
    std::optional<std::string> model_;
    std::optional<std::string> configured_provider_;
    std::int64_t started_ms_;
    std::string text_;
    std::string reasoning_;
    std::vector<std::string> tool_hints_;
    Json media_ = Json::array();
    std::optional<std::string> current_stream_;
    std::size_t segment_start_ = 0;
    bool new_segment_pending_ = false;
    Json usage_;
    std::optional<std::int64_t> latency_ms_;
    std::optional<std::string> error_detail_;
    bool command_ = false;
};

// A slash command (/new, /stop, /help, ...), as nanobot reads its message content.
bool is_slash_command(std::string_view text);
// /stop, which nanobot handles at once rather than as a turn of its own.
bool is_stop_command(std::string_view text);

// The provider of a model string such as "openai/gpt-4o"; falls back to the configured
// provider when the model has no prefix and the provider is not "auto".
std::optional<std::string> provider_of(const std::optional<std::string>& model,
                                       const std::optional<std::string>& configured_provider);

// nanobot reports a failed model call as an ordinary reply; these are its known shapes.
bool looks_like_model_failure(const std::string& text);

}  // namespace nbdash::channel
