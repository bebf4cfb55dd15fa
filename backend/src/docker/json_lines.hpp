// Splits a streamed body of newline-separated JSON values (the event stream, build output) into
// values, whatever the chunk boundaries. Lines that are not JSON objects are skipped.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/json.hpp"

namespace nbdash::docker {

class JsonLines {
public:
    // A line longer than this is dropped rather than buffered without end.
    static constexpr std::size_t kMaxLineBytes = 4u << 20;

    void feed(std::string_view data, const std::function<void(const Json&)>& sink);

private:
    std::string partial_;
    bool skipping_ = false;  // inside an over-long line, until its newline
};

}  // namespace nbdash::docker
