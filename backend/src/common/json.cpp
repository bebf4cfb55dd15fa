#include "common/json.hpp"

#include <cmath>
#include <limits>
#include <set>
#include <vector>

#include "common/errors.hpp"

namespace nbdash {

namespace {

// Tracks the keys of each open object so a repeated key can be refused: the library itself
// keeps the last value silently, which would let a request smuggle a second meaning past checks.
struct StrictParseState {
    std::vector<std::set<std::string>> open_objects;
    std::string problem;
    int max_depth;
};

}  // namespace

Json parse_request_json(std::string_view body, int max_depth) {
    StrictParseState state{{}, {}, max_depth};
    auto callback = [&state](int depth, Json::parse_event_t event, Json& parsed) {
        if (depth > state.max_depth) {
            state.problem = "nesting is deeper than " + std::to_string(state.max_depth);
            return false;
        }
        switch (event) {
        case Json::parse_event_t::object_start:
            state.open_objects.emplace_back();
            break;
        case Json::parse_event_t::object_end:
            if (!state.open_objects.empty()) state.open_objects.pop_back();
            break;
        case Json::parse_event_t::value:
            // 1e999 would become infinity (and be written back as null); an unsigned value past
            // the signed range would wrap when read as the int64 every field reader uses.
            if ((parsed.is_number_float() && !std::isfinite(parsed.get<double>())) ||
                (parsed.is_number_unsigned() &&
                 parsed.get<std::uint64_t>() >
                     static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))) {
                state.problem = "a number is out of range";
                return false;
            }
            break;
        case Json::parse_event_t::key:
            if (!state.open_objects.empty() &&
                !state.open_objects.back().insert(parsed.get<std::string>()).second) {
                state.problem = "duplicate key \"" + parsed.get<std::string>() + "\"";
                return false;
            }
            break;
        default:
            break;
        }
        return true;
    };

    Json result;
    try {
        result = Json::parse(body.begin(), body.end(), callback);
    } catch (const Json::parse_error&) {
        throw ClientError("invalid_json", "request body is not valid JSON");
    } catch (const Json::exception&) {
        // Found by fuzzing: a number like 1e999 throws out_of_range, not parse_error.
        throw ClientError("invalid_json", "request body refused: a number is out of range");
    }
    if (!state.problem.empty()) {
        throw ClientError("invalid_json", "request body refused: " + state.problem);
    }
    if (result.is_discarded()) throw ClientError("invalid_json", "request body is not valid JSON");
    return result;
}

std::optional<Json> parse_json_object(std::string_view text) {
    Json value = Json::parse(text.begin(), text.end(), nullptr, false);
    if (value.is_discarded() || !value.is_object()) return std::nullopt;
    return value;
}

std::optional<std::string> optional_string(const Json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
        throw ClientError("invalid_field", std::string("field \"") + field + "\" must be a string");
    }
    return it->get<std::string>();
}

std::string required_string(const Json& body, const char* field) {
    auto value = optional_string(body, field);
    if (!value) {
        throw ClientError("missing_field", std::string("field \"") + field + "\" is required");
    }
    return *value;
}

std::optional<bool> optional_bool(const Json& body, const char* field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_boolean()) {
        throw ClientError("invalid_field", std::string("field \"") + field + "\" must be a boolean");
    }
    return it->get<bool>();
}

std::string dump_json(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace nbdash
