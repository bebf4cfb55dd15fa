#include "http/responses.hpp"

#include <charconv>

#include "common/errors.hpp"

namespace nbdash::http {

namespace http = boost::beast::http;

void add_security_headers(Response& response) {
    response.set("X-Content-Type-Options", "nosniff");
    response.set("X-Frame-Options", "DENY");
    response.set("Referrer-Policy", "no-referrer");
    response.set("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
                 "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
}

Response json_response(const RequestContext& ctx, int status, const Json& body) {
    Response response{static_cast<http::status>(status), ctx.request.version()};
    response.set(http::field::content_type, "application/json; charset=utf-8");
    response.set(http::field::cache_control, "no-store");
    response.keep_alive(ctx.request.keep_alive());
    response.body() = dump_json(body);
    response.prepare_payload();
    return response;
}

Response no_content(const RequestContext& ctx) {
    Response response{http::status::no_content, ctx.request.version()};
    response.set(http::field::cache_control, "no-store");
    response.keep_alive(ctx.request.keep_alive());
    return response;
}

Response error_response(unsigned version, bool keep_alive, int status, const std::string& code,
                        const std::string& message) {
    Response response{static_cast<http::status>(status), version};
    response.set(http::field::content_type, "application/json; charset=utf-8");
    response.set(http::field::cache_control, "no-store");
    response.keep_alive(keep_alive);
    response.body() = dump_json(Json{{"error", {{"code", code}, {"message", message}}}});
    response.prepare_payload();
    return response;
}

std::int64_t path_int(const RequestContext& ctx, const std::string& name) {
    const std::string& text = ctx.param(name);
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 1) {
        throw NotFound("not_found", "no such " + name);
    }
    return value;
}

std::optional<std::int64_t> query_int(const RequestContext& ctx, const std::string& name,
                                      std::int64_t min, std::int64_t max) {
    auto text = ctx.query_value(name);
    if (!text || text->empty()) return std::nullopt;
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
        throw ClientError("invalid_query", "query parameter \"" + name + "\" must be an integer " +
                                               "from " + std::to_string(min) + " to " +
                                               std::to_string(max));
    }
    return value;
}

}  // namespace nbdash::http
