// The scripted parts of a turn: the ordinary answer and each `!sim` scenario (README.md).
#include "turn.hpp"

#include <cstdio>
#include <cstdlib>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "ids.hpp"
#include "json_log.hpp"
#include "media.hpp"
#include "png_writer.hpp"
#include "reply.hpp"
#include "server_frames.hpp"

namespace simbot {

namespace asio = boost::asio;

namespace {

constexpr std::size_t kWordChunkBytes = 12;
constexpr std::size_t kBigChunkBytes = 64 * 1024;
constexpr std::size_t kEmojiChunkBytes = 7;  // small: ZWJ sequences straddle deltas
constexpr auto kNeverCap = std::chrono::hours(1);

nlohmann::json tool_event(const char* phase, const nlohmann::json& result)
{
    return {{"version", 1}, {"phase", phase}, {"call_id", "call_sim_1"}, {"name", "read_file"},
            {"arguments", {{"path", "SOUL.md"}}}, {"result", result}, {"error", nullptr},
            {"files", nlohmann::json::array()}, {"embeds", nlohmann::json::array()}};
}

}  // namespace

asio::awaitable<void> Turn::run_body()
{
    const auto reply = compose_reply(persona_.line, input_.text, turn_number_,
                                     input_.attachment_names);
    switch (scenario_.kind) {
    case ScenarioKind::kHelp:
        co_await stream_answer(scenario_list_text(), kWordChunkBytes);
        break;
    case ScenarioKind::kReasoning:
        co_await play_reasoning();
        co_await stream_answer(reply, kWordChunkBytes);
        break;
    case ScenarioKind::kTool:
        co_await play_tool_round();
        break;
    case ScenarioKind::kLlmError:
        co_await play_llm_error();
        break;
    case ScenarioKind::kMedia:
        co_await play_media();
        break;
    case ScenarioKind::kReplyTo:
        co_await play_reply_to();
        break;
    case ScenarioKind::kBig:
        co_await stream_answer(make_big_reply(scenario_.amount), kBigChunkBytes);
        break;
    case ScenarioKind::kNever:
        co_await play_never();
        break;
    case ScenarioKind::kEmoji:
        co_await stream_answer(emoji_reply(persona_.line), kEmojiChunkBytes, false);
        break;
    case ScenarioKind::kStamp:
        co_await play_stamps();
        break;
    case ScenarioKind::kNoUsage:
        usage_mode_ = UsageMode::kNone;
        co_await stream_answer(reply, kWordChunkBytes);
        break;
    case ScenarioKind::kNoTotal:
        usage_mode_ = UsageMode::kNoTotal;
        co_await stream_answer(reply, kWordChunkBytes);
        break;
    default:
        co_await stream_answer(reply, kWordChunkBytes);
        break;
    }
}

asio::awaitable<void> Turn::mid_turn_event()
{
    switch (scenario_.kind) {
    case ScenarioKind::kUnknownFrame:
        emit({{"event", "hologram"}, {"chat_id", chat_id_}, {"shape", "dodecahedron"}});
        break;
    case ScenarioKind::kMalformed:
        app_.hub.send_raw_to_chat(chat_id_, "<<simbot: this frame is not JSON>>");
        break;
    case ScenarioKind::kForeignChat:
        emit({{"event", "message"}, {"chat_id", "sim-foreign-" + random_hex(8)},
              {"text", "This frame belongs to a chat you never opened."}});
        break;
    case ScenarioKind::kDisconnect:
        log_warn("simulated connection loss", {{"chat_id", chat_id_}});
        // A moment for the first delta to leave, then the socket closes mid-stream.
        co_await pause(std::chrono::milliseconds(100));
        app_.hub.close_chat_connections(chat_id_);
        break;
    case ScenarioKind::kCrash:
        log_error("simulated crash, exiting with code 3", {{"chat_id", chat_id_}});
        // Give the socket writes of the first delta a moment, then die without cleanup.
        co_await pause(std::chrono::milliseconds(100));
        std::fflush(stdout);
        std::_Exit(3);
    default:
        break;
    }
}

asio::awaitable<void> Turn::play_reasoning()
{
    const char* thoughts[] = {"The user wrote something; ", "a friendly echo fits, ",
                              "so answer briefly."};
    for (const char* piece : thoughts) {
        if (!co_await pause(chunk_delay())) {
            co_return;
        }
        emit({{"event", "reasoning_delta"}, {"chat_id", chat_id_}, {"text", piece}});
    }
    emit({{"event", "reasoning_end"}, {"chat_id", chat_id_}});
}

asio::awaitable<void> Turn::play_tool_round()
{
    const bool streaming = app_.config.websocket.streaming;
    if (streaming) {
        emit(stream_end_frame(chat_id_, stream_id(), true));
        ++segment_;
    }
    auto hint = message_frame(chat_id_, "read_file(\"SOUL.md\")");
    hint["kind"] = "tool_hint";
    hint["tool_events"] = nlohmann::json::array({tool_event("start", nullptr)});
    emit(hint);
    if (!co_await pause(chunk_delay())) {
        co_return;
    }
    auto progress = message_frame(chat_id_, "");
    progress["kind"] = "progress";
    progress["tool_events"] = nlohmann::json::array({tool_event("end", "1| # " + persona_.line)});
    emit(progress);

    // The second LLM request sees the prompt again plus the tool result.
    requests_ = 2;
    prompt_tokens_ = prompt_tokens_ * 2 + 8;
    co_await stream_answer("[" + persona_.line + "] I read SOUL.md; it starts with \"" +
                               persona_.line + "\". You said: " + input_.text,
                           kWordChunkBytes);
}

asio::awaitable<void> Turn::play_llm_error()
{
    if (app_.config.websocket.streaming) {
        emit(stream_end_frame(chat_id_, stream_id()));
        ++segment_;
    }
    if (!co_await pause(chunk_delay())) {
        co_return;
    }
    auto frame = message_frame(chat_id_, "Error calling LLM: 401 invalid api key");
    frame["latency_ms"] = latency_ms();
    emit(frame);
    usage_mode_ = UsageMode::kFixed;
    fixed_usage_ = {{"prompt_tokens", 0}, {"completion_tokens", 0}, {"request_count", 1}};
}

asio::awaitable<void> Turn::play_media()
{
    if (!co_await pause(chunk_delay())) {
        co_return;
    }
    const auto path = write_unique_file(app_.media_dir(), "simbot-sample.png", make_sample_png());
    const std::string text = path ? "[" + persona_.line + "] Here is a small generated image."
                                  : "[" + persona_.line + "] I could not write the image file.";
    auto frame = message_frame(chat_id_, text);
    if (path) {
        frame["media"] = nlohmann::json::array({*path});
    }
    frame["latency_ms"] = latency_ms();
    emit(frame);
    reply_bytes_ += text.size();
}

asio::awaitable<void> Turn::play_reply_to()
{
    if (!co_await pause(chunk_delay())) {
        co_return;
    }
    const auto text = compose_reply(persona_.line, input_.text, turn_number_);
    auto frame = message_frame(chat_id_, text);
    frame["reply_to"] = "sim-" + chat_id_ + "-" + std::to_string(turn_number_);
    frame["latency_ms"] = latency_ms();
    emit(frame);
    reply_bytes_ += text.size();
}

asio::awaitable<void> Turn::play_never()
{
    const std::string text = "[" + persona_.line + "] Thinking forever...";
    const std::string id = stream_id();
    const bool streaming = app_.config.websocket.streaming;
    if (streaming && co_await pause(chunk_delay())) {
        emit(delta_frame(chat_id_, text, id));
        reply_bytes_ += text.size();
    }
    // Ends only by /stop, /new or shutdown; the cap keeps every wait bounded.
    co_await pause(kNeverCap);
    if (streaming) {
        emit(stream_end_frame(chat_id_, id));
        ++segment_;
    }
}

// For relay benchmarks: every delta carries the moment it was sent on the steady clock (the
// same CLOCK_MONOTONIC in every process of the host), so a reader on this host computes the
// frame's latency. Paced by absolute deadlines, so a late wake-up does not slow the rate.
asio::awaitable<void> Turn::play_stamps()
{
    const std::string id = stream_id();
    const auto interval = std::chrono::microseconds(scenario_.interval_us);
    auto next = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < scenario_.amount && !cancelled_; ++i) {
        if (interval.count() > 0) {
            next += interval;
            timer_.expires_at(next);
            co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        } else {
            co_await asio::post(app_.io, asio::use_awaitable);
        }
        if (cancelled_) {
            break;
        }
        const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::steady_clock::now().time_since_epoch());
        const std::string text = std::to_string(now.count()) + " ";
        emit(delta_frame(chat_id_, text, id));
        reply_bytes_ += text.size();
    }
    emit(stream_end_frame(chat_id_, id));
    ++segment_;
}

}  // namespace simbot
