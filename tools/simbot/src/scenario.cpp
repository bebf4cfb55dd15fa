#include "scenario.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "reply.hpp"

namespace simbot {

namespace {

struct ScenarioName {
    std::string_view name;
    ScenarioKind kind;
    std::string_view summary;
};

constexpr std::array<ScenarioName, 19> kScenarios = {{
    {"reasoning", ScenarioKind::kReasoning, "reasoning_delta x3, reasoning_end, then the answer"},
    {"tool", ScenarioKind::kTool, "stream_end{resuming}, tool_hint, progress, segment 2"},
    {"llm-error", ScenarioKind::kLlmError, "provider failure told in a message, usage zero"},
    {"error-frame", ScenarioKind::kErrorFrame, "an error event and no turn at all"},
    {"media", ScenarioKind::kMedia, "message with media: [<server-local PNG path>]"},
    {"reply-to", ScenarioKind::kReplyTo, "message with reply_to"},
    {"big", ScenarioKind::kBig, "big <bytes>: reply of that size (max 4 MiB), streamed"},
    {"slow", ScenarioKind::kSlow, "slow <ms>: delay per chunk (max 10000)"},
    {"never", ScenarioKind::kNever, "turn starts and does not end until /stop (1 h cap)"},
    {"unknown-frame", ScenarioKind::kUnknownFrame, "an event of unknown type mid-turn"},
    {"malformed", ScenarioKind::kMalformed, "a non-JSON text frame mid-turn"},
    {"no-usage", ScenarioKind::kNoUsage, "turn_end without usage"},
    {"no-total", ScenarioKind::kNoTotal, "usage without total_tokens"},
    {"model-switch", ScenarioKind::kModelSwitch, "runtime_model_updated + another turn model"},
    {"crash", ScenarioKind::kCrash, "process exits with code 3 after one delta"},
    {"foreign-chat", ScenarioKind::kForeignChat, "a frame for an unknown chat_id"},
    {"emoji", ScenarioKind::kEmoji, "CJK text and ZWJ emoji split across deltas"},
    {"disconnect", ScenarioKind::kDisconnect,
     "closes the chat's connections after the first delta; the process stays up"},
    {"stamp", ScenarioKind::kStamp,
     "stamp <count> [<interval_us>]: deltas whose text is the send time (steady clock, ns)"},
}};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' ||
                          s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

std::size_t parse_amount(std::string_view text, std::size_t fallback, std::size_t cap)
{
    std::size_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) {
        return fallback;
    }
    return std::min(value, cap);
}

}  // namespace

Scenario parse_scenario(std::string_view content)
{
    content = trim(content);
    if (content != "!sim" && content.rfind("!sim ", 0) != 0) {
        return {};
    }
    const std::string_view rest = trim(content.substr(4));
    const auto space = rest.find(' ');
    const std::string_view name = rest.substr(0, space);
    const std::string_view arg =
        space == std::string_view::npos ? std::string_view{} : trim(rest.substr(space + 1));

    for (const auto& entry : kScenarios) {
        if (entry.name != name) {
            continue;
        }
        if (entry.kind == ScenarioKind::kBig) {
            return {entry.kind, parse_amount(arg, kDefaultBigBytes, kMaxBigReplyBytes)};
        }
        if (entry.kind == ScenarioKind::kSlow) {
            return {entry.kind, parse_amount(arg, kDefaultSlowMs, kMaxSlowMs)};
        }
        if (entry.kind == ScenarioKind::kStamp) {
            const auto gap = arg.find(' ');
            const std::string_view count = arg.substr(0, gap);
            const std::string_view interval =
                gap == std::string_view::npos ? std::string_view{} : trim(arg.substr(gap + 1));
            return {entry.kind, parse_amount(count, kDefaultStampCount, kMaxStampCount),
                    parse_amount(interval, 0, kMaxStampIntervalUs)};
        }
        return {entry.kind, 0};
    }
    return {ScenarioKind::kHelp, 0};
}

std::string scenario_list_text()
{
    std::string text = "simbot scenarios (send \"!sim <name>\"):";
    for (const auto& entry : kScenarios) {
        text += "\n- ";
        text += entry.name;
        text += ": ";
        text += entry.summary;
    }
    return text;
}

SlashCommand parse_slash_command(std::string_view content)
{
    content = trim(content);
    static constexpr std::array<std::pair<std::string_view, SlashCommand>, 4> kCommands = {{
        {"/new", SlashCommand::kNew},
        {"/help", SlashCommand::kHelp},
        {"/stop", SlashCommand::kStop},
        {"/status", SlashCommand::kStatus},
    }};
    for (const auto& [word, command] : kCommands) {
        if (content == word) {
            return command;
        }
    }
    return SlashCommand::kNone;
}

}  // namespace simbot
