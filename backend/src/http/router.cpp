#include "http/router.hpp"

#include <algorithm>

namespace nbdash::http {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        if (end > start) segments.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

void Router::add(Verb verb, std::string_view pattern, Access access, Handler handler,
                 std::size_t body_limit) {
    BodyLimit fixed{[body_limit] { return body_limit; }, ""};
    add(verb, pattern, access, std::move(handler), std::move(fixed));
}

void Router::add(Verb verb, std::string_view pattern, Access access, Handler handler,
                 BodyLimit body_limit) {
    routes_.push_back(Route{verb, split_path(pattern), access, std::move(body_limit),
                            std::move(handler)});
}

std::string allow_header(const std::vector<Verb>& verbs) {
    std::string text;
    auto add = [&text](Verb verb) {
        if (!text.empty()) text += ", ";
        text += std::string(boost::beast::http::to_string(verb));
    };
    for (Verb verb : verbs) {
        add(verb);
        if (verb == Verb::get) add(Verb::head);
    }
    return text;
}

RouteMatch Router::match(Verb verb, std::string_view path) const {
    if (verb == Verb::head) verb = Verb::get;
    RouteMatch result;
    auto segments = split_path(path);
    for (const auto& route : routes_) {
        if (route.segments.size() != segments.size()) continue;
        std::map<std::string, std::string> params;
        bool same = true;
        for (std::size_t i = 0; i < segments.size() && same; ++i) {
            const auto& expected = route.segments[i];
            if (expected.size() > 2 && expected.front() == '{' && expected.back() == '}') {
                params[expected.substr(1, expected.size() - 2)] = segments[i];
            } else {
                same = expected == segments[i];
            }
        }
        if (!same) continue;
        result.path_known = true;
        if (std::find(result.allowed.begin(), result.allowed.end(), route.verb) ==
            result.allowed.end()) {
            result.allowed.push_back(route.verb);
        }
        if (route.verb == verb) {
            result.route = &route;
            result.params = std::move(params);
            return result;
        }
    }
    return result;
}

}  // namespace nbdash::http
