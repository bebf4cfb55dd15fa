#include "api/api_context.hpp"
#include "common/errors.hpp"
#include "common/log.hpp"
#include "db/record_json.hpp"
#include "http/responses.hpp"
#include "runtime/process_driver.hpp"

namespace nbdash::api {

namespace {

using boost::asio::awaitable;

bool is_valid_tag(const std::string& tag) {
    if (tag.empty() || tag.size() > 128) return false;
    for (char c : tag) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == '_' || c == ':' || c == '/';
        if (!ok) return false;
    }
    return true;
}

awaitable<http::Response> register_image(ApiContext& api, http::RequestContext& ctx) {
    Json body = parse_request_json(ctx.request.body());
    if (!body.is_object()) throw ClientError("invalid_json", "expected a JSON object");
    db::ImageRecord image;
    image.tag = required_string(body, "tag");
    if (!is_valid_tag(image.tag)) {
        throw ClientError("invalid_tag", "tag may hold letters, digits and . - _ : / (1-128)");
    }
    image.version = optional_string(body, "version");
    std::string source_dir = required_string(body, "source_dir");
    if (source_dir.find('\0') != std::string::npos) {
        throw ClientError("invalid_source_dir", "source_dir holds a NUL byte");
    }
    auto executable = co_await api.blocking.run([&api, &source_dir] {
        return runtime::image_executable(api.images_dir, source_dir);
    });
    image.source_dir = executable.parent_path().string();
    image.status = "ready";
    auto stored = co_await api.images.upsert(image);

    db::EventRecord event;
    event.event_type = "image_registered";
    event.detail = "image " + stored.tag + " registered";
    event.metadata = {{"tag", stored.tag}};
    co_await api.events.record(std::move(event));
    log::info("image registered", {log::kv("tag", stored.tag)});
    co_return http::json_response(ctx, 201, db::to_json(stored));
}

}  // namespace

void register_image_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/images", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) -> awaitable<http::Response> {
        Json list = Json::array();
        for (const auto& image : co_await api.images.list()) list.push_back(db::to_json(image));
        co_return http::json_response(ctx, 200, {{"images", list}});
    });
    router.add(http::Verb::post, "/api/images", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) { return register_image(api, ctx); }, 16 * 1024);
}

}  // namespace nbdash::api
