// A pass-through from a loopback TCP port to the test dockerd's unix socket, for the Docker
// tests: it lets nbdash reach the daemon as tcp://127.0.0.1:<port>, counts the Engine calls
// (nbdash opens one connection per call, so each connection's request line is one call), and
// can cut the daemon off and bring it back as a daemon restart would.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace nbdash::testing {

class EngineProxy {
public:
    // unix_host is the daemon's "unix:///path"; listens on 127.0.0.1 on a free port.
    explicit EngineProxy(const std::string& unix_host);
    ~EngineProxy();
    EngineProxy(const EngineProxy&) = delete;
    EngineProxy& operator=(const EngineProxy&) = delete;

    std::string host() const { return "tcp://127.0.0.1:" + std::to_string(port_); }
    // Request lines ("GET /v1.41/containers/json?… HTTP/1.1") seen so far, oldest first.
    std::vector<std::string> requests() const;
    // Closes the listener and every open connection: the daemon looks gone.
    void cut();
    // Listens again on the same port.
    void resume();

private:
    void listen();
    void accept_loop();
    void pump(int client);

    std::string socket_path_;
    std::uint16_t port_ = 0;
    int listener_ = -1;
    std::atomic<int> generation_{0};  // bumped by cut(): connections of older ones close
    std::atomic<bool> closing_{false};
    std::thread acceptor_;
    mutable std::mutex mutex_;
    std::vector<std::string> requests_;
    std::vector<std::thread> connections_;
};

}  // namespace nbdash::testing
