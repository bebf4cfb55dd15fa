#include "channel/bot_channel.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "common/log.hpp"
#include "common/time.hpp"
#include "realtime/chat_frame.hpp"
#include "workspace/chat_uploads.hpp"

namespace nbdash::channel {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::chrono::milliseconds kFirstRetry{100};
constexpr std::chrono::milliseconds kMaxRetry{5000};
// While a bot boots, failed connects are expected; only after this long is it degraded.
constexpr std::int64_t kStartupGraceMs = 20000;
constexpr std::int64_t kDrainMs = 10000;
constexpr std::chrono::seconds kUsageWait{3};
// A silent connection is probed after 30 s, then every 10 s; three unanswered probes (about a
// minute in all) close it, and the channel reconnects.
constexpr int kKeepAliveIdleSeconds = 30;
constexpr int kKeepAliveIntervalSeconds = 10;
constexpr int kKeepAliveProbes = 3;
// Text held for joining is sent once it reaches this size or age, whatever waits behind it: a
// bot streaming faster than it is relayed still reaches the browsers in a steady flow, well
// within a screen refresh.
constexpr std::size_t kMaxHeldBytes = 32 * 1024;
constexpr std::chrono::milliseconds kMaxHeldTime{10};

void keep_alive(asio::ip::tcp::socket& socket) {
    using Idle = asio::detail::socket_option::integer<IPPROTO_TCP, TCP_KEEPIDLE>;
    using Interval = asio::detail::socket_option::integer<IPPROTO_TCP, TCP_KEEPINTVL>;
    using Probes = asio::detail::socket_option::integer<IPPROTO_TCP, TCP_KEEPCNT>;
    boost::system::error_code ignored;
    socket.set_option(asio::socket_base::keep_alive(true), ignored);
    socket.set_option(Idle(kKeepAliveIdleSeconds), ignored);
    socket.set_option(Interval(kKeepAliveIntervalSeconds), ignored);
    socket.set_option(Probes(kKeepAliveProbes), ignored);
}

}  // namespace

BotChannel::BotChannel(asio::any_io_executor executor, ChannelTarget target, realtime::Hub& hub,
                       ChannelListener& listener, BlockingPool& blocking)
    : strand_(asio::make_strand(executor)),
      target_(std::move(target)),
      hub_(hub),
      listener_(listener),
      blocking_(blocking),
      topic_(realtime::Hub::bot_topic(target_.bot_id)),
      retry_timer_(strand_),
      turn_timer_(strand_),
      usage_timer_(strand_) {}

void BotChannel::start() {
    asio::co_spawn(strand_, [self = shared_from_this()] { return self->run(); }, asio::detached);
}

void BotChannel::stop(const std::string& reason) {
    asio::post(strand_, [self = shared_from_this(), reason] {
        self->stopping_ = true;
        self->retry_timer_.cancel();
        self->close_turn("interrupted", reason);
        self->fail_pending(reason);
        if (self->ws_) beast::get_lowest_layer(*self->ws_).close();
    });
}

bool BotChannel::reserve_place(std::size_t max_waiting) {
    std::size_t now = waiting_.load();
    do {
        if (now >= max_waiting) return false;
    } while (!waiting_.compare_exchange_weak(now, now + 1));
    return true;
}

void BotChannel::release_place() { waiting_.fetch_sub(1); }

void BotChannel::submit(PendingRequest request) {
    asio::post(strand_, [self = shared_from_this(), request = std::move(request)]() mutable {
        if (self->stopping_) {
            self->release_place();
            self->close_unsent(request, "interrupted", "the bot was stopped");
            return;
        }
        if (is_stop_command(request.text)) {
            self->stop_now(std::move(request));
            return;
        }
        self->pending_.push_back(std::move(request));
        self->maybe_send_next();
    });
}

void BotChannel::stop_now(PendingRequest request) {
    // nanobot handles /stop at once instead of queueing it behind the turn it is meant to end,
    // so the dashboard does the same: it never waits in the queue, and with no turn running
    // there is nothing to stop and nothing is sent.
    release_place();
    bool running = false;
    {
        std::lock_guard lock(turn_mutex_);
        running = turn_.has_value();
    }
    if (running && connected_) abandon_turn("interrupted", "stopped with /stop");
    close_unsent(request, "success", std::nullopt);
}

void BotChannel::close_unsent(const PendingRequest& request, std::string status,
                              std::optional<std::string> detail) {
    TurnAssembler turn(request.request_id, std::nullopt, std::nullopt, steady_ms());
    if (is_slash_command(request.text)) turn.mark_command();
    listener_.on_turn_closed(target_.bot_id,
                             turn.finish(std::move(status), std::move(detail), steady_ms()));
}

std::optional<Json> BotChannel::join(const std::function<void()>& subscribe) {
    std::lock_guard lock(turn_mutex_);
    // Held text goes to the browsers already watching; the newcomer finds it in the snapshot.
    release_held();
    subscribe();
    if (!turn_) return std::nullopt;
    return Json{{"type", "chat_snapshot"}, {"bot_id", target_.bot_id},
                {"request_id", turn_->request_id()}, {"text", turn_->text()}};
}

asio::awaitable<void> BotChannel::run() {
    auto self = shared_from_this();
    auto retry = kFirstRetry;
    std::int64_t started = steady_ms();
    bool was_connected = false;
    while (!stopping_) {
        bool connected = co_await connect_once();
        if (connected) {
            retry = kFirstRetry;
            was_connected = true;
            log::info("channel connected", {log::kv("bot_id", target_.bot_id)});
            listener_.on_channel_state(target_.bot_id, "ready", "");
            send(attach_frame(workspace::BotFiles::kChatId));
            maybe_send_next();
            co_await read_loop();
            connected_ = false;
            ws_.reset();
            close_turn("interrupted", "the connection to the bot was lost mid-turn");
            if (stopping_) break;
            log::warn("channel connection lost", {log::kv("bot_id", target_.bot_id)});
            listener_.on_channel_state(target_.bot_id, "degraded",
                                       "the dashboard channel connection was lost; reconnecting");
        } else if (was_connected || steady_ms() - started > kStartupGraceMs) {
            listener_.on_channel_state(target_.bot_id, "degraded",
                                       "the bot's channel does not accept connections");
        }
        retry_timer_.expires_after(retry);
        co_await retry_timer_.async_wait(kTuple);
        retry = std::min(retry * 2, kMaxRetry);
    }
}

asio::awaitable<bool> BotChannel::connect_once() {
    const auto& endpoint = target_.endpoint;
    boost::system::error_code ec;
    auto address = asio::ip::make_address(endpoint.host == "0.0.0.0" ? "127.0.0.1"
                                                                     : endpoint.host, ec);
    if (ec) address = asio::ip::make_address("127.0.0.1");

    auto ws = std::make_unique<websocket::stream<beast::tcp_stream>>(strand_);
    auto& tcp = beast::get_lowest_layer(*ws);
    tcp.expires_after(std::chrono::seconds(5));
    auto [connect_ec] = co_await tcp.async_connect(
        asio::ip::tcp::endpoint(address, endpoint.port), kTuple);
    if (connect_ec || stopping_) co_return false;
    tcp.expires_never();
    // Frames to the bot (messages, attach, /stop) are small and waited for; see http/server.cpp.
    boost::system::error_code ignored;
    tcp.socket().set_option(asio::ip::tcp::no_delay(true), ignored);
    keep_alive(tcp.socket());

    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(10);
    // No idle timer in the WebSocket layer: it is re-armed on every frame read, which cost a
    // timer cancel and a handler per delta. A dead bot is found by TCP keep-alive instead, a
    // stuck one by the turn timeout.
    timeouts.idle_timeout = websocket::stream_base::none();
    timeouts.keep_alive_pings = false;
    ws->set_option(timeouts);
    // Replies can be large (media descriptions, long answers); nanobot's own cap is ~36 MiB.
    ws->read_message_max(40 * 1024 * 1024);

    std::string target = endpoint.path + "?client_id=" + workspace::BotFiles::kClientId +
                         "&token=" +
                         boost::urls::encode(endpoint.token, boost::urls::unreserved_chars);
    std::string host = address.to_string() + ":" + std::to_string(endpoint.port);
    auto [handshake_ec] = co_await ws->async_handshake(host, target, kTuple);
    if (handshake_ec || stopping_) co_return false;

    // The server greets with "ready" before anything else.
    beast::flat_buffer buffer;
    auto [read_ec, bytes] = co_await ws->async_read(buffer, kTuple);
    if (read_ec) co_return false;
    auto greeting = parse_bot_frame(beast::buffers_to_string(buffer.data()));
    if (greeting.type != FrameType::kReady) {
        log::warn("channel greeting was not ready", {log::kv("bot_id", target_.bot_id),
                                                     log::kv("event", greeting.event)});
    }
    ws_ = std::move(ws);
    connected_ = true;
    co_return true;
}

asio::awaitable<void> BotChannel::read_loop() {
    beast::flat_buffer buffer;
    while (ws_) {
        auto [ec, bytes] = co_await ws_->async_read(buffer, kTuple);
        if (ec) co_return;
        auto data = buffer.cdata();
        handle_frame(std::string_view(static_cast<const char*>(data.data()), data.size()));
        buffer.consume(buffer.size());
        // More of the bot's frames already wait: the text just read may be joined with theirs.
        // Otherwise it leaves now, so holding text never delays it.
        boost::system::error_code available_ec;
        if (!ws_ || beast::get_lowest_layer(*ws_).socket().available(available_ec) == 0 ||
            available_ec) {
            std::lock_guard lock(turn_mutex_);
            release_held();
        }
        // Give back the memory of an unusually large frame so idle connections stay small.
        if (buffer.capacity() > 64 * 1024) buffer = beast::flat_buffer();
    }
}

void BotChannel::send(std::string frame) {
    outbox_.push_back(std::move(frame));
    if (!writing_ && ws_) {
        writing_ = true;
        asio::co_spawn(strand_, write_loop(), asio::detached);
    }
}

asio::awaitable<void> BotChannel::write_loop() {
    auto self = shared_from_this();
    while (!outbox_.empty() && ws_) {
        std::string frame = std::move(outbox_.front());
        outbox_.pop_front();
        ws_->text(true);
        auto [ec, bytes] = co_await ws_->async_write(asio::buffer(frame), kTuple);
        if (ec) break;
    }
    writing_ = false;
}

void BotChannel::handle_frame(std::string_view text) {
    BotFrame frame = parse_bot_frame(text);
    if (frame.type == FrameType::kUnparseable || frame.type == FrameType::kUnknown) {
        ++unknown_frames_;
        std::string key = frame.type == FrameType::kUnknown ? frame.event : "<unparseable>";
        if (unknown_events_logged_.size() < 32 && unknown_events_logged_.insert(key).second) {
            log::warn("ignored a frame the dashboard does not understand",
                      {log::kv("bot_id", target_.bot_id), log::kv("event", key)});
        }
        return;
    }
    if (frame.type == FrameType::kRuntimeModelUpdated) {
        runtime_model_ = frame.model_name;
        return;
    }
    if (frame.chat_id && *frame.chat_id != workspace::BotFiles::kChatId) return;

    if (draining_until_ms_ > 0) {
        // Late frames of a turn that already timed out.
        if (frame.type == FrameType::kTurnEnd || steady_ms() > draining_until_ms_) {
            draining_until_ms_ = 0;
            maybe_send_next();
        }
        return;
    }

    if (awaiting_usage_) {
        if (frame.type != FrameType::kAttached) return;
        {
            std::lock_guard lock(turn_mutex_);
            if (turn_ && frame.usage.is_object()) turn_->adopt_usage(frame.usage);
        }
        awaiting_usage_ = false;
        usage_timer_.cancel();
        close_turn("success", std::nullopt);
        maybe_send_next();
        return;
    }

    bool finished = false;
    bool needs_usage = false;
    {
        std::lock_guard lock(turn_mutex_);
        if (!turn_) return;
        TurnStep step = turn_->feed(frame);
        if (!step.answer_delta.empty()) relay("chat_delta", step.answer_delta);
        if (!step.reasoning_delta.empty()) relay("chat_reasoning", step.reasoning_delta);
        if (!step.tool_hint.empty()) relay("chat_progress", step.tool_hint);
        // Only streamed pieces wait to be joined; anything else keeps its place in the order.
        bool streamed = frame.type == FrameType::kDelta || frame.type == FrameType::kReasoningDelta;
        if (!streamed || held_text_.size() >= kMaxHeldBytes ||
            std::chrono::steady_clock::now() - held_since_ >= kMaxHeldTime) {
            release_held();
        }
        finished = step.finished;
        needs_usage = step.needs_usage && frame.type == FrameType::kTurnEnd && !turn_->is_command();
    }
    if (needs_usage) {
        request_usage();
        return;
    }
    if (finished) {
        close_turn("success", std::nullopt);
        maybe_send_next();
    }
}

void BotChannel::maybe_send_next() {
    if (!connected_ || stopping_ || draining_until_ms_ > 0 || pending_.empty()) return;
    std::optional<PendingRequest> with_files;
    {
        std::lock_guard lock(turn_mutex_);
        if (turn_) return;
        PendingRequest next = std::move(pending_.front());
        pending_.pop_front();
        waiting_.fetch_sub(1);
        turn_.emplace(next.request_id, runtime_model_ ? runtime_model_ : target_.model,
                      target_.provider, steady_ms());
        if (is_slash_command(next.text)) turn_->mark_command();
        // Ids and counts only: message text and attachments never reach the log.
        log::info("turn started", {log::kv("bot_id", target_.bot_id),
                                   log::kv("request_id", next.request_id),
                                   log::kv("attachments", next.files.size()),
                                   log::kv("queued", pending_.size())});
        arm_turn_timer(next.request_id);
        if (next.files.empty()) {
            send(message_frame(workspace::BotFiles::kChatId, next.text));
        } else {
            with_files = std::move(next);
        }
    }
    if (with_files) {
        asio::co_spawn(strand_, send_with_files(std::move(*with_files)), asio::detached);
    }
    listener_.on_channel_state(target_.bot_id, "busy", "");
}

asio::awaitable<void> BotChannel::send_with_files(PendingRequest request) {
    auto self = shared_from_this();
    const std::filesystem::path& data_dir = target_.data_dir;
    // Base64 and JSON of tens of MiB are built on the pool too; an empty frame means the files
    // could not be read back (removed or replaced by a link in the bot's folder).
    auto build = [&data_dir, &request]() -> std::string {
        try {
            auto files = workspace::read_chat_uploads(data_dir, request.request_id, request.files);
            Json media = Json::array();
            for (const auto& file : files) {
                media.push_back({{"data_url", data_url(file)}, {"name", file.name}});
            }
            return message_frame(workspace::BotFiles::kChatId, request.text, media);
        } catch (const std::exception& e) {
            log::warn("queued attachments could not be read",
                      {log::kv("request_id", request.request_id), log::kv("error", e.what())});
            return std::string();
        }
    };
    std::string frame = co_await blocking_.run(build);
    bool same_turn = false;
    {
        std::lock_guard lock(turn_mutex_);
        same_turn = turn_ && turn_->request_id() == request.request_id;
    }
    // The turn may have ended meanwhile (stop, lost connection, timeout): nothing to send.
    if (!same_turn || !connected_) co_return;
    if (frame.empty()) {
        close_turn("error", "the message's attachments could not be read from the bot's folder");
        maybe_send_next();
        co_return;
    }
    send(std::move(frame));
}

void BotChannel::arm_turn_timer(const std::string& request_id) {
    std::chrono::seconds timeout = target_.turn_timeout();
    turn_timer_.expires_after(timeout);
    turn_timer_.async_wait([self = shared_from_this(), request_id,
                            timeout](boost::system::error_code ec) {
        if (ec) return;
        bool same_turn = false;
        {
            std::lock_guard lock(self->turn_mutex_);
            same_turn = self->turn_ && self->turn_->request_id() == request_id;
        }
        if (!same_turn) return;
        self->abandon_turn("timeout", "no reply within " + std::to_string(timeout.count()) + " s");
    });
}

void BotChannel::abandon_turn(std::string status, std::string detail) {
    close_turn(std::move(status), std::move(detail));
    // Ask the bot to abandon the turn; its leftovers (and its answer to /stop) are swallowed
    // while draining.
    send(message_frame(workspace::BotFiles::kChatId, "/stop"));
    draining_until_ms_ = steady_ms() + kDrainMs;
    // A bot that says nothing more (hung, or answers /stop without a turn_end) must not hold
    // the queue: once the drain time is up the next request goes out. The timer is free here,
    // and a turn_end that ends the drain sooner re-arms it for the next turn, which cancels
    // this wait.
    turn_timer_.expires_after(std::chrono::milliseconds(kDrainMs));
    turn_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec || self->draining_until_ms_ == 0) return;
        self->draining_until_ms_ = 0;
        self->maybe_send_next();
    });
}

void BotChannel::request_usage() {
    awaiting_usage_ = true;
    send(attach_frame(workspace::BotFiles::kChatId));
    usage_timer_.expires_after(kUsageWait);
    usage_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec || !self->awaiting_usage_) return;
        // No usage to be had: the turn closes with an estimate, marked as such.
        self->awaiting_usage_ = false;
        self->close_turn("success", std::nullopt);
        self->maybe_send_next();
    });
}

void BotChannel::close_turn(std::string status, std::optional<std::string> detail) {
    awaiting_usage_ = false;
    usage_timer_.cancel();
    std::optional<TurnOutcome> outcome;
    {
        std::lock_guard lock(turn_mutex_);
        if (!turn_) return;
        release_held();
        outcome = turn_->finish(std::move(status), std::move(detail), steady_ms());
        turn_.reset();
    }
    turn_timer_.cancel();
    listener_.on_turn_closed(target_.bot_id, std::move(*outcome));
    if (connected_ && !stopping_) listener_.on_channel_state(target_.bot_id, "ready", "");
}

void BotChannel::fail_pending(const std::string& reason) {
    while (!pending_.empty()) {
        PendingRequest request = std::move(pending_.front());
        pending_.pop_front();
        waiting_.fetch_sub(1);
        close_unsent(request, "interrupted", reason);
    }
}

void BotChannel::relay(std::string_view type, std::string_view text) {
    if (!held_text_.empty() && held_type_ != type) release_held();
    if (held_text_.empty()) held_since_ = std::chrono::steady_clock::now();
    held_type_ = type;
    held_text_ += text;
}

void BotChannel::release_held() {
    if (held_text_.empty()) return;
    if (turn_) {
        hub_.publish_text(topic_, realtime::chat_text_frame(held_type_, target_.bot_id,
                                                            turn_->request_id(), held_text_));
    }
    held_text_.clear();
    // A long answer's buffer is not kept for the idle hours after it.
    if (held_text_.capacity() > kMaxHeldBytes) held_text_.shrink_to_fit();
}

}  // namespace nbdash::channel
