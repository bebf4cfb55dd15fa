// Maps method + path to a handler. Patterns are literal segments and {name} placeholders.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/http_types.hpp"

namespace nbdash::http {

// The largest request body a route reads, asked for each request once its header is in, so a
// limit that follows a setting takes effect without a restart. why names what sets it (a
// setting, say) for the 413 answer; empty for a fixed limit.
struct BodyLimit {
    std::function<std::size_t()> bytes;
    std::string why;
};

struct Route {
    Verb verb;
    std::vector<std::string> segments;
    Access access;
    BodyLimit body_limit;
    Handler handler;
};

struct RouteMatch {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool path_known = false;  // some route has this path, maybe with another method
    std::vector<Verb> allowed;  // the methods routes of this path take (filled on a miss)
};

// "GET, HEAD, POST" for an Allow header; HEAD is listed wherever GET is.
std::string allow_header(const std::vector<Verb>& verbs);

class Router {
public:
    static constexpr std::size_t kDefaultBodyLimit = 64 * 1024;

    void add(Verb verb, std::string_view pattern, Access access, Handler handler,
             std::size_t body_limit = kDefaultBodyLimit);
    void add(Verb verb, std::string_view pattern, Access access, Handler handler,
             BodyLimit body_limit);
    // HEAD matches the GET route of the path.
    RouteMatch match(Verb verb, std::string_view path) const;

private:
    std::vector<Route> routes_;
};

std::vector<std::string> split_path(std::string_view path);

}  // namespace nbdash::http
