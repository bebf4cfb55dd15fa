// A client of the Docker Engine API (version 1.41) over the daemon's unix socket, or over plain
// TCP (tcp://host:port, no TLS: for a daemon on this host or a trusted private link). Each call
// uses its own connection: it is local and cheap, and a call never queues behind another call's
// long-lived stream (events, followed logs, build output).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/beast/http/verb.hpp>

#include "common/json.hpp"
#include "common/stop_signal.hpp"

namespace nbdash::docker {

// A failed Engine call. status 0 means the daemon could not be reached or the connection broke;
// otherwise it is the Engine's HTTP status. The message may hold Docker's own wording: log it,
// never show it to clients.
class EngineError : public std::runtime_error {
public:
    EngineError(int status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }
    bool unreachable() const { return status_ == 0; }

private:
    int status_;
};

struct EngineResponse {
    int status = 0;
    std::string body;
};

// Called with each piece of a streamed body as it arrives (chunk boundaries are arbitrary).
using BodySink = std::function<void(std::string_view)>;

class EngineClient {
public:
    static constexpr const char* kApiPrefix = "/v1.41";

    // host is "unix:///path/to/docker.sock" or "tcp://<address or name>:<port>" (a name is
    // resolved here, once); throws std::invalid_argument for anything else.
    EngineClient(boost::asio::any_io_executor executor, const std::string& host);

    // One request; the whole body is read (chunked or not). Throws EngineError(0) when the daemon
    // is unreachable or the timeout passes; any HTTP status is returned as is.
    boost::asio::awaitable<EngineResponse> call(boost::beast::http::verb verb, std::string target,
                                                std::string body = "",
                                                std::string content_type = "application/json",
                                                std::chrono::milliseconds timeout =
                                                    std::chrono::seconds(30));

    // call() that expects a 2xx JSON answer (or none); throws EngineError otherwise.
    boost::asio::awaitable<Json> call_json(boost::beast::http::verb verb, std::string target,
                                           std::string body = "",
                                           std::chrono::milliseconds timeout =
                                               std::chrono::seconds(30));

    // A request whose response body is passed to sink piece by piece until the daemon ends it.
    // idle_timeout bounds the wait for each piece (zero: wait for ever, for the event stream).
    // Returns the HTTP status; a non-2xx body is returned in error_body instead of the sink.
    // A stop signal, when given, ends the stream early (the status is still returned).
    boost::asio::awaitable<int> stream(boost::beast::http::verb verb, std::string target,
                                       std::string body, std::string content_type, BodySink sink,
                                       std::chrono::milliseconds idle_timeout,
                                       std::string* error_body = nullptr,
                                       std::shared_ptr<StopSignal> stop = nullptr);

    // True when the daemon answers /_ping in time.
    boost::asio::awaitable<bool> ping(std::chrono::milliseconds timeout);

    // Requests sent so far (the benchmark counts calls per fleet refresh).
    std::uint64_t calls_made() const { return calls_.load(); }
    const std::string& host() const { return host_; }

private:
    boost::asio::any_io_executor executor_;
    std::string host_;
    boost::asio::generic::stream_protocol::endpoint endpoint_;
    std::atomic<std::uint64_t> calls_{0};
};

// The Engine's own error text from an error body ({"message": ...}), for logs.
std::string engine_message(const std::string& body);

// Percent-encodes a query value (filters are JSON in the query string).
std::string query_escape(std::string_view value);

}  // namespace nbdash::docker
