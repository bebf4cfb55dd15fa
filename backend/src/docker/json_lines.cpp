#include "docker/json_lines.hpp"

namespace nbdash::docker {

void JsonLines::feed(std::string_view data, const std::function<void(const Json&)>& sink) {
    while (!data.empty()) {
        auto newline = data.find('\n');
        std::string_view piece = data.substr(0, newline);
        if (!skipping_) partial_.append(piece);
        if (partial_.size() > kMaxLineBytes) {
            partial_.clear();
            skipping_ = true;
        }
        if (newline == std::string_view::npos) return;
        data.remove_prefix(newline + 1);
        if (!skipping_ && !partial_.empty()) {
            if (auto value = parse_json_object(partial_)) sink(*value);
        }
        partial_.clear();
        skipping_ = false;
    }
}

}  // namespace nbdash::docker
