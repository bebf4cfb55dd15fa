// The Engine client against a fake daemon on a private unix socket: chunked bodies, streamed
// bodies split at awkward places, and an unreachable socket.
#include "docker/engine_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

#include "common/ids.hpp"
#include "docker/json_lines.hpp"

namespace nbdash::docker {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using local = asio::local::stream_protocol;

namespace {

// Answers each connection with the next canned reply, after reading the request head.
asio::awaitable<void> fake_daemon(local::acceptor& acceptor, std::vector<std::string> replies,
                                  std::vector<std::string>& request_lines) {
    for (const auto& reply : replies) {
        auto socket = co_await acceptor.async_accept(asio::use_awaitable);
        std::string head;
        co_await asio::async_read_until(socket, asio::dynamic_buffer(head), "\r\n\r\n",
                                        asio::use_awaitable);
        request_lines.push_back(head.substr(0, head.find("\r\n")));
        co_await asio::async_write(socket, asio::buffer(reply), asio::use_awaitable);
        socket.close();
    }
}

void run_all(asio::io_context& io) {
    io.run_for(std::chrono::seconds(10));
}

}  // namespace

TEST(EngineClient, ReadsAChunkedJsonBody) {
    asio::io_context io;
    fs::path path = fs::temp_directory_path() / ("nbdash-engine-" + random_hex(6) + ".sock");
    local::acceptor acceptor(io, local::endpoint(path.string()));
    std::vector<std::string> requests;
    asio::co_spawn(io, fake_daemon(acceptor,
                                   {"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                    "Transfer-Encoding: chunked\r\n\r\n"
                                    "6\r\n[{\"Id\"\r\n7\r\n:\"c1\"}]\r\n0\r\n\r\n"},
                                   requests),
                   asio::detached);
    EngineClient client(io.get_executor(), "unix://" + path.string());
    Json answer;

    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        answer = co_await client.call_json(boost::beast::http::verb::get, "/containers/json");
    }, asio::detached);
    run_all(io);

    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0], "GET /v1.41/containers/json HTTP/1.1");
    EXPECT_EQ(answer, Json::parse(R"([{"Id":"c1"}])"));
    EXPECT_EQ(client.calls_made(), 1u);
    fs::remove(path);
}

TEST(EngineClient, StreamsABodyPieceByPieceUntilTheDaemonEndsIt) {
    asio::io_context io;
    fs::path path = fs::temp_directory_path() / ("nbdash-engine-" + random_hex(6) + ".sock");
    local::acceptor acceptor(io, local::endpoint(path.string()));
    std::vector<std::string> requests;
    std::string events = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n"
                         "c\r\n{\"Action\":\"s\r\n"
                         "e\r\ntart\"}\n{\"Actio\r\n"
                         "a\r\nn\":\"die\"}\n\r\n0\r\n\r\n";
    asio::co_spawn(io, fake_daemon(acceptor, {events}, requests), asio::detached);
    EngineClient client(io.get_executor(), "unix://" + path.string());
    std::vector<std::string> actions;
    int status = 0;

    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        JsonLines lines;
        status = co_await client.stream(
            boost::beast::http::verb::get, "/events", "", "",
            [&](std::string_view piece) {
                lines.feed(piece, [&](const Json& e) { actions.push_back(e["Action"]); });
            },
            std::chrono::milliseconds(0));
    }, asio::detached);
    run_all(io);

    EXPECT_EQ(status, 200);
    EXPECT_EQ(actions, (std::vector<std::string>{"start", "die"}));
    fs::remove(path);
}

TEST(EngineClient, AnUnreachableSocketIsReportedAsSuch) {
    asio::io_context io;
    EngineClient client(io.get_executor(), "unix:///nonexistent/nbdash-test/docker.sock");
    bool pinged = true;
    int error_status = -1;

    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        pinged = co_await client.ping(std::chrono::seconds(1));
        try {
            co_await client.call_json(boost::beast::http::verb::get, "/version");
        } catch (const EngineError& e) {
            error_status = e.status();
        }
    }, asio::detached);
    run_all(io);

    EXPECT_FALSE(pinged);
    EXPECT_EQ(error_status, 0);
}

TEST(EngineClient, RefusesHostsItCannotSpeakTo) {
    asio::io_context io;
    for (const char* host : {"http://127.0.0.1:2375", "tcp://", "tcp://127.0.0.1",
                             "tcp://127.0.0.1:99999", "tcp://127.0.0.1:port", "unix://",
                             "/var/run/docker.sock"}) {
        EXPECT_THROW(EngineClient(io.get_executor(), host), std::invalid_argument) << host;
    }
    EXPECT_NO_THROW(EngineClient(io.get_executor(), "tcp://127.0.0.1:2375"));
    EXPECT_NO_THROW(EngineClient(io.get_executor(), "tcp://[::1]:2375/"));
}

TEST(EngineClient, SpeaksToADaemonOnLoopbackTcp) {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    std::vector<std::string> requests;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        auto socket = co_await acceptor.async_accept(asio::use_awaitable);
        std::string head;
        co_await asio::async_read_until(socket, asio::dynamic_buffer(head), "\r\n\r\n",
                                        asio::use_awaitable);
        requests.push_back(head.substr(0, head.find("\r\n")));
        std::string reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK";
        co_await asio::async_write(socket, asio::buffer(reply), asio::use_awaitable);
    }, asio::detached);
    EngineClient client(io.get_executor(),
                        "tcp://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()));
    bool pinged = false;

    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        pinged = co_await client.ping(std::chrono::seconds(2));
    }, asio::detached);
    run_all(io);

    EXPECT_TRUE(pinged);
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0], "GET /v1.41/_ping HTTP/1.1");
}

TEST(EngineClient, AStopSignalEndsAFollowedStream) {
    asio::io_context io;
    fs::path path = fs::temp_directory_path() / ("nbdash-engine-" + random_hex(6) + ".sock");
    local::acceptor acceptor(io, local::endpoint(path.string()));
    local::socket held(io);  // the daemon's side, kept open: the stream never ends by itself
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        held = co_await acceptor.async_accept(asio::use_awaitable);
        std::string head;
        co_await asio::async_read_until(held, asio::dynamic_buffer(head), "\r\n\r\n",
                                        asio::use_awaitable);
        std::string start = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "5\r\nfirst\r\n";
        co_await asio::async_write(held, asio::buffer(start), asio::use_awaitable);
    }, asio::detached);
    EngineClient client(io.get_executor(), "unix://" + path.string());
    auto stop = std::make_shared<StopSignal>();
    std::string received;
    int status = -1;

    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        status = co_await client.stream(
            boost::beast::http::verb::get, "/containers/x/logs?follow=1", "", "",
            [&](std::string_view piece) {
                received.append(piece);
                stop->stop();  // as if the last subscriber left after the first piece
            },
            std::chrono::milliseconds(0), nullptr, stop);
    }, asio::detached);
    io.run_for(std::chrono::seconds(5));

    EXPECT_EQ(received, "first");
    EXPECT_EQ(status, 200) << "the stream ended by the stop signal, not by a timeout";
    fs::remove(path);
}

}  // namespace nbdash::docker
