#include "channel/turn_assembler.hpp"

#include <cctype>

namespace nbdash::channel {

namespace {

std::int64_t usage_int(const Json& usage, const char* key) {
    if (!usage.is_object()) return 0;
    auto it = usage.find(key);
    if (it == usage.end() || !it->is_number_integer()) return 0;
    auto value = it->get<std::int64_t>();
    return value < 0 ? 0 : value;
}

}  // namespace

std::optional<std::string> provider_of(const std::optional<std::string>& model,
                                       const std::optional<std::string>& configured_provider) {
    if (configured_provider && !configured_provider->empty() && *configured_provider != "auto") {
        return configured_provider;
    }
    if (model) {
        auto slash = model->find('/');
        if (slash != std::string::npos && slash > 0) return model->substr(0, slash);
    }
    return std::nullopt;
}

bool is_slash_command(std::string_view text) { return text.starts_with("/"); }

bool is_stop_command(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text == "/stop";
}

bool looks_like_model_failure(const std::string& text) {
    return text.starts_with("Error calling LLM") || text.starts_with("Sorry, I encountered an error");
}

TurnAssembler::TurnAssembler(std::string request_id, std::optional<std::string> model,
                             std::optional<std::string> configured_provider,
                             std::int64_t started_ms)
    : request_id_(std::move(request_id)),
      model_(std::move(model)),
      configured_provider_(std::move(configured_provider)),
      started_ms_(started_ms) {}

void TurnAssembler::append_answer(const std::string& piece) {
    if (piece.empty()) return;
    // Segments separated by a tool round read as paragraphs.
    if (new_segment_pending_ && !text_.empty()) text_ += "\n\n";
    if (new_segment_pending_) segment_start_ = text_.size();
    new_segment_pending_ = false;
    text_ += piece;
}

TurnStep TurnAssembler::feed(const BotFrame& frame) {
    TurnStep step;
    switch (frame.type) {
    case FrameType::kDelta: {
        if (frame.stream_id != current_stream_) {
            current_stream_ = frame.stream_id;
            new_segment_pending_ = true;
        }
        std::size_t before = text_.size();
        append_answer(frame.text);
        step.answer_delta = text_.substr(before);
        break;
    }
    case FrameType::kStreamEnd:
        // The end frame may carry the whole segment (last chunk rode on it, or image links were
        // rewritten); it then replaces what the deltas built.
        if (frame.has_text && !frame.text.empty()) {
            if (frame.stream_id != current_stream_ || new_segment_pending_) {
                std::size_t before = text_.size();
                append_answer(frame.text);
                step.answer_delta = text_.substr(before);
            } else {
                text_.resize(segment_start_);
                text_ += frame.text;
            }
        }
        current_stream_.reset();
        new_segment_pending_ = true;
        break;
    case FrameType::kMessage:
        if (frame.kind == "tool_hint" || frame.kind == "progress") {
            if (!frame.text.empty()) {
                tool_hints_.push_back(frame.text);
                step.tool_hint = frame.text;
            }
        } else {
            new_segment_pending_ = true;
            std::size_t before = text_.size();
            append_answer(frame.text);
            step.answer_delta = text_.substr(before);
            if (frame.latency_ms) latency_ms_ = frame.latency_ms;
        }
        if (frame.media.is_array()) {
            for (const auto& item : frame.media) {
                if (item.is_string()) media_.push_back(item);
            }
        }
        break;
    case FrameType::kReasoningDelta:
        reasoning_ += frame.text;
        step.reasoning_delta = frame.text;
        break;
    case FrameType::kTurnModelUpdated:
        if (frame.model_name) model_ = frame.model_name;
        break;
    case FrameType::kTurnEnd:
        usage_ = frame.usage;
        if (frame.latency_ms) latency_ms_ = frame.latency_ms;
        step.finished = true;
        step.needs_usage = !usage_.is_object();
        break;
    case FrameType::kError:
        error_detail_ = frame.detail.value_or("error");
        step.finished = true;
        break;
    default:
        break;
    }
    return step;
}

TurnOutcome TurnAssembler::finish(std::string status, std::optional<std::string> detail,
                                  std::int64_t now_ms) {
    TurnOutcome out;
    out.request_id = request_id_;
    out.text = text_;
    out.reasoning = reasoning_;
    out.tool_hints = tool_hints_;
    out.media = media_;
    out.model = model_;
    out.provider = provider_of(model_, configured_provider_);
    out.latency_ms = latency_ms_ ? latency_ms_ : std::optional<std::int64_t>(now_ms - started_ms_);
    out.error_detail = detail ? detail : error_detail_;
    if (status == "success" && error_detail_) status = "error";
    bool model_failure = status == "success" && looks_like_model_failure(text_);
    if (model_failure) {
        status = "error";
        out.error_detail = "model call failed: " + text_.substr(0, 200);
    }
    out.status = status;
    // A model failure report is no answer cut short: its reply is stored as error, so the
    // history shows the failure after a reload just as the live turn_end did.
    out.reply_status = status == "success" ? "complete"
                       : (text_.empty() || model_failure) ? "error"
                                                          : "partial";

    if (usage_.is_object()) {
        out.usage = usage_;
        out.input_tokens = usage_int(usage_, "prompt_tokens");
        out.output_tokens = usage_int(usage_, "completion_tokens");
        out.total_tokens = usage_.contains("total_tokens") ? usage_int(usage_, "total_tokens")
                                                           : out.input_tokens + out.output_tokens;
    } else if (command_) {
        // A command calls no model: nothing to count, and nothing estimated.
    } else if (status == "success") {
        // A bot too old to report usage on turn_end: estimate the answer side (about four bytes
        // per token) and say so.
        out.usage_estimated = true;
        out.output_tokens = static_cast<std::int64_t>(text_.size() / 4);
        out.total_tokens = out.output_tokens;
    }
    return out;
}

}  // namespace nbdash::channel
