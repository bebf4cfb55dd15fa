// Serves the built console from one folder, falling back to index.html for client-side routes.
// Paths are resolved segment by segment and must stay inside the folder.
#pragma once

#include <filesystem>
#include <optional>

#include "http/http_types.hpp"

namespace nbdash::http {

class StaticFiles {
public:
    explicit StaticFiles(std::filesystem::path root);

    // The response for a GET/HEAD of path, or nullopt when nothing should be served.
    std::optional<Response> serve(const Request& request, std::string_view path) const;

private:
    std::optional<std::filesystem::path> resolve(std::string_view path) const;

    std::filesystem::path root_;
};

}  // namespace nbdash::http
