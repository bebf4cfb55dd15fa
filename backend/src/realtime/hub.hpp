// Topics browsers subscribe to ("fleet", "events", "bot:<id>") and the fan-out of frames to them. A frame
// is serialised once and shared by every subscriber; each subscriber owns its bounded queue, so
// a slow browser never holds up the publisher or the other browsers.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/json.hpp"

namespace nbdash::realtime {

using Frame = std::shared_ptr<const std::string>;

class Subscriber {
public:
    virtual ~Subscriber() = default;
    // Queues a frame; must not block. Called with the hub's lock held.
    virtual void deliver(const Frame& frame) = 0;
};

// Told when a watched topic may have gained its first subscriber or lost its last one; it asks
// subscriber_count() for the truth (calls come outside the hub's lock, possibly out of order).
class TopicObserver {
public:
    virtual ~TopicObserver() = default;
    virtual void topic_changed(const std::string& topic) = 0;
};

class Hub {
public:
    // Watches topics starting with prefix; the observer must outlive the hub's use.
    void observe(std::string prefix, TopicObserver* observer);

    void subscribe(const std::string& topic, const std::shared_ptr<Subscriber>& subscriber);
    void unsubscribe(const std::string& topic, const Subscriber* subscriber);
    void unsubscribe_all(const Subscriber* subscriber);

    void publish(const std::string& topic, const Json& frame);
    // A frame already serialised (see chat_frame.hpp); never an event frame.
    void publish_text(const std::string& topic, std::string frame);
    std::size_t subscriber_count(const std::string& topic);

    static std::string bot_topic(const std::string& bot_id) { return "bot:" + bot_id; }
    static constexpr const char* kFleetTopic = "fleet";
    // New events of the event log (every "event" frame published on the fleet topic).
    static constexpr const char* kEventsTopic = "events";
    // A bot's output, followed (log_line frames) while someone subscribes.
    static std::string logs_topic(const std::string& bot_id) { return "logs:" + bot_id; }

private:
    void deliver_locked(const std::string& topic, const Frame& frame, bool is_event);
    void notify(const std::vector<std::string>& topics);

    std::mutex mutex_;
    std::vector<std::pair<std::string, TopicObserver*>> observers_;
    std::map<std::string, std::vector<std::weak_ptr<Subscriber>>> topics_;
};

}  // namespace nbdash::realtime
