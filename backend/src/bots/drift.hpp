// Drift: where what the runtime reports differs from the operator's intent (enabled means
// "running", disabled "stopped"), with the reason an operator needs to act on it. Derived from
// the stored row alone, so every bot object and every fleet frame carries it.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "db/bot_store.hpp"

namespace nbdash::bots {

struct Drift {
    std::string desired;  // "running" or "stopped"
    std::string actual;   // the docker_status vocabulary
    std::string reason;
};

// nullopt when the bot is where it should be, or on its way there (a start in progress).
std::optional<Drift> drift_of(const db::BotRecord& bot);

Json drift_json(const db::BotRecord& bot);

}  // namespace nbdash::bots
