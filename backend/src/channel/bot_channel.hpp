// The dashboard's WebSocket client to one bot's nanobot channel. It keeps the connection up while
// the bot runs (capped exponential backoff), sends queued requests one turn at a time (nanobot
// folds a message sent mid-turn into the running turn), relays the reply to browsers as it
// arrives and hands each finished turn to the listener to be stored.
//
// Threading: all connection and queue state lives on the channel's strand. The turn in flight
// is also read by browsers joining mid-turn, so it is guarded by turn_mutex_; relaying a delta
// happens under that lock, which makes "snapshot, then the rest" exact (lock order: turn_mutex_
// before the hub's lock); text held for joining is released before a snapshot is taken.
#pragma once

#include <atomic>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "channel/attachments.hpp"
#include "channel/turn_assembler.hpp"
#include "common/blocking_pool.hpp"
#include "realtime/hub.hpp"
#include "workspace/bot_files.hpp"

namespace nbdash::channel {

struct PendingRequest {
    std::string request_id;
    std::string text;
    // Files sent with the message. They wait in the bot's upload folder and are read only when
    // the turn is sent, so a queue of messages holds their names, not their megabytes.
    std::vector<StoredAttachment> files;
};

// What a channel reports to the rest of the system. Called on the channel's strand; must not
// block.
class ChannelListener {
public:
    virtual ~ChannelListener() = default;
    // state is ready, busy or degraded; detail says why when degraded.
    virtual void on_channel_state(const std::string& bot_id, const std::string& state,
                                  const std::string& detail) = 0;
    virtual void on_turn_closed(const std::string& bot_id, TurnOutcome outcome) = 0;
};

struct ChannelTarget {
    std::string bot_id;
    // The bot's data folder, where the files of queued messages wait (workspace/chat_uploads).
    std::filesystem::path data_dir;
    workspace::ChannelEndpoint endpoint;
    std::optional<std::string> model;
    std::optional<std::string> provider;
    // Read as each turn starts, so a changed setting holds from the next request on.
    std::function<std::chrono::seconds()> turn_timeout = [] { return std::chrono::seconds(300); };
};

class BotChannel : public std::enable_shared_from_this<BotChannel> {
public:
    BotChannel(boost::asio::any_io_executor executor, ChannelTarget target, realtime::Hub& hub,
               ChannelListener& listener, BlockingPool& blocking);

    void start();
    // Closes the connection; queued and running requests end as interrupted.
    void stop(const std::string& reason);
    // Counts one more request waiting for its turn; false when max_waiting already wait (or are
    // on their way). Any thread. The place is used by submit() or given back by release_place().
    bool reserve_place(std::size_t max_waiting);
    void release_place();
    // Queues a request in a place reserved before (see QueuePlace).
    void submit(PendingRequest request);

    // See realtime::ChatJoiner.
    std::optional<Json> join(const std::function<void()>& subscribe);

    const std::string& bot_id() const { return target_.bot_id; }

private:
    boost::asio::awaitable<void> run();
    boost::asio::awaitable<bool> connect_once();
    boost::asio::awaitable<void> read_loop();
    boost::asio::awaitable<void> write_loop();
    void send(std::string frame);
    void handle_frame(std::string_view text);
    void maybe_send_next();
    // Reads the files of a request from the bot's folder off the network threads, then sends
    // its message frame if its turn is still the one in flight.
    boost::asio::awaitable<void> send_with_files(PendingRequest request);
    void close_turn(std::string status, std::optional<std::string> detail);
    void arm_turn_timer(const std::string& request_id);
    // Closes the running turn with status, tells the bot to /stop and drops what it still sends
    // for that turn (until its turn_end, 10 s at most).
    void abandon_turn(std::string status, std::string detail);
    // Sends /stop past the queue (see submit) and closes its request.
    void stop_now(PendingRequest request);
    // Records a request that never reached the bot (or, like /stop, needs no turn of its own).
    void close_unsent(const PendingRequest& request, std::string status,
                      std::optional<std::string> detail);
    void request_usage();
    void fail_pending(const std::string& reason);
    // Relays a piece of the turn in flight (chat_delta, chat_reasoning, chat_progress) to its
    // browsers. Pieces of one type are held and joined while more of the bot's frames are
    // already waiting to be read: a bot streaming faster than it is relayed then costs one
    // frame per read batch instead of one per delta, and a caught-up stream is never delayed.
    // Both under turn_mutex_.
    void relay(std::string_view type, std::string_view text);
    void release_held();

    boost::asio::strand<boost::asio::any_io_executor> strand_;
    ChannelTarget target_;
    realtime::Hub& hub_;
    ChannelListener& listener_;
    BlockingPool& blocking_;
    std::string topic_;

    std::unique_ptr<boost::beast::websocket::stream<boost::beast::tcp_stream>> ws_;
    boost::asio::steady_timer retry_timer_;
    boost::asio::steady_timer turn_timer_;
    boost::asio::steady_timer usage_timer_;
    // The turn has ended but its usage is being fetched with an attach (old nanobot).
    bool awaiting_usage_ = false;
    bool connected_ = false;
    bool stopping_ = false;
    bool writing_ = false;
    // After a timeout the bot is told to stop; its late frames are swallowed until its
    // turn_end arrives or this deadline passes.
    std::int64_t draining_until_ms_ = 0;
    std::deque<std::string> outbox_;
    std::deque<PendingRequest> pending_;
    // pending_ plus the places reserved for requests still being recorded; read by any thread.
    std::atomic<std::size_t> waiting_{0};
    std::optional<std::string> runtime_model_;
    std::set<std::string> unknown_events_logged_;
    std::uint64_t unknown_frames_ = 0;

    std::mutex turn_mutex_;
    std::optional<TurnAssembler> turn_;
    // Relayed text not yet published (see relay()); under turn_mutex_.
    std::string held_type_;
    std::string held_text_;
    std::chrono::steady_clock::time_point held_since_{};
};

}  // namespace nbdash::channel
