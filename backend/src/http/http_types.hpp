// The types every handler sees: the request, its matched path parameters, query and session.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http.hpp>

#include "auth/session_store.hpp"

namespace nbdash::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
using Verb = boost::beast::http::verb;

struct RequestContext {
    const Request& request;
    std::string request_id;
    std::string client_address;
    std::map<std::string, std::string> params;  // from {name} segments of the route
    std::map<std::string, std::string> query;   // decoded; a repeated key keeps the first
    std::optional<auth::Session> session;
    std::string session_token;

    const std::string& param(const std::string& name) const { return params.at(name); }
    std::optional<std::string> query_value(const std::string& name) const {
        auto it = query.find(name);
        if (it == query.end()) return std::nullopt;
        return it->second;
    }
};

using Handler = std::function<boost::asio::awaitable<Response>(RequestContext&)>;

// Who may call a route. Writes additionally need the session's CSRF token.
enum class Access { kPublic, kAdmin, kAdminOrShare };

}  // namespace nbdash::http
