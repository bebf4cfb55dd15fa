// Small pieces shared by the routes that read and write a bot's files.
#pragma once

#include <optional>
#include <string>

#include "common/errors.hpp"
#include "common/json.hpp"
#include "http/http_types.hpp"

namespace nbdash::api {

// Who saved a file, as recorded in revisions and events. Only the admin can reach these routes.
inline constexpr const char* kActor = "admin";

// The If-Match header, required: 428 without it, so a save never silently overwrites.
std::string required_if_match(const http::RequestContext& ctx);
std::optional<std::string> optional_if_match(const http::RequestContext& ctx);

// The body as a JSON object (400 invalid_json otherwise).
Json parse_body_object(const http::RequestContext& ctx);

// Sets the ETag header from body["etag"].
http::Response with_etag(http::Response response, const Json& body);

}  // namespace nbdash::api
