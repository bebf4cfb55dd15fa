#include "bots/bot_service.hpp"

#include <algorithm>
#include <filesystem>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "botconfig/config_rules.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "db/record_json.hpp"
#include "runtime/resources.hpp"
#include "workspace/chat_uploads.hpp"

namespace nbdash::bots {

namespace asio = boost::asio;

namespace {

db::EventRecord make_event(const std::string& bot_id, std::string type, std::string detail,
                           std::string severity = "info") {
    db::EventRecord event;
    event.bot_id = bot_id;
    event.event_type = std::move(type);
    event.detail = std::move(detail);
    event.severity = std::move(severity);
    return event;
}

bool is_running(const db::BotRecord& bot) {
    return bot.docker_status == "running" || bot.docker_status == "restarting";
}

void validate_text(const std::string& text, std::int64_t max_bytes, bool has_attachments) {
    if (!has_attachments && text.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw ClientError("empty_message", "the message text is empty");
    }
    // PostgreSQL text cannot hold NUL, and no chat needs it.
    if (text.find('\0') != std::string::npos) {
        throw ClientError("invalid_text", "the message contains a NUL character");
    }
    if (static_cast<std::int64_t>(text.size()) > max_bytes) {
        throw ApiError(413, "message_too_large",
                       "the message is longer than " + std::to_string(max_bytes) + " bytes");
    }
}

// Nothing is stored for a message refused here.
void refuse_unless_reserved(channel::QueueReservation::Answer answer, std::size_t max_waiting) {
    using Answer = channel::QueueReservation::Answer;
    if (answer == Answer::kNoChannel) {
        throw Conflict("bot_not_running",
                       "the bot's channel is not open; start the bot before sending it messages");
    }
    if (answer == Answer::kQueueFull) {
        throw TooManyRequests("chat_queue_full",
                              std::to_string(max_waiting) +
                                  " messages are already waiting for this bot's turn; send again "
                                  "once it has answered (setting chat.max_queued_messages)",
                              5);
    }
}

}  // namespace

BotService::BotService(asio::io_context& io, Stores stores, workspace::BotFiles& files,
                       runtime::RuntimeDriver& runtime, realtime::Hub& hub, Settings& settings,
                       BlockingPool& blocking)
    : io_(io),
      stores_(stores),
      files_(files),
      runtime_(runtime),
      hub_(hub),
      settings_(settings),
      blocking_(blocking),
      channels_(io.get_executor(), hub, *this, blocking) {
    runtime_.on_exit([this](runtime::ExitReport report) {
        spawn(handle_exit(std::move(report)), "handle bot exit");
    });
    runtime_.on_state([this](runtime::StateReport report) {
        spawn(handle_state(std::move(report)), "handle runtime state");
    });
}

void BotService::spawn(asio::awaitable<void> task, const char* what) {
    asio::co_spawn(io_, std::move(task), [what](std::exception_ptr failure) {
        if (!failure) return;
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& e) {
            log::error("background task failed", {log::kv("task", what), log::kv("error", e.what())});
        }
    });
}

Json BotService::bot_json(const db::BotRecord& bot) const {
    Json out = db::to_json(bot);
    auto stats = stats_.find(bot.id);
    if (stats && is_running(bot)) out["stats"] = runtime::to_json(*stats);
    return out;
}

asio::awaitable<db::BotRecord> BotService::require_bot(const std::string& bot_id) {
    if (!is_valid_bot_id(bot_id)) throw NotFound("bot_not_found", "no bot with this id");
    auto bot = co_await stores_.bots.find(bot_id);
    if (!bot) throw NotFound("bot_not_found", "no bot with id '" + bot_id + "'");
    co_return *bot;
}

asio::awaitable<std::optional<db::BotRecord>> BotService::set_state(const std::string& bot_id,
                                                                    db::BotStateChange change) {
    auto bot = co_await stores_.bots.update_state(bot_id, std::move(change));
    if (bot) hub_.publish(realtime::Hub::kFleetTopic, {{"type", "bot_status"}, {"bot", bot_json(*bot)}});
    co_return bot;
}

asio::awaitable<void> BotService::record(db::EventRecord event) {
    auto stored = co_await stores_.events.record(std::move(event));
    hub_.publish(realtime::Hub::kFleetTopic, {{"type", "event"}, {"event", to_json(stored)}});
}

asio::awaitable<db::BotRecord> BotService::create(CreateBot request) {
    if (!is_valid_bot_id(request.id)) {
        throw ClientError("invalid_bot_id",
                          "id must be 2-63 characters: a lowercase letter, then lowercase "
                          "letters, digits or '-'");
    }
    request.name = request.name.empty() ? request.id : checked_bot_name(request.name);
    std::string image_tag = request.image_tag.value_or(
        settings_.get_string("bots.default_image_tag", "simbot:latest"));
    auto image = co_await stores_.images.find(image_tag);
    if (!image) {
        throw ClientError("unknown_image", "no image registered with tag '" + image_tag + "'");
    }
    auto existing = co_await stores_.bots.find(request.id);
    if (existing) {
        throw Conflict("bot_exists", "a bot with id '" + request.id + "' already exists");
    }

    workspace::NewBotFiles spec;
    spec.bot_id = request.id;
    spec.name = request.name;
    spec.model = settings_.get_string("bots.default_model", "openai/gpt-4o-mini");
    spec.cpus = settings_.get_number("bots.default_cpus", 1.0);
    spec.memory_mb = settings_.get_int("bots.default_memory_mb", 512);
    spec.storage_mb = settings_.get_int("bots.default_storage_mb", 1024);
    spec.pids = settings_.get_int("bots.default_pids", 256);
    std::optional<std::string> template_id = request.template_bot_id;
    if (template_id) co_await require_bot(*template_id);
    co_await blocking_.run([this, &spec, &template_id] {
        try {
            files_.create(spec);
        } catch (const std::invalid_argument&) {
            throw Conflict("bot_files_exist",
                           "files of an earlier bot with this id are still on disk; delete that "
                           "bot with purge or pick another id");
        }
        if (template_id) {
            try {
                files_.copy_from_template(spec.bot_id, *template_id);
            } catch (...) {
                files_.remove(spec.bot_id);
                throw;
            }
        }
        return 0;
    });

    db::BotRecord row;
    row.id = request.id;
    row.name = request.name;
    row.workspace_dir = files_.bot_dir(request.id).string();
    row.image_tag = image_tag;
    std::optional<db::BotRecord> stored;
    try {
        stored = co_await stores_.bots.insert(row);
    } catch (...) {
        files_.remove(request.id);
        throw;
    }
    if (!stored) {
        files_.remove(request.id);
        throw Conflict("bot_exists", "a bot with id '" + request.id + "' already exists");
    }
    log::info("bot created", {log::kv("bot_id", request.id), log::kv("image", image_tag)});
    std::string origin = "bot created from image " + image_tag;
    if (template_id) origin += " with the files of " + *template_id;
    co_await record(make_event(request.id, "bot_created", origin));
    hub_.publish(realtime::Hub::kFleetTopic, {{"type", "bot_status"}, {"bot", bot_json(*stored)}});
    co_return *stored;
}

asio::awaitable<void> BotService::remove(std::string bot_id, bool purge) {
    auto hold = co_await lifecycle_.acquire(bot_id);
    if (purge && is_valid_bot_id(bot_id)) {
        // The files of a bot deleted earlier without purge: removing them frees the id.
        auto row = co_await stores_.bots.find(bot_id);
        bool leftover = false;
        if (!row) {
            leftover = co_await blocking_.run([this, &bot_id] {
                return std::filesystem::exists(files_.bot_dir(bot_id));
            });
        }
        if (leftover) {
            co_await blocking_.run([this, &bot_id] {
                files_.remove(bot_id);
                return 0;
            });
            co_await record(make_event(bot_id, "bot_files_purged", "files of a deleted bot removed"));
            co_return;
        }
    }
    auto bot = co_await require_bot(bot_id);
    channels_.close(bot_id, "the bot was deleted");
    co_await runtime_.stop(bot_id, std::chrono::seconds(
                                       settings_.get_int("runtime.stop_grace_seconds", 10)));
    co_await runtime_.remove(bot_id);
    co_await stores_.bots.remove(bot_id);
    if (purge) {
        co_await blocking_.run([this, &bot_id] {
            files_.remove(bot_id);
            return 0;
        });
    }
    log::info("bot deleted", {log::kv("bot_id", bot_id), log::kv("purge", purge)});
    co_await record(make_event(bot_id, "bot_deleted",
                               purge ? "bot and its files deleted" : "bot deleted; files kept"));
    hub_.publish(realtime::Hub::kFleetTopic, {{"type", "bot_removed"}, {"bot_id", bot_id}});
}

asio::awaitable<db::BotRecord> BotService::start(std::string bot_id) {
    auto hold = co_await lifecycle_.acquire(bot_id);
    auto bot = co_await bring_up(bot_id, false);
    co_return bot;
}

asio::awaitable<db::BotRecord> BotService::bring_up(std::string bot_id, bool adopting) {
    auto bot = co_await require_bot(bot_id);
    if (!adopting && is_running(bot) && runtime_.status(bot_id) == "running") co_return bot;
    auto image = co_await stores_.images.find(bot.image_tag);
    if (!image) throw Conflict("unknown_image", "the bot's image is no longer registered");
    // Read and checked before any state changes, so a bad quota is refused with nothing done.
    Json env = co_await blocking_.run([this, &bot_id] { return files_.read_env(bot_id); });
    runtime::Resources resources = runtime::resources_from_env(env);
    if (!adopting) {
        Json config_now = co_await blocking_.run([this, &bot_id] { return files_.read_config(bot_id); });
        botconfig::require_env_values(config_now, env);
    }

    db::BotStateChange starting{.current_state = "starting", .last_action = "start",
                                .enabled = true, .state_detail = ""};
    co_await set_state(bot_id, starting);
    runtime::BotLaunch launch;
    launch.bot_id = bot_id;
    launch.image_tag = image->tag;
    launch.image_source_dir = image->source_dir.value_or("");
    launch.bot_dir = files_.bot_dir(bot_id);
    launch.data_dir = files_.data_dir(bot_id);
    launch.resources = resources;
    try {
        if (auto vars = env.find("env"); vars != env.end() && vars->is_object()) {
            for (const auto& [name, value] : vars->items()) {
                if (value.is_string()) launch.env[name] = value.get<std::string>();
            }
        }
        co_await runtime_.start(launch);
    } catch (const std::exception& e) {
        std::string reason = e.what();
        spawn([](BotService* self, std::string id, std::string why) -> asio::awaitable<void> {
            db::BotStateChange failed{.docker_status = "exited", .current_state = "error",
                                      .state_detail = "start failed: " + why};
            co_await self->set_state(id, failed);
            co_await self->record(make_event(id, "container_start_failed", why, "error"));
        }(this, bot_id, reason), "record failed start");
        throw;
    }

    auto endpoint = co_await blocking_.run([this, &bot_id] {
        return files_.channel_endpoint(bot_id);
    });
    runtime_.dial_address(bot_id, endpoint);
    Json config = co_await blocking_.run([this, &bot_id] { return files_.read_config(bot_id); });
    channel::ChannelTarget target;
    target.bot_id = bot_id;
    target.data_dir = files_.data_dir(bot_id);
    target.endpoint = endpoint;
    const Json defaults = config.value("agents", Json::object()).value("defaults", Json::object());
    if (defaults.contains("model") && defaults["model"].is_string()) target.model = defaults["model"];
    if (defaults.contains("provider") && defaults["provider"].is_string()) {
        target.provider = defaults["provider"];
    }
    target.turn_timeout = [&settings = settings_] {
        return std::chrono::seconds(settings.get_int("chat.turn_timeout_seconds", 300));
    };
    // The files as they are now are what runs: pending changes took effect.
    if (!adopting && bot.needs_restart) co_await stores_.bots.set_needs_restart(bot_id, false);
    // State and event are recorded before the channel opens, so a "ready" and a
    // channel_connected from a quick bot are always the newer rows.
    db::BotStateChange running{.docker_status = "running"};
    auto updated = co_await set_state(bot_id, running);
    co_await record(make_event(bot_id, "container_started",
                               std::string("started by the ") + runtime_.name() + " runtime"));
    channels_.open(std::move(target));
    co_return updated.value_or(bot);
}

asio::awaitable<db::BotRecord> BotService::stop(std::string bot_id) {
    auto hold = co_await lifecycle_.acquire(bot_id);
    auto bot = co_await stop_held(bot_id);
    co_return bot;
}

asio::awaitable<db::BotRecord> BotService::stop_held(std::string bot_id) {
    auto bot = co_await require_bot(bot_id);
    db::BotStateChange stopping{.last_action = "stop", .enabled = false};
    co_await set_state(bot_id, stopping);
    channels_.close(bot_id, "the bot was stopped");
    co_await runtime_.stop(bot_id, std::chrono::seconds(
                                       settings_.get_int("runtime.stop_grace_seconds", 10)));
    db::BotStateChange stopped{.docker_status = "exited", .current_state = "stopped",
                               .state_detail = ""};
    auto updated = co_await set_state(bot_id, stopped);
    if (is_running(bot)) co_await record(make_event(bot_id, "container_stopped", "stopped"));
    co_return updated.value_or(bot);
}

asio::awaitable<db::BotRecord> BotService::restart(std::string bot_id) {
    auto hold = co_await lifecycle_.acquire(bot_id);
    co_await stop_held(bot_id);
    auto bot = co_await bring_up(bot_id, false);
    db::BotStateChange restarted{.last_action = "restart"};
    co_await set_state(bot_id, restarted);
    co_return bot;
}

asio::awaitable<SentMessage> BotService::send_message(
    std::string bot_id, std::string text, std::vector<channel::Attachment> attachments) {
    validate_text(text, settings_.get_int("chat.max_message_bytes", 65536), !attachments.empty());
    auto bot = co_await require_bot(bot_id);
    if (!is_running(bot) || bot.current_state == "stopped") {
        throw Conflict("bot_not_running", "start the bot before sending it messages");
    }
    // The place in the bot's queue is taken before anything is stored, so a refused message
    // leaves no trace and costs the queue nothing.
    auto max_waiting = static_cast<std::size_t>(
        std::clamp<std::int64_t>(settings_.get_int("chat.max_queued_messages", 20), 1, 1000));
    auto reservation = channels_.reserve(bot_id, max_waiting);
    refuse_unless_reserved(reservation.answer, max_waiting);

    db::RequestOpening opening;
    opening.bot_id = bot_id;
    opening.request_id = new_uuid();
    opening.text = text;
    opening.is_command = channel::is_slash_command(text);
    // The files wait in the bot's folder (where the history also finds them) and are read back
    // as nanobot's data URLs when their turn is sent.
    std::vector<channel::StoredAttachment> stored;
    for (const auto& attachment : attachments) stored.push_back({attachment.name, attachment.mime});
    std::filesystem::path data_dir = files_.data_dir(bot_id);
    if (!attachments.empty()) {
        std::string request_id = opening.request_id;
        auto paths = co_await blocking_.run([&data_dir, &request_id, &attachments] {
            return workspace::store_chat_uploads(data_dir, request_id, attachments);
        });
        for (const auto& path : paths) opening.media.push_back(path);
        attachments.clear();
    }
    std::optional<db::RequestOpened> opened;
    std::exception_ptr failure;
    try {
        opened = co_await stores_.chat.open_request(opening);
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) {
        if (!opening.media.empty()) {
            std::string request_id = opening.request_id;
            co_await blocking_.run([&data_dir, &request_id] {
                workspace::remove_chat_uploads(data_dir, request_id);
                return true;
            });
        }
        std::rethrow_exception(failure);
    }
    hub_.publish(realtime::Hub::bot_topic(bot_id),
                 {{"type", "chat_message"}, {"bot_id", bot_id}, {"message", to_json(opened->message)}});
    if (opened->command_event) {
        hub_.publish(realtime::Hub::kFleetTopic,
                     {{"type", "event"}, {"event", to_json(*opened->command_event)}});
    }
    // A channel closed since the reservation ends the request as interrupted.
    channel::PendingRequest pending{opening.request_id, text, std::move(stored)};
    reservation.place.submit(std::move(pending));
    co_return SentMessage{opened->message.id, opening.request_id};
}

asio::awaitable<std::vector<runtime::LogLine>> BotService::logs(std::string bot_id, int tail) {
    co_await require_bot(bot_id);
    co_return co_await runtime_.logs(bot_id, tail);
}

void BotService::on_channel_state(const std::string& bot_id, const std::string& state,
                                  const std::string& detail) {
    // Reports are written one at a time per bot, newest last: a "busy" must never land after
    // the "ready" that followed it. Only the latest unwritten report of a bot is kept.
    bool start_writer = false;
    {
        std::lock_guard lock(reports_mutex_);
        pending_reports_[bot_id] = ChannelReport{state, detail};
        start_writer = report_writers_.insert(bot_id).second;
    }
    // Spawned outside the lock: the writer may start running on this very thread.
    if (start_writer) spawn(write_channel_reports(bot_id), "update channel state");
}

asio::awaitable<void> BotService::write_channel_reports(std::string bot_id) {
    for (;;) {
        ChannelReport report;
        bool drained = false;
        {
            std::lock_guard lock(reports_mutex_);
            auto it = pending_reports_.find(bot_id);
            if (it == pending_reports_.end()) {
                report_writers_.erase(bot_id);
                drained = true;
            } else {
                report = std::move(it->second);
                pending_reports_.erase(it);
            }
        }
        // Returned outside the lock's scope: g++ 12 leaves a lock_guard held when co_return
        // leaves its block, which deadlocked the next report.
        if (drained) co_return;
        auto changed = co_await stores_.bots.update_channel_state(bot_id, report.state,
                                                                  report.detail);
        if (!changed) continue;
        const auto& [bot, previous] = *changed;
        hub_.publish(realtime::Hub::kFleetTopic, {{"type", "bot_status"}, {"bot", bot_json(bot)}});
        if (report.state == "ready" && (previous == "starting" || previous == "degraded")) {
            co_await record(make_event(bot_id, "channel_connected", "dashboard channel connected"));
        } else if (report.state == "degraded") {
            co_await record(make_event(bot_id, "channel_disconnected", report.detail, "warning"));
        }
    }
}

void BotService::on_turn_closed(const std::string& bot_id, channel::TurnOutcome outcome) {
    // Counted from here, not from inside the coroutine, so a shutdown that waits for the count
    // cannot slip in between; store_turn counts it down however it ends.
    turns_being_stored_.fetch_add(1);
    spawn(store_turn(bot_id, std::move(outcome)), "store turn");
}

asio::awaitable<void> BotService::store_turn(std::string bot_id, channel::TurnOutcome outcome) {
    struct CountDown {
        std::atomic<int>& count;
        ~CountDown() { count.fetch_sub(1); }
    } stored_or_failed{turns_being_stored_};
    // One line per finished request for the operator: never the text, only what it cost.
    log::write(outcome.status == "success" ? spdlog::level::info : spdlog::level::warn,
               "turn ended",
               {log::kv("bot_id", bot_id), log::kv("request_id", outcome.request_id),
                log::kv("status", outcome.status), log::kv("model", outcome.model.value_or("")),
                log::kv("input_tokens", outcome.input_tokens),
                log::kv("output_tokens", outcome.output_tokens),
                log::kv("total_tokens", outcome.total_tokens),
                log::kv("usage_estimated", outcome.usage_estimated),
                log::kv("latency_ms", outcome.latency_ms.value_or(-1)),
                log::kv("reply_bytes", outcome.text.size())});
    db::RequestClosing closing;
    closing.bot_id = bot_id;
    closing.request_id = outcome.request_id;
    closing.status = outcome.status;
    if (!outcome.text.empty() || !outcome.media.empty()) {
        closing.reply_text = outcome.text;
        std::erase(*closing.reply_text, '\0');
    }
    closing.reply_status = outcome.reply_status;
    if (!outcome.reasoning.empty()) {
        closing.reasoning = outcome.reasoning;
        std::erase(*closing.reasoning, '\0');
    }
    closing.media = outcome.media;
    closing.provider = outcome.provider;
    closing.model = outcome.model;
    closing.input_tokens = outcome.input_tokens;
    closing.output_tokens = outcome.output_tokens;
    closing.total_tokens = outcome.total_tokens;
    closing.usage_estimated = outcome.usage_estimated;
    closing.latency_ms = outcome.latency_ms;
    closing.usage = outcome.usage;
    closing.error_detail = outcome.error_detail;
    // The reply must not be lost to a database restart: retry for a few minutes.
    std::optional<db::MessageRecord> reply;
    auto delay = std::chrono::milliseconds(500);
    for (int attempt = 1;; ++attempt) {
        bool stored = false;
        try {
            reply = co_await stores_.chat.close_request(closing);
            stored = true;
        } catch (const Unavailable&) {
            if (attempt >= 30) throw;
            log::warn("storing a turn failed, retrying", {log::kv("bot_id", bot_id),
                                                          log::kv("request_id", outcome.request_id),
                                                          log::kv("attempt", attempt)});
        }
        if (stored) break;
        asio::steady_timer wait(co_await asio::this_coro::executor);
        wait.expires_after(delay);
        co_await wait.async_wait(asio::use_awaitable);
        delay = std::min(delay * 2, std::chrono::milliseconds(10000));
    }

    std::string topic = realtime::Hub::bot_topic(bot_id);
    if (reply) {
        hub_.publish(topic, {{"type", "chat_message"}, {"bot_id", bot_id},
                             {"message", to_json(*reply)}});
    }
    hub_.publish(topic, {{"type", "turn_end"}, {"bot_id", bot_id},
                         {"request_id", outcome.request_id}, {"status", outcome.status},
                         {"error", outcome.error_detail ? Json(*outcome.error_detail) : Json()},
                         {"usage", {{"input_tokens", outcome.input_tokens},
                                    {"output_tokens", outcome.output_tokens},
                                    {"total_tokens", outcome.total_tokens},
                                    {"estimated", outcome.usage_estimated}}}});
    if (outcome.status != "success") {
        auto event = make_event(bot_id, "alert",
                                "request " + outcome.status + ": " +
                                    outcome.error_detail.value_or("no detail"),
                                outcome.status == "interrupted" ? "warning" : "error");
        event.request_id = outcome.request_id;
        event.channel = "dashboard";
        event.metadata = {{"kind", "request_" + outcome.status}};
        co_await record(std::move(event));
    }
}

asio::awaitable<void> BotService::handle_exit(runtime::ExitReport report) {
    if (report.requested) co_return;
    channels_.close(report.bot_id, "the bot process exited");
    std::string detail = "exited by itself with code " + std::to_string(report.exit_code);
    db::BotStateChange died{.docker_status = "exited", .current_state = "error",
                            .state_detail = detail};
    co_await set_state(report.bot_id, died);
    co_await record(make_event(report.bot_id, "container_died", detail, "error"));
}

asio::awaitable<void> BotService::handle_state(runtime::StateReport report) {
    if (report.bot_id.empty()) {
        if (report.docker_status == "unknown") {
            for (const auto& bot : co_await stores_.bots.list()) {
                if (bot.docker_status == "absent" || bot.docker_status == "exited") continue;
                db::BotStateChange lost{.docker_status = "unknown", .state_detail = report.detail};
                co_await set_state(bot.id, lost);
            }
            db::EventRecord event;
            event.event_type = "alert";
            event.severity = "error";
            event.detail = report.detail;
            event.metadata = {{"kind", "docker_unreachable"}};
            co_await record(std::move(event));
        } else {
            db::EventRecord event;
            event.event_type = "docker_reachable";
            event.detail = "the Docker daemon answers again";
            co_await record(std::move(event));
            auto observed = co_await runtime_.observe();
            if (observed) {
                auto bots = co_await stores_.bots.list();
                co_await reconcile(bots, *observed);
            }
        }
        co_return;
    }
    auto bot = co_await stores_.bots.find(report.bot_id);
    if (!bot) co_return;
    if (report.docker_status == "absent") {
        channels_.close(bot->id, report.detail);
        db::BotStateChange gone{.docker_status = "absent",
                                .current_state = bot->enabled ? "error" : "stopped",
                                .state_detail = report.detail};
        co_await set_state(bot->id, gone);
        co_await record(make_event(bot->id, "container_removed", report.detail, "warning"));
    } else if (report.docker_status == "running" && bot->enabled) {
        co_await record(make_event(bot->id, "container_restarted", report.detail, "warning"));
        co_await bring_up(bot->id, true);
    } else {
        db::BotStateChange change{.docker_status = report.docker_status};
        co_await set_state(bot->id, change);
    }
}

asio::awaitable<void> BotService::reconcile(std::vector<db::BotRecord> bots,
                                            std::map<std::string, std::string> observed) {
    for (const auto& bot : bots) {
        auto it = observed.find(bot.id);
        const std::string actual = it == observed.end() ? "absent" : it->second;
        const bool was_up = is_running(bot) || bot.docker_status == "unknown";
        if (was_up && actual != "running" && actual != "restarting") {
            // Died or removed while nobody watched: reported, then the desired state applies.
            std::string detail = "the container was " +
                                 std::string(actual == "absent" ? "removed" : actual) +
                                 " while the dashboard was not watching";
            auto event = make_event(bot.id,
                                    actual == "absent" ? "container_removed" : "container_died",
                                    detail, "warning");
            co_await record(std::move(event));
            db::BotStateChange seen{.docker_status = actual, .state_detail = detail};
            co_await set_state(bot.id, seen);
        }
        try {
            if (bot.enabled) {
                co_await bring_up(bot.id, true);
                auto event = make_event(bot.id, "bot_recovered",
                                        actual == "running" ? "running container taken over"
                                                            : "started again");
                co_await record(std::move(event));
            } else {
                if (actual == "running") {
                    co_await runtime_.stop(bot.id, std::chrono::seconds(settings_.get_int(
                                                       "runtime.stop_grace_seconds", 10)));
                }
                db::BotStateChange stopped{.docker_status = runtime_.status(bot.id),
                                           .current_state = "stopped"};
                co_await set_state(bot.id, stopped);
            }
        } catch (const std::exception& e) {
            log::error("could not bring a bot to its desired state",
                       {log::kv("bot_id", bot.id), log::kv("error", e.what())});
        }
        observed.erase(bot.id);
    }
    for (const auto& [orphan, state] : observed) {
        // Reported, never deleted: it may hold data an operator wants.
        db::EventRecord event;
        event.event_type = "alert";
        event.severity = "warning";
        event.detail = "container nanobot-" + orphan + " has no bot row; it was left as it is";
        event.metadata = {{"kind", "orphan_container"}, {"bot_id", orphan}, {"state", state}};
        co_await record(std::move(event));
    }
}

asio::awaitable<void> BotService::recover() {
    auto bots = co_await stores_.bots.list();
    for (const auto& bot : bots) {
        auto interrupted = co_await stores_.chat.interrupt_running(
            bot.id, "the dashboard restarted while the request was running");
        for (const auto& request_id : interrupted) {
            auto event = make_event(bot.id, "alert", "request interrupted by a dashboard restart",
                                    "warning");
            event.request_id = request_id;
            co_await record(std::move(event));
        }
    }
    std::optional<std::map<std::string, std::string>> observed;
    try {
        observed = co_await runtime_.observe();
    } catch (const std::exception& e) {
        // The daemon is down: the event follower reports it and reconciles once it is back.
        log::error("cannot observe the runtime at start-up", {log::kv("error", e.what())});
        co_return;
    }
    if (observed) {
        co_await reconcile(std::move(bots), std::move(*observed));
        co_return;
    }
    for (const auto& bot : bots) {
        if (bot.enabled) {
            try {
                co_await start(bot.id);
                co_await record(make_event(bot.id, "bot_recovered",
                                           "started again after the dashboard restarted"));
            } catch (const std::exception& e) {
                log::error("could not start a bot again", {log::kv("bot_id", bot.id),
                                                           log::kv("error", e.what())});
            }
        } else if (bot.current_state != "stopped" || bot.docker_status == "running") {
            db::BotStateChange stopped{.docker_status = runtime_.status(bot.id),
                                       .current_state = "stopped", .state_detail = ""};
            co_await set_state(bot.id, stopped);
        }
    }
}

void BotService::shutdown() { channels_.close_all("the dashboard is shutting down"); }

}  // namespace nbdash::bots
