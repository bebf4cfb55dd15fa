#include "api/file_route_helpers.hpp"

namespace nbdash::api {

std::optional<std::string> optional_if_match(const http::RequestContext& ctx) {
    auto it = ctx.request.find(boost::beast::http::field::if_match);
    if (it == ctx.request.end() || it->value().empty()) return std::nullopt;
    return std::string(it->value());
}

std::string required_if_match(const http::RequestContext& ctx) {
    auto value = optional_if_match(ctx);
    if (!value) {
        throw ApiError(428, "if_match_required",
                       "send the file's etag in an If-Match header, so a change made meanwhile "
                       "is not overwritten");
    }
    return *value;
}

Json parse_body_object(const http::RequestContext& ctx) {
    Json body = parse_request_json(ctx.request.body());
    if (!body.is_object()) throw ClientError("invalid_json", "expected a JSON object");
    return body;
}

http::Response with_etag(http::Response response, const Json& body) {
    if (body.contains("etag") && body["etag"].is_string()) {
        response.set(boost::beast::http::field::etag, body["etag"].get<std::string>());
    }
    return response;
}

}  // namespace nbdash::api
