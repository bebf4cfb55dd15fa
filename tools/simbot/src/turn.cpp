#include "turn.hpp"

#include <exception>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "ids.hpp"
#include "json_log.hpp"
#include "reply.hpp"
#include "server_frames.hpp"
#include "utf8.hpp"

namespace simbot {

namespace asio = boost::asio;

namespace {

constexpr std::size_t kWordChunkBytes = 12;
constexpr int kMaxFoldedMessages = 100;

}  // namespace

Turn::Turn(AppContext& app, std::string chat_id, TurnInput input)
    : app_(app), chat_id_(std::move(chat_id)), input_(std::move(input)), timer_(app.io)
{
    started_ = std::chrono::steady_clock::now();
    started_at_ = epoch_seconds();
    stream_time_ns_ = epoch_ns();
}

void Turn::start()
{
    asio::co_spawn(app_.io, [self = shared_from_this()]() -> asio::awaitable<void> {
        co_await self->run();
    }, asio::detached);
}

void Turn::inject(std::string text)
{
    injected_.push_back(std::move(text));
}

void Turn::cancel()
{
    cancelled_ = true;
    timer_.cancel();
}

asio::awaitable<void> Turn::run()
{
    try {
        auto& session = app_.hub.session(chat_id_);
        generation_ = session.generation;
        turn_number_ = session.turn_count + 1;
        scenario_ = parse_scenario(input_.text);
        persona_ = read_persona(app_.config.agent.workspace);
        prompt_tokens_ = prompt_tokens_for(input_.text.size(), persona_.bytes);
        load_model();

        if (scenario_.kind == ScenarioKind::kErrorFrame) {
            emit(error_frame("simulated failure", chat_id_));
            release_session();
            log_info("turn aborted by scenario", {{"chat_id", chat_id_}});
            co_return;
        }
        if (scenario_.kind == ScenarioKind::kModelSwitch) {
            model_ = "simbot/switched-model";
            app_.hub.broadcast({{"event", "runtime_model_updated"}, {"model_name", model_}});
        }
        emit(turn_model_updated_frame(chat_id_, model_, context_window_));
        emit(goal_status_frame(chat_id_, true, started_at_));
        log_info("turn started", {{"chat_id", chat_id_}, {"input_bytes", input_.text.size()},
                                  {"attachments", input_.attachments.size()}});

        co_await run_body();
        co_await answer_injected();
        finish();
    } catch (const std::exception& e) {
        log_error("turn failed", {{"chat_id", chat_id_}, {"error", e.what()}});
        release_session();
    }
}

asio::awaitable<void> Turn::answer_injected()
{
    while (!injected_.empty() && !cancelled_ && folded_ < kMaxFoldedMessages) {
        const std::string text = std::move(injected_.front());
        injected_.pop_front();
        ++folded_;
        ++requests_;
        prompt_tokens_ += prompt_tokens_for(text.size(), persona_.bytes);
        co_await stream_answer(compose_followup(persona_.line, text), kWordChunkBytes);
    }
}

asio::awaitable<bool> Turn::pause(std::chrono::milliseconds delay)
{
    if (cancelled_) {
        co_return false;
    }
    if (delay.count() <= 0) {
        // Still yield, so /stop and socket writes get a turn between chunks.
        co_await asio::post(app_.io, asio::use_awaitable);
        co_return !cancelled_;
    }
    timer_.expires_after(delay);
    co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    co_return !cancelled_;
}

asio::awaitable<void> Turn::stream_answer(const std::string& text, std::size_t chunk_bytes,
                                          bool prefer_spaces)
{
    if (cancelled_) {
        co_return;
    }
    if (!app_.config.websocket.streaming) {
        if (!co_await pause(chunk_delay())) {
            co_return;
        }
        co_await mid_turn_event();
        auto frame = message_frame(chat_id_, text);
        frame["latency_ms"] = latency_ms();
        emit(frame);
        reply_bytes_ += text.size();
        co_return;
    }

    const std::string id = stream_id();
    const auto chunks = split_chunks(text, chunk_bytes, prefer_spaces);
    for (std::size_t i = 0; i < chunks.size(); ++i) {
        if (!co_await pause(chunk_delay())) {
            break;
        }
        emit(delta_frame(chat_id_, chunks[i], id));
        reply_bytes_ += chunks[i].size();
        if (i == 0) {
            co_await mid_turn_event();
        }
    }
    emit(stream_end_frame(chat_id_, id));
    ++segment_;
}

void Turn::emit(const nlohmann::json& frame)
{
    app_.hub.send_to_chat(chat_id_, frame);
}

void Turn::finish()
{
    const auto usage = computed_usage();
    nlohmann::json wire_usage = usage;
    if (usage_mode_ == UsageMode::kNone) {
        wire_usage = nullptr;
    } else if (usage_mode_ == UsageMode::kNoTotal) {
        wire_usage.erase("total_tokens");
    }
    emit(turn_end_frame(chat_id_, latency_ms(), wire_usage, context_window_));
    app_.hub.broadcast(session_updated_frame(chat_id_, "thread"));
    emit(goal_status_frame(chat_id_, false));

    auto& session = app_.hub.session(chat_id_);
    if (session.generation == generation_) {
        session.turn_count += 1;
        session.message_count += 2 * (1 + folded_);
        session.last_usage = usage;
    }
    release_session();
    if (!app_.ledger.record(usage, "user")) {
        log_warn("token ledger write failed", {{"chat_id", chat_id_}});
    }
    log_info("turn ended", {{"chat_id", chat_id_}, {"latency_ms", latency_ms()},
                            {"prompt_tokens", usage.value("prompt_tokens", 0)},
                            {"completion_tokens", usage.value("completion_tokens", 0)},
                            {"folded", folded_}, {"cancelled", cancelled_}});
}

void Turn::release_session()
{
    // /stop and /new detach a turn early, and a newer turn may own the slot by now.
    auto& running = app_.hub.session(chat_id_).running;
    if (running.get() == this) {
        running.reset();
    }
}

void Turn::load_model()
{
    model_ = app_.config.agent.model;
    context_window_ = app_.config.agent.context_window_tokens;
    if (!app_.config.from_file) {
        return;
    }
    // nanobot re-reads model settings at each turn; a broken file keeps the last good values.
    const auto fresh = load_config(app_.config.config_path.string(), process_env());
    if (fresh.config) {
        model_ = fresh.config->agent.model;
        context_window_ = fresh.config->agent.context_window_tokens;
    }
}

nlohmann::json Turn::computed_usage() const
{
    if (usage_mode_ == UsageMode::kFixed) {
        return fixed_usage_;
    }
    return make_usage(prompt_tokens_, completion_tokens_for(reply_bytes_), requests_);
}

std::string Turn::stream_id() const
{
    return make_stream_id(chat_id_, stream_time_ns_, segment_);
}

std::int64_t Turn::latency_ms() const
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now() - started_).count();
}

std::chrono::milliseconds Turn::chunk_delay() const
{
    if (scenario_.kind == ScenarioKind::kSlow) {
        return std::chrono::milliseconds(scenario_.amount);
    }
    return std::chrono::milliseconds(app_.chunk_delay_ms);
}

}  // namespace simbot
