#include "docker/container_spec.hpp"

#include <cctype>
#include <cmath>
#include <sstream>

namespace nbdash::docker {

namespace {

std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

Json fingerprint_source(const ContainerSpec& spec) {
    Json source = {{"image_id", spec.image_id.empty() ? spec.image : spec.image_id},
            {"cmd", spec.cmd},
            {"env", spec.env},
            {"mount", spec.data_source + ":" + spec.data_target},
            {"user", spec.user},
            {"cpus", spec.cpus},
            {"memory_mb", spec.memory_mb},
            {"pids", spec.pids},
            {"cap_add", spec.cap_add},
            {"network", spec.network},
            {"restart_max", spec.restart_max}};
    // Only when set, so containers made before the setting existed keep their fingerprint.
    if (spec.read_only_rootfs) source["read_only_rootfs"] = true;
    return source;
}

}  // namespace

std::string spec_fingerprint(const ContainerSpec& spec) {
    std::ostringstream out;
    out << std::hex << fnv1a(fingerprint_source(spec).dump());
    return out.str();
}

Json create_body(const ContainerSpec& spec) {
    Json env = Json::array();
    for (const auto& [name, value] : spec.env) env.push_back(name + "=" + value);
    const std::int64_t memory_bytes = spec.memory_mb * 1024 * 1024;
    Json host_config = {
        {"Binds", Json::array({spec.data_source + ":" + spec.data_target})},
        {"NetworkMode", spec.network},
        {"Memory", memory_bytes},
        // Equal to Memory: no swap beyond the quota.
        {"MemorySwap", memory_bytes},
        {"NanoCpus", static_cast<std::int64_t>(std::llround(spec.cpus * 1e9))},
        {"PidsLimit", spec.pids},
        {"CapDrop", Json::array({"ALL"})},
        {"CapAdd", spec.cap_add},
        {"SecurityOpt", Json::array({"no-new-privileges"})},
        {"Privileged", false},
        {"ReadonlyRootfs", spec.read_only_rootfs},
        // A bounded number of tries: a crash loop ends in "exited" and is reported, not hidden.
        {"RestartPolicy", {{"Name", "on-failure"}, {"MaximumRetryCount", spec.restart_max}}},
        {"Init", false},
    };
    Json exposed = Json::object();
    if (spec.network == "bridge") {
        Json bindings = Json::object();
        for (const auto& port : spec.ports) {
            std::string key = std::to_string(port.container_port) + "/tcp";
            exposed[key] = Json::object();
            bindings[key] = Json::array(
                {{{"HostIp", spec.publish_address},
                  {"HostPort", std::to_string(port.host_port)}}});
        }
        host_config["PortBindings"] = bindings;
    }
    if (spec.read_only_rootfs) {
        host_config["Tmpfs"] = {{"/tmp", "rw,noexec,nosuid,size=64m"}};
    }
    Json body = {
        {"Image", spec.image},
        {"Cmd", spec.cmd},
        {"Env", env},
        {"Labels",
         {{kManagedLabel, "true"},
          {kBotIdLabel, spec.bot_id},
          {kSpecLabel, spec_fingerprint(spec)}}},
        {"HostConfig", host_config},
        {"ExposedPorts", exposed},
        {"Tty", false},
        {"OpenStdin", false},
    };
    if (!spec.user.empty()) body["User"] = spec.user;
    return body;
}

std::vector<std::string> parse_capabilities(const std::string& label) {
    std::vector<std::string> caps;
    std::istringstream in(label);
    std::string item;
    while (std::getline(in, item, ',')) {
        std::string name;
        bool valid = true;
        for (char c : item) {
            if (std::isspace(static_cast<unsigned char>(c))) continue;
            if (!std::isalpha(static_cast<unsigned char>(c)) && c != '_') valid = false;
            name.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        }
        if (name.starts_with("CAP_")) name.erase(0, 4);
        if (valid && !name.empty()) caps.push_back(name);
    }
    return caps;
}

}  // namespace nbdash::docker
