#include "realtime/hub.hpp"

#include <algorithm>

namespace nbdash::realtime {

void Hub::observe(std::string prefix, TopicObserver* observer) {
    std::lock_guard lock(mutex_);
    observers_.emplace_back(std::move(prefix), observer);
}

void Hub::notify(const std::vector<std::string>& topics) {
    std::vector<std::pair<TopicObserver*, std::string>> calls;
    {
        std::lock_guard lock(mutex_);
        for (const auto& topic : topics) {
            for (const auto& [prefix, observer] : observers_) {
                if (topic.starts_with(prefix)) calls.emplace_back(observer, topic);
            }
        }
    }
    for (const auto& [observer, topic] : calls) observer->topic_changed(topic);
}

void Hub::subscribe(const std::string& topic, const std::shared_ptr<Subscriber>& subscriber) {
    bool first = false;
    {
        std::lock_guard lock(mutex_);
        auto& list = topics_[topic];
        bool present = false;
        for (const auto& existing : list) present = present || existing.lock() == subscriber;
        if (!present) {
            list.push_back(subscriber);
            first = list.size() == 1;
        }
    }
    if (first) notify({topic});
}

void Hub::unsubscribe(const std::string& topic, const Subscriber* subscriber) {
    bool emptied = false;
    {
        std::lock_guard lock(mutex_);
        auto it = topics_.find(topic);
        if (it != topics_.end()) {
            std::erase_if(it->second, [&](const auto& weak) {
                auto strong = weak.lock();
                return !strong || strong.get() == subscriber;
            });
            if (it->second.empty()) {
                topics_.erase(it);
                emptied = true;
            }
        }
    }
    if (emptied) notify({topic});
}

void Hub::unsubscribe_all(const Subscriber* subscriber) {
    std::vector<std::string> emptied;
    {
        std::lock_guard lock(mutex_);
        for (auto it = topics_.begin(); it != topics_.end();) {
            std::erase_if(it->second, [&](const auto& weak) {
                auto strong = weak.lock();
                return !strong || strong.get() == subscriber;
            });
            if (it->second.empty()) {
                emptied.push_back(it->first);
                it = topics_.erase(it);
            } else {
                ++it;
            }
        }
    }
    if (!emptied.empty()) notify(emptied);
}

void Hub::publish(const std::string& topic, const Json& frame) {
    // Every stored event is announced on the fleet topic; the event log's own topic gets the
    // same frame, so no publisher has to remember a second topic.
    bool is_event =
        topic == kFleetTopic && frame.is_object() && frame.value("type", "") == "event";
    std::lock_guard lock(mutex_);
    // Serialised only when someone listens.
    if (!topics_.contains(topic) && !(is_event && topics_.contains(kEventsTopic))) return;
    deliver_locked(topic, std::make_shared<const std::string>(dump_json(frame)), is_event);
}

void Hub::publish_text(const std::string& topic, std::string frame) {
    auto shared = std::make_shared<const std::string>(std::move(frame));
    std::lock_guard lock(mutex_);
    deliver_locked(topic, shared, false);
}

void Hub::deliver_locked(const std::string& topic, const Frame& frame, bool is_event) {
    auto it = topics_.find(topic);
    auto events = is_event ? topics_.find(kEventsTopic) : topics_.end();
    for (auto found : {it, events}) {
        if (found == topics_.end()) continue;
        for (const auto& weak : found->second) {
            if (auto subscriber = weak.lock()) subscriber->deliver(frame);
        }
    }
}

std::size_t Hub::subscriber_count(const std::string& topic) {
    std::lock_guard lock(mutex_);
    auto it = topics_.find(topic);
    return it == topics_.end() ? 0 : it->second.size();
}

}  // namespace nbdash::realtime
