#include "runtime/log_line.hpp"

namespace nbdash::runtime {

Json to_json(const LogLine& line) {
    return Json{{"stream", line.stream},
                {"text", line.text},
                {"time", line.time ? Json(*line.time) : Json(nullptr)}};
}

LogLine parse_timestamped(std::string stream, std::string_view line) {
    LogLine out;
    out.stream = std::move(stream);
    // 2026-12-04T18:40:36[.fraction]Z, then one space.
    auto space = line.find(' ');
    bool stamped = space != std::string_view::npos && space >= 20 && line.size() > 19 &&
                   line[4] == '-' && line[10] == 'T' && line[space - 1] == 'Z';
    if (!stamped) {
        out.text = std::string(line);
        return out;
    }
    std::string_view stamp = line.substr(0, space - 1);  // without the Z
    std::string time(stamp.substr(0, 19));
    std::string fraction = stamp.size() > 20 && stamp[19] == '.' ? std::string(stamp.substr(20))
                                                                  : std::string();
    fraction.resize(3, '0');
    out.time = time + "." + fraction.substr(0, 3) + "Z";
    out.text = std::string(line.substr(space + 1));
    return out;
}

}  // namespace nbdash::runtime
