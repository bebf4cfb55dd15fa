// One browser's WebSocket on /api/ws: reads subscribe/unsubscribe requests and writes the frames
// of its topics from a bounded queue. All state is touched on the connection's strand only.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>

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

class BrowserSession : public Subscriber, public std::enable_shared_from_this<BrowserSession> {
public:
    // Frames queued beyond this are dropped and the browser is told to resync.
    static constexpr std::size_t kMaxQueuedBytes = 1 << 20;

    BrowserSession(boost::beast::tcp_stream stream, auth::Session session, Hub& hub,
                   ChatJoiner chat_joiner);

    // Consulted before every frame is sent or handled; once it says false (the session was
    // logged out, expired or revoked) the connection is closed. Set before start().
    void set_session_check(std::function<bool()> still_valid);

    void start(http::Request request);
    void deliver(const Frame& frame) override;

private:
    boost::asio::awaitable<void> run(http::Request request);
    boost::asio::awaitable<void> write_loop();
    void handle_client_frame(const std::string& text);
    void subscribe(const std::string& topic);
    void enqueue(const Frame& frame);
    void send_json(const Json& frame);
    // False (and the connection closing) once the session has ended.
    bool session_alive();

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    auth::Session session_;
    Hub& hub_;
    ChatJoiner chat_joiner_;
    boost::asio::strand<boost::asio::any_io_executor> strand_;
    std::deque<Frame> queue_;
    std::size_t queued_bytes_ = 0;
    bool writing_ = false;
    bool closed_ = false;
    std::set<std::string> topics_;
    std::function<bool()> session_check_;
};

}  // namespace nbdash::realtime
