#include "inbound_router.hpp"

#include <variant>

#include "client_frame.hpp"
#include "ids.hpp"
#include "json_log.hpp"
#include "media.hpp"
#include "reply.hpp"
#include "scenario.hpp"
#include "server_frames.hpp"
#include "turn.hpp"

namespace simbot {

namespace {

void send(FrameSink& conn, const nlohmann::json& frame)
{
    conn.send_text(to_wire(frame));
}

// Command answers look like a tiny turn so clients waiting for turn_end settle; while a real
// turn runs on the chat only the message is sent, leaving that turn's frames unambiguous.
void command_reply(AppContext& app, const std::string& chat_id, const std::string& text)
{
    auto& hub = app.hub;
    hub.send_to_chat(chat_id, message_frame(chat_id, text));
    if (hub.session(chat_id).running) {
        return;
    }
    hub.send_to_chat(chat_id, turn_end_frame(chat_id, 0, nullptr,
                                             app.config.agent.context_window_tokens));
    hub.broadcast(session_updated_frame(chat_id, "thread"));
    hub.send_to_chat(chat_id, goal_status_frame(chat_id, false));
}

bool run_command(AppContext& app, const std::string& chat_id, SlashCommand command)
{
    auto& session = app.hub.session(chat_id);
    switch (command) {
    case SlashCommand::kStop:
        if (session.running) {
            // Detach at once so a message sent right after /stop starts a fresh turn.
            session.running->cancel();
            session.running.reset();
            app.hub.send_to_chat(chat_id, message_frame(chat_id, "Stopped 1 task."));
        } else {
            app.hub.send_to_chat(chat_id, message_frame(chat_id, "No active task to stop."));
        }
        return true;
    case SlashCommand::kNew:
        if (session.running) {
            session.running->cancel();
            session.running.reset();
        }
        session.message_count = 0;
        session.turn_count = 0;
        session.last_usage = nullptr;
        session.generation += 1;
        command_reply(app, chat_id, "New session started.");
        return true;
    case SlashCommand::kHelp:
        command_reply(app, chat_id, help_text());
        return true;
    case SlashCommand::kStatus:
        command_reply(app, chat_id, status_text(app.config.agent.model, session.message_count,
                                                session.turn_count));
        return true;
    case SlashCommand::kNone:
        break;
    }
    return false;
}

void submit(AppContext& app, const std::string& chat_id, TurnInput input)
{
    if (run_command(app, chat_id, parse_slash_command(input.text))) {
        log_info("command handled", {{"chat_id", chat_id}});
        return;
    }
    auto& session = app.hub.session(chat_id);
    if (session.running) {
        session.running->inject(std::move(input.text));
        log_info("message folded into running turn", {{"chat_id", chat_id}});
        return;
    }
    session.running = std::make_shared<Turn>(app, chat_id, std::move(input));
    session.running->start();
}

void handle_message(AppContext& app, const std::shared_ptr<FrameSink>& conn, UserMessage& msg)
{
    const auto media = check_media(msg.media);
    if (!media.reason.empty()) {
        send(*conn, error_frame("attachment_rejected", msg.chat_id, media.reason));
        return;
    }
    TurnInput input{std::move(msg.content), {}};
    if (!media.items.empty()) {
        auto paths = save_media(media.items, app.media_dir());
        if (!paths) {
            log_warn("attachment write failed", {{"chat_id", msg.chat_id}});
            send(*conn, error_frame("attachment_rejected", msg.chat_id, "decode"));
            return;
        }
        input.attachments = std::move(*paths);
        for (const auto& item : media.items) input.attachment_names.push_back(item.name);
    }
    app.hub.subscribe(msg.chat_id, conn);
    submit(app, msg.chat_id, std::move(input));
}

void handle_attach(AppContext& app, const std::shared_ptr<FrameSink>& conn,
                   const std::string& chat_id)
{
    app.hub.subscribe(chat_id, conn);
    const auto& session = app.hub.session(chat_id);
    send(*conn, attached_frame(chat_id, session.last_usage));
    if (session.running) {
        send(*conn, goal_status_frame(chat_id, true, session.running->started_at()));
    }
}

}  // namespace

void route_frame(AppContext& app, const std::shared_ptr<FrameSink>& conn,
                 const std::string& default_chat, std::string_view text)
{
    auto frame = parse_client_frame(text);
    if (auto* rejected = std::get_if<RejectedFrame>(&frame)) {
        send(*conn, rejected->reply);
    } else if (auto* legacy = std::get_if<LegacyText>(&frame)) {
        submit(app, default_chat, TurnInput{std::move(legacy->text), {}});
    } else if (std::holds_alternative<NewChat>(frame)) {
        const auto chat_id = make_uuid_v4();
        app.hub.subscribe(chat_id, conn);
        send(*conn, attached_frame(chat_id, nullptr));
        app.hub.broadcast(session_updated_frame(chat_id, "metadata",
                                                app.config.agent.workspace.string()));
    } else if (auto* attach = std::get_if<AttachChat>(&frame)) {
        handle_attach(app, conn, attach->chat_id);
    } else if (auto* message = std::get_if<UserMessage>(&frame)) {
        handle_message(app, conn, *message);
    }
}

}  // namespace simbot
