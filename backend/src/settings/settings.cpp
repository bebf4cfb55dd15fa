#include "settings/settings.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"

namespace nbdash {

void Settings::load_blocking() {
    auto loaded = store_.load_all_blocking();
    std::lock_guard lock(mutex_);
    values_ = std::move(loaded);
}

boost::asio::awaitable<void> Settings::reload() {
    auto loaded = co_await store_.load_all();
    std::lock_guard lock(mutex_);
    values_ = std::move(loaded);
}

boost::asio::awaitable<void> Settings::reload_periodically() {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    for (;;) {
        auto seconds = std::max<std::int64_t>(5, get_int("settings.reload_interval_seconds", 30));
        timer.expires_after(std::chrono::seconds(seconds));
        co_await timer.async_wait(boost::asio::use_awaitable);
        try {
            co_await reload();
        } catch (const std::exception& e) {
            log::warn("re-reading settings failed; keeping the values in memory",
                      {log::kv("error", e.what())});
        }
    }
}

Json Settings::get(const std::string& key) const {
    std::lock_guard lock(mutex_);
    auto it = values_.find(key);
    return it == values_.end() ? Json() : it->second.value;
}

std::string Settings::get_string(const std::string& key, const std::string& fallback) const {
    Json value = get(key);
    return value.is_string() ? value.get<std::string>() : fallback;
}

std::int64_t Settings::get_int(const std::string& key, std::int64_t fallback) const {
    Json value = get(key);
    return value.is_number_integer() ? value.get<std::int64_t>() : fallback;
}

double Settings::get_number(const std::string& key, double fallback) const {
    Json value = get(key);
    return value.is_number() ? value.get<double>() : fallback;
}

bool Settings::get_bool(const std::string& key, bool fallback) const {
    Json value = get(key);
    return value.is_boolean() ? value.get<bool>() : fallback;
}

}  // namespace nbdash
