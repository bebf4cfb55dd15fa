#include "db/record_json.hpp"

#include "bots/drift.hpp"

namespace nbdash::db {

namespace {

Json optional_json(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
}

}  // namespace

Json to_json(const BotRecord& bot) {
    return Json{{"id", bot.id},
                {"name", bot.name},
                {"enabled", bot.enabled},
                {"access_password_set", bot.has_access_password},
                {"has_access_password", bot.has_access_password},
                {"workspace_dir", bot.workspace_dir},
                {"docker_status", bot.docker_status},
                {"current_state", bot.current_state},
                {"last_action", bot.last_action},
                {"state_detail", optional_json(bot.state_detail)},
                {"image_tag", bot.image_tag},
                {"needs_restart", bot.needs_restart},
                {"created_at", bot.created_at},
                {"updated_at", bot.updated_at},
                {"drift", bots::drift_json(bot)},
                // Live resource use is not stored; BotService::bot_json fills it in.
                {"stats", nullptr}};
}

Json to_json(const MessageRecord& message) {
    return Json{{"id", message.id},
                {"bot_id", message.bot_id},
                {"role", message.role},
                {"text", message.text},
                {"media", message.media},
                {"feedback", optional_json(message.feedback)},
                {"request_id", optional_json(message.request_id)},
                {"status", message.status},
                {"reasoning", optional_json(message.reasoning)},
                {"turn_status", optional_json(message.turn_status)},
                {"created_at", message.created_at}};
}

Json to_json(const EventRecord& event) {
    return Json{{"id", event.id},
                {"bot_id", optional_json(event.bot_id)},
                {"request_id", optional_json(event.request_id)},
                {"event_type", event.event_type},
                {"severity", event.severity},
                {"channel", optional_json(event.channel)},
                {"detail", event.detail},
                {"metadata", event.metadata},
                {"created_at", event.created_at}};
}

Json to_json(const ImageRecord& image) {
    return Json{{"tag", image.tag},
                {"image_id", optional_json(image.image_id)},
                {"version", optional_json(image.version)},
                {"status", image.status},
                {"source_dir", optional_json(image.source_dir)},
                {"created_at", image.created_at}};
}

}  // namespace nbdash::db
