#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace simbot {

enum class ScenarioKind {
    kNone,  // ordinary message
    kHelp,  // "!sim", "!sim help" or an unknown scenario name
    kReasoning,
    kTool,
    kLlmError,
    kErrorFrame,
    kMedia,
    kReplyTo,
    kBig,
    kSlow,
    kNever,
    kUnknownFrame,
    kMalformed,
    kNoUsage,
    kNoTotal,
    kModelSwitch,
    kCrash,
    kForeignChat,
    kEmoji,
    kStamp,
    kDisconnect,
};

struct Scenario {
    ScenarioKind kind = ScenarioKind::kNone;
    // bytes for big, milliseconds for slow, deltas for stamp (already capped)
    std::size_t amount = 0;
    std::size_t interval_us = 0;  // stamp: pause between deltas (0 = as fast as possible)
};

inline constexpr std::size_t kDefaultBigBytes = 100000;
inline constexpr std::size_t kMaxSlowMs = 10000;
inline constexpr std::size_t kDefaultSlowMs = 500;
inline constexpr std::size_t kDefaultStampCount = 100;
inline constexpr std::size_t kMaxStampCount = 100000;
inline constexpr std::size_t kMaxStampIntervalUs = 1000000;

// Classifies message content starting with "!sim " (or exactly "!sim").
Scenario parse_scenario(std::string_view content);

// One line per scenario, for the help reply.
std::string scenario_list_text();

enum class SlashCommand { kNone, kNew, kHelp, kStop, kStatus };

// "/new", "/help", "/stop", "/status" (surrounding spaces allowed); anything else is kNone
// and goes to the model like normal text.
SlashCommand parse_slash_command(std::string_view content);

}  // namespace simbot
