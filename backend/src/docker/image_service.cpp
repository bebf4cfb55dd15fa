#include "docker/image_service.hpp"

#include "common/log.hpp"
#include "docker/json_lines.hpp"
#include "docker/tar_archive.hpp"

namespace nbdash::docker {

namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

void append_capped(std::string& log, std::string_view text) {
    if (log.size() >= ImageService::kMaxBuildLogBytes) return;
    log.append(text.substr(0, ImageService::kMaxBuildLogBytes - log.size()));
    if (log.size() == ImageService::kMaxBuildLogBytes) log += "\n[build log truncated]\n";
}

}  // namespace

ImageService::ImageService(EngineClient& engine, BlockingPool& blocking)
    : engine_(engine), blocking_(blocking) {}

asio::awaitable<std::optional<ImageFacts>> ImageService::inspect(std::string tag) {
    auto response =
        co_await engine_.call(http::verb::get, "/images/" + query_escape(tag) + "/json");
    if (response.status == 404) co_return std::nullopt;
    if (response.status != 200) throw EngineError(response.status, engine_message(response.body));
    auto parsed = Json::parse(response.body, nullptr, false);
    if (!parsed.is_object()) throw EngineError(502, "the Engine answered with invalid JSON");
    ImageFacts facts;
    facts.id = parsed.value("Id", "");
    const Json config = parsed.value("Config", Json::object());
    if (config.is_object() && config.contains("Labels") && config["Labels"].is_object()) {
        for (const auto& [name, value] : config["Labels"].items()) {
            if (value.is_string()) facts.labels[name] = value.get<std::string>();
        }
    }
    co_return facts;
}

asio::awaitable<BuildOutcome> ImageService::build(std::string tag, std::filesystem::path dir) {
    BuildOutcome outcome;
    std::string context;
    try {
        context = co_await blocking_.run([&dir] { return tar_directory(dir, kMaxContextBytes); });
    } catch (const std::exception& e) {
        outcome.log = std::string("cannot pack the build context: ") + e.what() + "\n";
        co_return outcome;
    }

    bool failed = false;
    JsonLines lines;
    auto sink = [&](std::string_view piece) {
        lines.feed(piece, [&](const Json& line) {
            if (line.contains("stream") && line["stream"].is_string()) {
                append_capped(outcome.log, line["stream"].get<std::string>());
            } else if (line.contains("error")) {
                failed = true;
                append_capped(outcome.log, "ERROR: " + line.value("error", std::string()) + "\n");
            } else if (line.contains("aux") && line["aux"].is_object()) {
                outcome.image_id = line["aux"].value("ID", outcome.image_id);
            }
        });
    };
    std::string target = "/build?t=" + query_escape(tag) + "&rm=1&forcerm=1";
    std::string error_body;
    try {
        int status = co_await engine_.stream(http::verb::post, target, std::move(context),
                                             "application/x-tar", sink, std::chrono::minutes(10),
                                             &error_body);
        if (status != 200) {
            failed = true;
            append_capped(outcome.log, "ERROR: the Engine refused the build (HTTP " +
                                           std::to_string(status) +
                                           "): " + engine_message(error_body) + "\n");
        }
        if (!failed) {
            auto facts = co_await inspect(tag);
            if (facts) outcome.image_id = facts->id;
            failed = !facts;
        }
    } catch (const EngineError& e) {
        failed = true;
        append_capped(outcome.log, std::string("ERROR: ") + e.what() + "\n");
    }
    outcome.ok = !failed;
    log::info("image build finished", {log::kv("tag", tag), log::kv("ok", outcome.ok),
                                       log::kv("log_bytes", outcome.log.size())});
    co_return outcome;
}

}  // namespace nbdash::docker
