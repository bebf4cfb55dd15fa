#include "bots/drift.hpp"

namespace nbdash::bots {

namespace {

std::string reason_for(const std::string& docker_status) {
    if (docker_status == "absent") return "the bot has no container";
    if (docker_status == "exited") return "the bot exited";
    if (docker_status == "dead") return "the container is dead";
    if (docker_status == "created") return "the container was created but never started";
    if (docker_status == "paused") return "the container is paused";
    if (docker_status == "restarting") return "the container is restarting after a crash";
    if (docker_status == "unknown") return "the Docker daemon is unreachable";
    return "the runtime reports " + docker_status;
}

}  // namespace

std::optional<Drift> drift_of(const db::BotRecord& bot) {
    const std::string& actual = bot.docker_status;
    if (bot.enabled) {
        if (actual == "running") return std::nullopt;
        // A start underway is not drift yet; a failed one leaves state "error".
        if (bot.current_state == "starting" && actual != "unknown") return std::nullopt;
        std::string detail = bot.state_detail.value_or("");
        if (actual == "unknown" || detail.empty()) detail = reason_for(actual);
        return Drift{"running", actual, detail};
    }
    if (actual == "running" || actual == "restarting" || actual == "paused") {
        return Drift{"stopped", actual, "the bot runs although it was stopped"};
    }
    if (actual == "unknown") return Drift{"stopped", actual, reason_for(actual)};
    return std::nullopt;
}

Json drift_json(const db::BotRecord& bot) {
    auto drift = drift_of(bot);
    if (!drift) return nullptr;
    return Json{{"desired", drift->desired}, {"actual", drift->actual}, {"reason", drift->reason}};
}

}  // namespace nbdash::bots
