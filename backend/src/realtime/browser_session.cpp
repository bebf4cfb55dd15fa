#include "realtime/browser_session.hpp"

#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket.hpp>

#include "common/ids.hpp"
#include "common/log.hpp"

namespace nbdash::realtime {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

constexpr std::string_view kDeltaHead = "{\"bot_id\":";
constexpr std::string_view kTextKey = ",\"text\":\"";
constexpr std::string_view kDeltaTail = "\",\"type\":\"chat_delta\"}";
// Deltas are joined up to this size; a browser far behind still gets frames of sensible size.
constexpr std::size_t kMaxJoinedBytes = 64 * 1024;

// Where the escaped text of a chat_delta frame starts, or 0 when frame has another shape. The
// text must run, unbroken by an unescaped quote, up to the closing type key, so no other key
// can hide between them.
std::size_t delta_text_start(std::string_view frame) {
    if (!frame.starts_with(kDeltaHead) || !frame.ends_with(kDeltaTail)) return 0;
    // Inside string values every quote is escaped, so the first match is the key itself.
    auto key = frame.find(kTextKey);
    if (key == std::string_view::npos) return 0;
    std::size_t start = key + kTextKey.size();
    std::size_t end = frame.size() - kDeltaTail.size();
    std::size_t i = start;
    while (i < end) {
        if (frame[i] == '"') return 0;
        i += frame[i] == '\\' ? 2 : 1;
    }
    return i == end ? start : 0;
}

// append_delta for a joined frame whose text is already known to start at head.
bool append_delta_at(std::string& joined, std::size_t head, std::string_view next) {
    if (delta_text_start(next) != head || next.compare(0, head, joined.data(), head) != 0) {
        return false;
    }
    joined.insert(joined.size() - kDeltaTail.size(),
                  next.substr(head, next.size() - head - kDeltaTail.size()));
    return true;
}

}  // namespace

bool append_delta(std::string& joined, std::string_view next) {
    std::size_t head = delta_text_start(joined);
    return head != 0 && append_delta_at(joined, head, next);
}

BrowserSession::BrowserSession(beast::tcp_stream stream, auth::Session session, Hub& hub,
                               ChatJoiner chat_joiner)
    : ws_(std::move(stream)),
      session_(std::move(session)),
      hub_(hub),
      chat_joiner_(std::move(chat_joiner)),
      strand_(asio::make_strand(ws_.get_executor())),
      strand_executor_(strand_) {}

void BrowserSession::set_session_check(std::function<bool()> still_valid) {
    session_check_ = std::move(still_valid);
}

bool BrowserSession::session_alive(bool recheck_due) {
    if (closed_) return false;
    auto now = std::chrono::steady_clock::now();
    if (recheck_due && now - session_checked_at_ < kSessionRecheck) return true;
    session_checked_at_ = now;
    if (!session_check_ || session_check_()) return true;
    closed_ = true;
    hub_.unsubscribe_all(this);
    queue_.clear();
    queued_bytes_ = 0;
    log::info("WebSocket closed: its session ended", {log::kv("topics", topics_.size())});
    // A close handshake could not run while a write is in flight; dropping the connection
    // cancels both the read and any write, and a reconnect meets the 401 of the upgrade.
    boost::system::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
    return false;
}

void BrowserSession::start(http::Request request) {
    asio::co_spawn(strand_, [self = shared_from_this(), request = std::move(request)]() mutable {
        return self->run(std::move(request));
    }, asio::detached);
}

asio::awaitable<void> BrowserSession::run(http::Request request) {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(16 * 1024);
    auto [accept_ec] = co_await ws_.async_accept(request, kTuple);
    if (accept_ec) co_return;

    beast::flat_buffer buffer;
    for (;;) {
        auto [ec, bytes] = co_await ws_.async_read(buffer, kTuple);
        if (ec) break;
        handle_client_frame(beast::buffers_to_string(buffer.data()));
        buffer.consume(buffer.size());
    }
    closed_ = true;
    hub_.unsubscribe_all(this);
}

void BrowserSession::handle_client_frame(const std::string& text) {
    if (!session_alive()) return;
    auto frame = parse_json_object(text);
    if (!frame) {
        send_json({{"type", "error"}, {"message", "frames must be JSON objects"}});
        return;
    }
    auto text_field = [&frame](const char* name) {
        auto it = frame->find(name);
        return it != frame->end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::string type = text_field("type");
    std::string topic = text_field("topic");
    if ((type == "subscribe" || type == "unsubscribe") && topic.empty()) {
        send_json({{"type", "error"}, {"message", "topic must be a non-empty string"}});
    } else if (type == "subscribe") {
        subscribe(topic);
    } else if (type == "unsubscribe") {
        topics_.erase(topic);
        hub_.unsubscribe(topic, this);
    } else if (type == "ping") {
        send_json({{"type", "pong"}});
    } else {
        send_json({{"type", "error"}, {"message", "unknown frame type"}});
    }
}

void BrowserSession::subscribe(const std::string& topic) {
    bool is_bot_topic = topic.starts_with("bot:") && topic.size() > 4;
    // A bot's output is for operators only; the id must be one a bot can have.
    bool is_logs_topic = topic.starts_with("logs:") && is_valid_bot_id(topic.substr(5));
    bool allowed = session_.role == auth::Role::kAdmin
                       ? (topic == Hub::kFleetTopic || topic == Hub::kEventsTopic ||
                          is_bot_topic || is_logs_topic)
                       : topic == Hub::bot_topic(session_.bot_id);
    if (!allowed) {
        send_json({{"type", "error"}, {"message", "not allowed to subscribe to this topic"}});
        return;
    }
    if (!topics_.contains(topic) && topics_.size() >= kMaxTopics) {
        send_json({{"type", "error"}, {"message", "too many topics on one connection (at most " +
                                                      std::to_string(kMaxTopics) + ")"}});
        return;
    }
    topics_.insert(topic);
    auto self = shared_from_this();
    if (!is_bot_topic) {
        hub_.subscribe(topic, self);
        return;
    }
    auto snapshot = chat_joiner_(topic.substr(4), [&] { hub_.subscribe(topic, self); });
    if (snapshot) send_json(*snapshot);
}

void BrowserSession::send_json(const Json& frame) {
    enqueue(std::make_shared<const std::string>(dump_json(frame)));
}

void BrowserSession::deliver(const Frame& frame) {
    // Called from any thread by the hub; the queue belongs to the strand. Frames gather in the
    // inbox and one post moves all that arrived before it runs: a stream of deltas costs one
    // hand-over to the strand per burst, not one per frame.
    bool schedule = false;
    {
        std::lock_guard lock(inbox_mutex_);
        // The limit is on a backlog: one frame larger than it (a long reply's final message, a
        // snapshot) still goes to a browser that has nothing else waiting.
        if (inbox_bytes_ > 0 && inbox_bytes_ + frame->size() > kMaxQueuedBytes) {
            inbox_overflowed_ = true;
        } else {
            inbox_.push_back(frame);
            inbox_bytes_ += frame->size();
        }
        schedule = !inbox_scheduled_;
        inbox_scheduled_ = true;
    }
    if (schedule) asio::post(strand_, [self = shared_from_this()] { self->drain_inbox(); });
}

void BrowserSession::drain_inbox() {
    std::vector<Frame> frames;
    bool overflowed = false;
    {
        std::lock_guard lock(inbox_mutex_);
        frames.swap(inbox_);
        overflowed = std::exchange(inbox_overflowed_, false);
        inbox_bytes_ = 0;
        inbox_scheduled_ = false;
    }
    if (overflowed) {
        resync();
        return;
    }
    for (const auto& frame : frames) enqueue(frame);
}

void BrowserSession::enqueue(const Frame& frame) {
    if (!session_alive(true)) return;
    if (queued_bytes_ > 0 && queued_bytes_ + frame->size() > kMaxQueuedBytes) {
        resync();
        return;
    }
    queue_.push_back(frame);
    queued_bytes_ += frame->size();
    start_writing();
}

void BrowserSession::resync() {
    if (!session_alive(true)) return;
    // Too far behind: drop what is queued and tell the browser to reload its topics.
    queue_.clear();
    queued_bytes_ = 0;
    log::warn("browser too slow, frames dropped", {log::kv("topics", topics_.size())});
    for (const auto& topic : topics_) {
        auto resync = std::make_shared<const std::string>(
            dump_json({{"type", "resync"}, {"topic", topic}}));
        queue_.push_back(resync);
        queued_bytes_ += resync->size();
    }
    start_writing();
}

void BrowserSession::start_writing() {
    if (writing_ || queue_.empty()) return;
    writing_ = true;
    write_next();
}

void BrowserSession::join_waiting_deltas(Frame& frame) {
    if (queue_.empty()) return;
    std::size_t head = delta_text_start(*frame);
    if (head == 0) return;
    std::string joined;
    while (!queue_.empty() && (joined.empty() ? frame->size() : joined.size()) < kMaxJoinedBytes) {
        if (joined.empty()) joined = *frame;
        const Frame& next = queue_.front();
        if (!append_delta_at(joined, head, *next)) break;
        queued_bytes_ -= next->size();
        queue_.pop_front();
    }
    if (joined.size() > frame->size()) frame = std::make_shared<const std::string>(std::move(joined));
}

void BrowserSession::write_next() {
    if (queue_.empty() || closed_) {
        writing_ = false;
        return;
    }
    in_flight_ = std::move(queue_.front());
    queue_.pop_front();
    queued_bytes_ -= in_flight_->size();
    join_waiting_deltas(in_flight_);
    ws_.text(true);
    auto written = [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
        self->in_flight_.reset();
        if (ec) {
            self->closed_ = true;
            self->writing_ = false;
            return;
        }
        self->write_next();
    };
    ws_.async_write(asio::buffer(*in_flight_), asio::bind_executor(strand_executor_, written));
}

}  // namespace nbdash::realtime
