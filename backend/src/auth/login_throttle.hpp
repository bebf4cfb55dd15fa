// Counts failed sign-ins per key (a client address or an account) and refuses further tries for
// the rest of the window once the limit is reached.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace nbdash::auth {

class LoginThrottle {
public:
    // True when this key may try now.
    bool allowed(const std::string& key, int max_attempts, std::chrono::seconds window);
    // How long this key must still wait (rounded up to whole seconds, at least 1); 0 when it
    // may try now.
    std::chrono::seconds wait_needed(const std::string& key, int max_attempts);
    void record_failure(const std::string& key, std::chrono::seconds window);
    void record_success(const std::string& key);

private:
    struct Window {
        int failures = 0;
        std::chrono::steady_clock::time_point resets_at;
    };
    std::mutex mutex_;
    std::map<std::string, Window> windows_;
};

}  // namespace nbdash::auth
