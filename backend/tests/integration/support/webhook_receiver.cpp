#include "support/webhook_receiver.hpp"

#include <memory>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace nbdash::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// One connection: read a request, keep its body, answer 204, close.
struct Exchange : std::enable_shared_from_this<Exchange> {
    Exchange(tcp::socket socket, std::function<void(Json)> keep)
        : stream(std::move(socket)), keep(std::move(keep)) {}

    void start() {
        stream.expires_after(std::chrono::seconds(10));
        http::async_read(stream, buffer, request,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return;
            self->keep(Json::parse(self->request.body(), nullptr, false));
            self->response.result(http::status::no_content);
            self->response.keep_alive(false);
            http::async_write(self->stream, self->response,
                              [self](beast::error_code, std::size_t) {
                beast::error_code ignored;
                self->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
            });
        });
    }

    beast::tcp_stream stream;
    std::function<void(Json)> keep;
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
    http::response<http::empty_body> response;
};

}  // namespace

WebhookReceiver::WebhookReceiver()
    : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    accept();
    // Bounded: a test that forgets to finish does not leave the thread running for long.
    thread_ = std::thread([this] { io_.run_for(std::chrono::minutes(5)); });
}

WebhookReceiver::~WebhookReceiver() {
    io_.stop();
    thread_.join();
}

std::string WebhookReceiver::url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) +
           "/hooks/alerts";
}

std::vector<Json> WebhookReceiver::bodies() {
    std::lock_guard lock(mutex_);
    return bodies_;
}

void WebhookReceiver::keep(Json body) {
    std::lock_guard lock(mutex_);
    bodies_.push_back(std::move(body));
}

void WebhookReceiver::accept() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
        if (ec) return;
        std::make_shared<Exchange>(std::move(socket), [this](Json body) { keep(std::move(body)); })
            ->start();
        accept();
    });
}

}  // namespace nbdash::testing
