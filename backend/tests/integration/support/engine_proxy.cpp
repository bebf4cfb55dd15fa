#include "support/engine_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace nbdash::testing {

namespace {

int connect_unix(const std::string& path) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool send_all(int fd, const char* data, ssize_t size) {
    while (size > 0) {
        ssize_t sent = ::send(fd, data, static_cast<size_t>(size), MSG_NOSIGNAL);
        if (sent <= 0) return false;
        data += sent;
        size -= sent;
    }
    return true;
}

}  // namespace

EngineProxy::EngineProxy(const std::string& unix_host) {
    const std::string scheme = "unix://";
    if (!unix_host.starts_with(scheme)) throw std::invalid_argument("not a unix host: " + unix_host);
    socket_path_ = unix_host.substr(scheme.size());
    listen();
}

EngineProxy::~EngineProxy() {
    cut();
    closing_ = true;
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        threads.swap(connections_);
    }
    for (auto& thread : threads) thread.join();
}

void EngineProxy::listen() {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int on = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port_);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 64) != 0) {
        throw std::runtime_error("the engine proxy cannot listen on 127.0.0.1");
    }
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
}

void EngineProxy::accept_loop() {
    const int listener = listener_;
    for (;;) {
        int client = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) return;  // the listener was shut down
        std::lock_guard lock(mutex_);
        connections_.emplace_back([this, client] { pump(client); });
    }
}

void EngineProxy::pump(int client) {
    const int generation = generation_.load();
    int upstream = connect_unix(socket_path_);
    if (upstream < 0) {
        ::close(client);
        return;
    }
    bool first = true;
    std::string head;
    char buffer[65536];
    pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    while (generation_.load() == generation && !closing_) {
        int ready = ::poll(fds, 2, 100);
        if (ready < 0) break;
        if (ready == 0) continue;
        bool done = false;
        for (int i = 0; i < 2 && !done; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t n = ::recv(fds[i].fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                done = true;
                break;
            }
            if (i == 0 && first) {
                head.append(buffer, static_cast<size_t>(n));
                auto end = head.find("\r\n");
                if (end != std::string::npos) {
                    std::lock_guard lock(mutex_);
                    requests_.push_back(head.substr(0, end));
                    first = false;
                }
            }
            done = !send_all(fds[1 - i].fd, buffer, n);
        }
        if (done) break;
    }
    ::close(client);
    ::close(upstream);
}

std::vector<std::string> EngineProxy::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

void EngineProxy::cut() {
    if (listener_ >= 0) {
        ::shutdown(listener_, SHUT_RDWR);
        if (acceptor_.joinable()) acceptor_.join();
        ::close(listener_);
        listener_ = -1;
    }
    generation_++;
}

void EngineProxy::resume() {
    if (listener_ < 0) listen();
}

}  // namespace nbdash::testing
