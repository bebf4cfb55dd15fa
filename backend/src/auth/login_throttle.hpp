// Counts failed sign-ins per client address and refuses further tries for the rest of the window
// once the limit is reached.
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
