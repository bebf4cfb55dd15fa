// A loopback HTTP server standing in for an operator's alert webhook: it answers every POST
// with 204 and keeps the JSON bodies it received.
#pragma once

#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "common/json.hpp"

namespace nbdash::testing {

class WebhookReceiver {
public:
    WebhookReceiver();  // listens on 127.0.0.1, on a port of its own
    ~WebhookReceiver();

    std::string url() const;
    std::vector<Json> bodies();

private:
    void accept();
    void keep(Json body);

    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::mutex mutex_;
    std::vector<Json> bodies_;
    std::thread thread_;
};

}  // namespace nbdash::testing
