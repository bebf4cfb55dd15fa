// Ends a long-lived operation (a followed log stream) from another thread: stop() marks it
// stopped and runs the action the operation registered, such as shutting its socket down so a
// pending read returns at once.
#pragma once

#include <functional>
#include <mutex>

namespace nbdash {

class StopSignal {
public:
    void stop() {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        if (action_) action_();
    }
    bool stopped() const {
        std::lock_guard lock(mutex_);
        return stopped_;
    }
    // Registers what stop() must do while the operation runs (replacing any earlier action);
    // runs it at once when already stopped. The action runs under the signal's lock.
    void set_action(std::function<void()> action) {
        std::lock_guard lock(mutex_);
        action_ = std::move(action);
        if (stopped_ && action_) action_();
    }
    void clear_action() {
        std::lock_guard lock(mutex_);
        action_ = nullptr;
    }

private:
    mutable std::mutex mutex_;
    bool stopped_ = false;
    std::function<void()> action_;
};

}  // namespace nbdash
