// The DockerDriver's view of changes it did not make: the Engine's event stream, and one
// fleet listing whenever the stream (re)connects, compared with what was known before.
#include <cstdio>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"
#include "docker/json_lines.hpp"
#include "runtime/docker_driver.hpp"

namespace nbdash::runtime {

namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

constexpr auto kMinPause = std::chrono::milliseconds(500);
constexpr auto kMaxPause = std::chrono::seconds(5);

bool is_up(const std::string& status) {
    return status == "running" || status == "restarting" || status == "created";
}

// since with nanoseconds: whole seconds would replay what happened earlier in that second.
std::string events_target(std::chrono::system_clock::time_point since) {
    auto nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(since.time_since_epoch()).count();
    char fraction[16];
    std::snprintf(fraction, sizeof fraction, ".%09lld",
                  static_cast<long long>(nanos % 1'000'000'000));
    std::string filters =
        R"({"type":["container"],"label":[")" + std::string(docker::kManagedLabel) + R"(=true"]})";
    return "/events?since=" + std::to_string(nanos / 1'000'000'000) + fraction +
           "&filters=" + docker::query_escape(filters);
}

}  // namespace

void DockerDriver::follow_events() {
    asio::co_spawn(io_, event_loop(), [](std::exception_ptr failure) {
        if (failure) log::error("following docker events stopped");
    });
}

std::map<std::string, std::string> DockerDriver::known_statuses() {
    std::lock_guard lock(mutex_);
    std::map<std::string, std::string> statuses;
    for (const auto& [bot_id, known] : known_) statuses[bot_id] = known.status;
    return statuses;
}

asio::awaitable<void> DockerDriver::event_loop() {
    asio::steady_timer pause(io_);
    auto wait = kMinPause;
    std::optional<bool> was_reachable;  // unknown until the first try
    // Runs for the life of the I/O context; every turn that fails waits first, at most 5 s.
    for (;;) {
        bool up = co_await engine_.ping(std::chrono::seconds(2));
        // After a gap, events from just before the listing are replayed so none falls between
        // the two; stale ones are recognised by their container id.
        auto since =
            std::chrono::system_clock::now() -
            (was_reachable.has_value() ? std::chrono::seconds(1) : std::chrono::seconds(0));
        if (up && was_reachable != true) {
            // One listing says what changed while nothing was followed; events tell the rest.
            auto before = known_statuses();
            try {
                auto after = co_await observe();
                {
                    std::lock_guard lock(mutex_);
                    reachable_ = true;
                }
                if (was_reachable == false) {
                    log::info("docker daemon reachable again");
                    if (state_listener_) state_listener_(StateReport{"", "reachable", ""});
                    report_changes(before, after.value_or(std::map<std::string, std::string>{}),
                                   "while the Docker daemon was unreachable");
                }
                was_reachable = true;
            } catch (const std::exception&) {
                up = false;
            }
        }
        if (!up && was_reachable != false) {
            was_reachable = false;
            {
                std::lock_guard lock(mutex_);
                reachable_ = false;
            }
            log::error("docker daemon unreachable");
            if (state_listener_) {
                state_listener_(StateReport{"", "unknown", "the Docker daemon is unreachable"});
            }
        }
        if (up) {
            wait = kMinPause;
            docker::JsonLines lines;
            auto sink = [&](std::string_view piece) {
                lines.feed(piece, [this](const Json& event) { handle_event(event); });
            };
            try {
                co_await engine_.stream(http::verb::get, events_target(since), "", "", sink,
                                        std::chrono::milliseconds(0));
            } catch (const docker::EngineError& e) {
                log::warn("docker event stream ended", {log::kv("error", e.what())});
            }
        }
        pause.expires_after(wait);
        co_await pause.async_wait(asio::use_awaitable);
        wait = std::min<std::chrono::milliseconds>(wait * 2, kMaxPause);
    }
}

void DockerDriver::handle_event(const Json& event) {
    if (event.value("Type", "") != "container") return;
    const std::string action = event.value("Action", "");
    Json attributes = event.value("Actor", Json::object()).value("Attributes", Json::object());
    if (!attributes.is_object()) return;
    const std::string bot_id = attributes.value(docker::kBotIdLabel, "");
    if (bot_id.empty()) return;
    const std::string container_id = event.value("id", "");
    bool stale = false;
    note(bot_id, [&](Known& k) {
        stale = !k.container_id.empty() && !container_id.empty() && k.container_id != container_id;
        // A container the dashboard replaced: its end was asked for and says nothing of the
        // bot's current one.
        if (stale && action == "die" && k.expected_dies > 0) k.expected_dies--;
        if (stale && action == "destroy" && k.expected_destroys > 0) k.expected_destroys--;
    });
    if (stale) return;

    if (action == "start") {
        bool restarted = false;
        note(bot_id, [&](Known& k) {
            k.status = "running";
            restarted = k.died_by_itself;
            k.died_by_itself = false;
        });
        if (restarted && state_listener_) {
            state_listener_(StateReport{bot_id, "running", "restarted by its restart policy"});
        }
    } else if (action == "die") {
        int exit_code = -1;
        try {
            exit_code = std::stoi(attributes.value("exitCode", "-1"));
        } catch (const std::exception&) {
            log::warn("docker die event without a usable exit code", {log::kv("bot_id", bot_id)});
        }
        bool requested = false, report = false;
        note(bot_id, [&](Known& k) {
            requested = k.expected_dies > 0;
            if (requested) k.expected_dies--;
            report = is_up(k.status);
            k.status = "exited";
            k.died_by_itself = !requested && report;
        });
        log::info("bot container died", {log::kv("bot_id", bot_id), log::kv("exit_code", exit_code),
                                         log::kv("requested", requested)});
        if ((report || requested) && exit_listener_) {
            exit_listener_(ExitReport{bot_id, exit_code, requested});
        }
    } else if (action == "destroy") {
        bool expected = false;
        note(bot_id, [&](Known& k) {
            expected = k.expected_destroys > 0;
            if (expected) k.expected_destroys--;
            k.status = "absent";
        });
        if (!expected && state_listener_) {
            state_listener_(
                StateReport{bot_id, "absent", "the container was removed outside the dashboard"});
        }
    } else if (action == "oom") {
        log::warn("bot container ran out of memory", {log::kv("bot_id", bot_id)});
    }
}

void DockerDriver::report_changes(const std::map<std::string, std::string>& before,
                                  const std::map<std::string, std::string>& after,
                                  const std::string& why) {
    for (const auto& [bot_id, old_status] : before) {
        auto it = after.find(bot_id);
        std::string now = it == after.end() ? "absent" : it->second;
        if (now == old_status) continue;
        if (is_up(old_status) && (now == "exited" || now == "dead")) {
            if (exit_listener_) exit_listener_(ExitReport{bot_id, -1, false});
        } else if (now == "absent" && old_status != "absent") {
            if (state_listener_) {
                state_listener_(StateReport{bot_id, "absent", "the container was removed " + why});
            }
        } else if (state_listener_) {
            state_listener_(StateReport{bot_id, now, ""});
        }
    }
}

}  // namespace nbdash::runtime
