// One browser's WebSocket on /api/ws: reads subscribe/unsubscribe requests and writes the frames
// of its topics from a bounded queue. All state is touched on the connection's strand only.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/strand.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "auth/session_store.hpp"
#include "http/http_types.hpp"
#include "realtime/hub.hpp"

namespace nbdash::realtime {

// Subscribes a browser to a bot's chat topic together with the state of the turn in flight, so
// no delta is lost or repeated between the two. Calls subscribe() and returns the snapshot
// frame (if a turn is in flight) while holding the bot's turn lock.
using ChatJoiner = std::function<std::optional<Json>(const std::string& bot_id,
                                                     const std::function<void()>& subscribe)>;

// Appends the text of the chat_delta frame next to the chat_delta frame joined, both as the hub
// serialises them ({"bot_id":…,"request_id":…,"text":"…","type":"chat_delta"}, keys sorted);
// false, with joined untouched, unless both are such frames of the same bot and request. JSON
// string escapes stand alone, so the joined text is exactly the first text, then the second.
bool append_delta(std::string& joined, std::string_view next);

class BrowserSession : public Subscriber, public std::enable_shared_from_this<BrowserSession> {
public:
    // Frames queued beyond this are dropped and the browser is told to resync.
    static constexpr std::size_t kMaxQueuedBytes = 1 << 20;
    static constexpr std::chrono::milliseconds kSessionRecheck{500};
    // A console watches a handful (fleet, events, a bot or two); this bounds a connection's
    // memory against a client that subscribes to made-up topics by the thousand.
    static constexpr std::size_t kMaxTopics = 64;

    BrowserSession(boost::beast::tcp_stream stream, auth::Session session, Hub& hub,
                   ChatJoiner chat_joiner);

    // Consulted before every frame from the browser is handled, and before frames are sent
    // to it at most every kSessionRecheck (a look-up per relayed delta would cost more than
    // the relay); once it says false (the session was logged out, expired or revoked) the
    // connection is closed. Set before start().
    void set_session_check(std::function<bool()> still_valid);

    void start(http::Request request);
    void deliver(const Frame& frame) override;

private:
    boost::asio::awaitable<void> run(http::Request request);
    // Writes the front of the queue, then the next from the write's handler, until the queue
    // is empty. A plain handler rather than the coroutine the code prefers elsewhere: a relayed
    // delta is often a burst of one, and a coroutine started per burst adds a frame allocation
    // and a round trip through the scheduler to each.
    void write_next();
    void handle_client_frame(const std::string& text);
    void subscribe(const std::string& topic);
    void drain_inbox();
    void enqueue(const Frame& frame);
    // Drops the queue and tells the browser to reload each of its topics.
    void resync();
    void start_writing();
    // A browser that fell behind catches up with one write instead of hundreds: the deltas of
    // the same answer waiting right behind frame are joined into it (see append_delta).
    void join_waiting_deltas(Frame& frame);
    void send_json(const Json& frame);
    // False (and the connection closing) once the session has ended. recheck_due: ask only
    // when the last answer is older than kSessionRecheck.
    bool session_alive(bool recheck_due = false);

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    auth::Session session_;
    Hub& hub_;
    ChatJoiner chat_joiner_;
    boost::asio::strand<boost::asio::any_io_executor> strand_;
    // strand_ wrapped once, so binding a write's handler to it allocates nothing.
    boost::asio::any_io_executor strand_executor_;
    // Frames delivered by the hub and not yet on the strand; any thread, under inbox_mutex_.
    std::mutex inbox_mutex_;
    std::vector<Frame> inbox_;
    std::size_t inbox_bytes_ = 0;
    bool inbox_overflowed_ = false;
    bool inbox_scheduled_ = false;
    std::deque<Frame> queue_;
    std::size_t queued_bytes_ = 0;
    // The frame being written; the write reads it until its handler runs.
    Frame in_flight_;
    bool writing_ = false;
    bool closed_ = false;
    std::set<std::string> topics_;
    std::function<bool()> session_check_;
    std::chrono::steady_clock::time_point session_checked_at_{};
};

}  // namespace nbdash::realtime
