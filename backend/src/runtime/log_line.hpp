// One line of a bot's output as the API shows it: which stream, the text without its newline,
// and when the runtime saw it (null when the runtime did not say).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"

namespace nbdash::runtime {

struct LogLine {
    std::string stream;  // "stdout" or "stderr"
    std::string text;
    std::optional<std::string> time;  // ISO 8601 UTC
};

// A line longer than this is cut into pieces of this size, so one runaway line cannot hold a
// reader's memory.
inline constexpr std::size_t kMaxLogLineBytes = 16 * 1024;

Json to_json(const LogLine& line);

// Docker's "--timestamps" prefix ("2026-12-04T18:40:36.123456789Z text") split off the text;
// the time is cut to milliseconds. A line without a prefix keeps its text and gets no time.
LogLine parse_timestamped(std::string stream, std::string_view line);

// Splits text into complete lines; what follows the last newline stays in partial for the
// next piece. Carriage returns before a newline are dropped and over-long lines are cut.
template <class Sink>
void split_lines(std::string& partial, std::string_view piece, Sink&& sink) {
    for (char c : piece) {
        if (c == '\n') {
            if (!partial.empty() && partial.back() == '\r') partial.pop_back();
            sink(std::string_view(partial));
            partial.clear();
        } else {
            partial.push_back(c);
            if (partial.size() >= kMaxLogLineBytes) {
                sink(std::string_view(partial));
                partial.clear();
            }
        }
    }
}

}  // namespace nbdash::runtime
