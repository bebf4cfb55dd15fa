#include <cctype>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>

#include "api/api_context.hpp"
#include "common/errors.hpp"
#include "common/log.hpp"
#include "db/record_json.hpp"
#include "http/responses.hpp"
#include "runtime/process_driver.hpp"

namespace nbdash::api {

namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
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

// The {tag} path segment, percent-decoded (clients may encode ':' and must encode '/').
std::string tag_param(const http::RequestContext& ctx) {
    const std::string& raw = ctx.params.at("tag");
    std::string tag;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%' && i + 2 < raw.size() &&
            std::isxdigit(static_cast<unsigned char>(raw[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(raw[i + 2]))) {
            tag.push_back(static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16)));
            i += 2;
        } else {
            tag.push_back(raw[i]);
        }
    }
    if (!is_valid_tag(tag)) throw NotFound("image_not_found", "no image with this tag");
    return tag;
}

// A Docker build context must be a folder under the images directory holding a Dockerfile.
fs::path build_context(const fs::path& images_dir, const std::string& source_dir) {
    std::error_code ec;
    fs::path dir = fs::weakly_canonical(fs::path(source_dir), ec);
    if (ec || !fs::path(source_dir).is_absolute()) {
        throw ClientError("invalid_source_dir", "source_dir must be an absolute path");
    }
    fs::path root = fs::weakly_canonical(images_dir, ec);
    auto relative = dir.lexically_relative(root);
    if (relative.empty() || *relative.begin() == ".." || relative == ".") {
        throw ClientError("invalid_source_dir",
                          "source_dir must be a folder under the images directory " +
                              images_dir.string());
    }
    if (!fs::is_regular_file(dir / "Dockerfile", ec)) {
        throw ClientError("invalid_source_dir", "source_dir must hold a Dockerfile");
    }
    return dir;
}

// Callers pass named strings: g++ 12 mishandles temporaries built inside a co_await expression.
// Stored events are announced like every other event, for the event log's live view.
awaitable<void> record_event(ApiContext& api, db::EventRecord event) {
    auto stored = co_await api.events.record(std::move(event));
    Json frame = {{"type", "event"}, {"event", db::to_json(stored)}};
    api.hub.publish(realtime::Hub::kFleetTopic, frame);
}

db::EventRecord image_event(const std::string& type, const std::string& detail,
                            const std::string& severity, const std::string& tag) {
    db::EventRecord event;
    event.event_type = type;
    event.detail = detail;
    event.severity = severity;
    event.metadata = {{"tag", tag}};
    return event;
}

awaitable<void> run_build(ApiContext& api, std::string tag, fs::path dir) {
    auto outcome = co_await api.docker_images->build(tag, dir);
    std::optional<std::string> image_id;
    if (!outcome.image_id.empty()) image_id = outcome.image_id;
    std::string status = outcome.ok ? "ready" : "failed";
    co_await api.images.finish_build(tag, status, image_id, outcome.log);
    auto event = image_event(outcome.ok ? "image_built" : "image_build_failed",
                             "image " + tag + (outcome.ok ? " built" : " failed to build"),
                             outcome.ok ? "info" : "error", tag);
    co_await record_event(api, std::move(event));
}

awaitable<db::ImageRecord> register_docker_image(ApiContext& api, db::ImageRecord image) {
    std::optional<docker::ImageFacts> facts;
    try {
        facts = co_await api.docker_images->inspect(image.tag);
    } catch (const docker::EngineError& e) {
        log::error("inspecting an image failed",
                   {log::kv("tag", image.tag), log::kv("error", e.what())});
        throw Unavailable("docker_unreachable", "the Docker daemon did not answer");
    }
    if (!facts) {
        throw ClientError("unknown_image", "the Docker daemon has no local image tagged '" +
                                               image.tag + "'");
    }
    image.image_id = facts->id;
    image.status = "ready";
    co_return co_await api.images.upsert(image);
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
    auto source_dir = optional_string(body, "source_dir");
    if (source_dir && source_dir->find('\0') != std::string::npos) {
        throw ClientError("invalid_source_dir", "source_dir holds a NUL byte");
    }

    if (api.docker_images && !source_dir) {
        auto stored = co_await register_docker_image(api, image);
        auto event = image_event("image_registered", "image " + stored.tag + " registered",
                                 "info", stored.tag);
        co_await record_event(api, std::move(event));
        co_return http::json_response(ctx, 201, db::to_json(stored));
    }
    if (!source_dir) throw ClientError("missing_field", "source_dir is required");
    if (api.docker_images) {
        auto dir = co_await api.blocking.run(
            [&api, &source_dir] { return build_context(api.images_dir, *source_dir); });
        auto existing = co_await api.images.find(image.tag);
        if (existing && existing->status == "building") {
            throw Conflict("image_building", "image " + image.tag + " is being built already");
        }
        image.source_dir = dir.string();
        image.status = "building";
        auto stored = co_await api.images.upsert(image);
        log::info("image build started", {log::kv("tag", stored.tag)});
        auto executor = co_await asio::this_coro::executor;
        asio::co_spawn(executor, run_build(api, stored.tag, dir),
                       [tag = stored.tag](std::exception_ptr failure) {
            if (failure) log::error("recording an image build failed", {log::kv("tag", tag)});
        });
        co_return http::json_response(ctx, 202, db::to_json(stored));
    }

    auto executable = co_await api.blocking.run([&api, &source_dir] {
        return runtime::image_executable(api.images_dir, *source_dir);
    });
    image.source_dir = executable.parent_path().string();
    image.status = "ready";
    auto stored = co_await api.images.upsert(image);
    auto event = image_event("image_registered", "image " + stored.tag + " registered", "info",
                             stored.tag);
    co_await record_event(api, std::move(event));
    log::info("image registered", {log::kv("tag", stored.tag)});
    co_return http::json_response(ctx, 201, db::to_json(stored));
}

awaitable<http::Response> show_build_log(ApiContext& api, http::RequestContext& ctx) {
    std::string tag = tag_param(ctx);
    auto image = co_await api.images.find(tag);
    auto log_text = co_await api.images.build_log(tag);
    if (!image || !log_text) throw NotFound("image_not_found", "no image with tag '" + tag + "'");
    co_return http::json_response(
        ctx, 200, {{"tag", tag}, {"status", image->status}, {"build_log", *log_text}});
}

awaitable<http::Response> delete_image(ApiContext& api, http::RequestContext& ctx) {
    std::string tag = tag_param(ctx);
    auto removal = co_await api.images.remove_unused(tag);
    if (removal == db::ImageStore::Removal::kNotFound) {
        throw NotFound("image_not_found", "no image with tag '" + tag + "'");
    }
    if (removal == db::ImageStore::Removal::kInUse) {
        throw Conflict("image_in_use", "bots still run from image '" + tag + "'");
    }
    auto event = image_event("image_deleted", "image " + tag + " unregistered", "info", tag);
    co_await record_event(api, std::move(event));
    co_return http::no_content(ctx);
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
    router.add(http::Verb::get, "/api/images/{tag}/build-log", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) { return show_build_log(api, ctx); });
    router.add(http::Verb::delete_, "/api/images/{tag}", http::Access::kAdmin,
               [&api](http::RequestContext& ctx) { return delete_image(api, ctx); });
}

}  // namespace nbdash::api
