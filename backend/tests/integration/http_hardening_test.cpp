// Hostile HTTP clients: slow ones, oversized and malformed requests, traversal attempts,
// methods the routes do not take; and the headers every answer carries.
#include <fstream>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

#include "support/dashboard_test.hpp"

namespace nbdash::testing {

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// A connection that writes raw bytes, for requests no well-behaved client would send.
class RawConnection {
public:
    explicit RawConnection(std::uint16_t port) : socket_(io_) {
        socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    }
    bool send(const std::string& bytes) {
        boost::system::error_code ec;
        asio::write(socket_, asio::buffer(bytes), ec);
        return !ec;
    }
    // Everything the server sends until it closes (or the timeout passes).
    std::string read_all(std::chrono::milliseconds timeout) {
        std::string out;
        auto deadline = std::chrono::steady_clock::now() + timeout;
        socket_.non_blocking(true);
        while (std::chrono::steady_clock::now() < deadline) {
            char chunk[4096];
            boost::system::error_code ec;
            auto n = socket_.read_some(asio::buffer(chunk), ec);
            if (ec == asio::error::would_block) {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
                continue;
            }
            if (ec) break;
            out.append(chunk, n);
        }
        return out;
    }
    // True once the server has closed its side.
    bool closed_by_server(std::chrono::milliseconds timeout) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        socket_.non_blocking(true);
        while (std::chrono::steady_clock::now() < deadline) {
            char chunk[256];
            boost::system::error_code ec;
            socket_.read_some(asio::buffer(chunk), ec);
            if (ec == asio::error::would_block) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                continue;
            }
            if (ec) return true;
        }
        return false;
    }

private:
    asio::io_context io_;
    tcp::socket socket_;
};

std::string status_line(const std::string& response) {
    return response.substr(0, response.find("\r\n"));
}

class HttpHardening : public DashboardTest {
protected:
    ServerOptions server_options() const override {
        // A console folder with a secret beside it, for the static traversal attempts.
        std::filesystem::create_directories(data->path() / "console" / "assets");
        std::ofstream(data->path() / "console" / "index.html") << "<html>console</html>";
        std::ofstream(data->path() / "passwd") << "root:x:0:0:planted";
        ServerOptions options;
        options.env = {{"NBDASH_HTTP_READ_TIMEOUT_SECONDS", "2"},
                       {"NBDASH_FRONTEND_DIR", (data->path() / "console").string()}};
        return options;
    }
    void SetUp() override {
        DashboardTest::SetUp();
        if (!server) return;
        ASSERT_EQ(client->post("/api/bots", {{"id", "alpha"}}).status, 201);
    }
};

}  // namespace

TEST_F(HttpHardening, SlowClientsAreCutOffAndBlockNobody) {
    constexpr int kSlowClients = 40;
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < kSlowClients; ++i) {
        slow.push_back(std::make_unique<RawConnection>(server->port()));
        ASSERT_TRUE(slow.back()->send("GET /api/bots HTTP/1.1\r\nHost: x\r\n"));
    }
    // While they trickle, everyone else is served at once.
    for (int i = 0; i < 10; ++i) {
        auto start = std::chrono::steady_clock::now();
        for (auto& connection : slow) connection->send("X-Slow: a\r\n");
        auto response = client->get("/api/bots");
        auto took = std::chrono::steady_clock::now() - start;
        ASSERT_EQ(response.status, 200);
        EXPECT_LT(took, std::chrono::milliseconds(500)) << "request " << i;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    // The header deadline (2 s here) covers the whole header, however steadily it trickles.
    for (auto& connection : slow) {
        EXPECT_TRUE(connection->closed_by_server(std::chrono::seconds(4)));
    }
    // A body that never arrives is cut off the same way.
    RawConnection stalled_body(server->port());
    stalled_body.send("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
    EXPECT_TRUE(stalled_body.closed_by_server(std::chrono::seconds(4)));
    EXPECT_EQ(client->get("/api/bots").status, 200);
}

TEST_F(HttpHardening, OversizedAndMalformedRequestsAreRefused) {
    std::string before = database->scalar("SELECT count(*) FROM bot_instance");
    struct Case {
        std::string body;
        std::string code;
    };
    for (const auto& c : std::vector<Case>{
             {"{\"id\":\"gamma\",\"name\":\"\xff\xfe\"}", "invalid_json"},
             {"{\"id\":\"gamma\",\"name\":\"\xc0\xaf\"}", "invalid_json"},
             {R"({"id":"gamma","n":1e999})", "invalid_json"},
             {R"({"id":"gamma","n":18446744073709551615})", "invalid_json"},
             {std::string(100, '[') + std::string(100, ']'), "invalid_json"},
             {R"({"id":"gamma","id":"delta"})", "invalid_json"},
             {std::string(20 * 1024, ' ') + "{}", "body_too_large"},
         }) {
        auto response = client->request("POST", "/api/bots", c.body);
        EXPECT_EQ(response.error_code(), c.code) << c.body.substr(0, 40);
    }
    auto login_flood = client->request("POST", "/api/auth/login", std::string(8 * 1024, 'x'));
    EXPECT_EQ(login_flood.status, 413);

    RawConnection long_url(server->port());
    long_url.send("GET /api/bots?" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(status_line(long_url.read_all(std::chrono::seconds(3))), "HTTP/1.1 414 URI Too Long");

    RawConnection huge_header(server->port());
    huge_header.send("GET /api/bots HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'b') +
                     "\r\n\r\n");
    EXPECT_NE(status_line(huge_header.read_all(std::chrono::seconds(3))).find("431"),
              std::string::npos);

    RawConnection garbage(server->port());
    garbage.send("\x16\x03\x01 not http at all\r\n\r\n");
    EXPECT_TRUE(garbage.closed_by_server(std::chrono::seconds(3)));
    EXPECT_EQ(database->scalar("SELECT count(*) FROM bot_instance"), before);
}

TEST_F(HttpHardening, TraversalAttemptsReachNothing) {
    // A secret beside the data folder and a file of the bot outside media/ and workspace/.
    std::filesystem::path config = data->path() / "bots" / "alpha" / ".nanobot" / "config.json";
    ASSERT_TRUE(std::filesystem::exists(config));
    for (const char* path : {"../config.json", "media/../config.json", "/etc/passwd",
                             "media/../../../../etc/passwd", "workspace/../config.json",
                             "%2e%2e/config.json", "media/%2e%2e/config.json",
                             "/home/nanobot/.nanobot/config.json", "media/\\..\\config.json"}) {
        auto response = client->get("/api/bots/alpha/media?path=" + std::string(path));
        EXPECT_EQ(response.status, 404) << path;
        EXPECT_EQ(response.body.find("dashboard"), std::string::npos) << path;
    }
    for (const char* target : {"/../passwd", "/%2e%2e/passwd", "/assets/../../passwd",
                               "/..%2fpasswd", "/assets/%2e%2e%2f%2e%2e%2fpasswd",
                               "/../../../etc/passwd", "//etc/passwd", "/assets/..\\..\\passwd"}) {
        RawConnection raw(server->port());
        raw.send(std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        auto response = raw.read_all(std::chrono::seconds(3));
        EXPECT_EQ(response.find("root:"), std::string::npos) << target;
    }
}

TEST_F(HttpHardening, MethodsHeadersAndStaticMisses) {
    auto head = client->request("HEAD", "/api/bots");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.body, "");
    EXPECT_NE(head.headers["Content-Length"], "0");
    EXPECT_EQ(client->request("HEAD", "/api/bots/nobody").status, 404);

    auto wrong = client->request("PUT", "/api/bots");
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(wrong.headers["Allow"], "GET, HEAD, POST, OPTIONS");
    auto options = client->request("OPTIONS", "/api/bots/alpha");
    EXPECT_EQ(options.status, 204);
    EXPECT_NE(options.headers["Allow"].find("PATCH"), std::string::npos);
    EXPECT_EQ(options.headers.count("Access-Control-Allow-Origin"), 0u);
    auto unknown_verb = client->request("PROPFIND", "/api/bots");
    EXPECT_EQ(unknown_verb.status, 405);
    EXPECT_EQ(client->request("DELETE", "/index.html").status, 405);

    for (const auto& response : {client->get("/api/bots"), client->get("/api/nothing"),
                                 client->get("/favicon.ico")}) {
        EXPECT_EQ(response.headers.at("X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(response.headers.at("Referrer-Policy"), "no-referrer");
        EXPECT_EQ(response.headers.at("X-Frame-Options"), "DENY");
        const auto& csp = response.headers.at("Content-Security-Policy");
        EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
        EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
        EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos);
    }
    EXPECT_EQ(client->get("/favicon.ico").status, 404);
    auto share_page = client->get("/share/alpha");
    EXPECT_EQ(share_page.status, 200);
    EXPECT_EQ(share_page.body, "<html>console</html>");
    EXPECT_EQ(client->get("/assets/").status, 404) << "no directory listing";
}

}  // namespace nbdash::testing
