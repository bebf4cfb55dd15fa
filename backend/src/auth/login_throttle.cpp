#include "auth/login_throttle.hpp"

namespace nbdash::auth {

bool LoginThrottle::allowed(const std::string& key, int max_attempts,
                            std::chrono::seconds window) {
    std::lock_guard lock(mutex_);
    auto it = windows_.find(key);
    if (it == windows_.end()) return true;
    if (it->second.resets_at <= std::chrono::steady_clock::now()) {
        windows_.erase(it);
        return true;
    }
    return it->second.failures < max_attempts;
}

std::chrono::seconds LoginThrottle::wait_needed(const std::string& key, int max_attempts) {
    std::lock_guard lock(mutex_);
    auto it = windows_.find(key);
    if (it == windows_.end()) return std::chrono::seconds(0);
    auto now = std::chrono::steady_clock::now();
    if (it->second.resets_at <= now) {
        windows_.erase(it);
        return std::chrono::seconds(0);
    }
    if (it->second.failures < max_attempts) return std::chrono::seconds(0);
    auto left = std::chrono::ceil<std::chrono::seconds>(it->second.resets_at - now);
    return std::max(left, std::chrono::seconds(1));
}

void LoginThrottle::record_failure(const std::string& key, std::chrono::seconds window) {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    // Bound the table: a flood of distinct addresses must not grow memory without limit.
    if (windows_.size() > 10000) {
        std::erase_if(windows_, [&](const auto& e) { return e.second.resets_at <= now; });
    }
    auto& entry = windows_[key];
    if (entry.resets_at <= now) entry = Window{0, now + window};
    ++entry.failures;
}

void LoginThrottle::record_success(const std::string& key) {
    std::lock_guard lock(mutex_);
    windows_.erase(key);
}

}  // namespace nbdash::auth
