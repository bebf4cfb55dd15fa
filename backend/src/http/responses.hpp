// Building responses. Every JSON error has the shape {"error":{"code","message"}}.
#pragma once

#include "common/json.hpp"
#include "http/http_types.hpp"

namespace nbdash::http {

Response json_response(const RequestContext& ctx, int status, const Json& body);
Response no_content(const RequestContext& ctx);
Response error_response(unsigned version, bool keep_alive, int status, const std::string& code,
                        const std::string& message);

// Headers every response carries: no sniffing, no framing by other sites, a CSP the console
// works under, no referrer leaks.
void add_security_headers(Response& response);

// Reads a {name} path segment as a positive integer; throws NotFound when it is not one.
std::int64_t path_int(const RequestContext& ctx, const std::string& name);

// Reads a query parameter as a bounded integer; throws ClientError naming it.
std::optional<std::int64_t> query_int(const RequestContext& ctx, const std::string& name,
                                      std::int64_t min, std::int64_t max);

}  // namespace nbdash::http
