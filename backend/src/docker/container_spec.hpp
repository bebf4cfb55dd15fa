// What the dashboard asks the Engine for when it creates a bot's container, and the JSON body
// of POST /containers/create made from it. Pure data, so the mapping is unit tested.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/json.hpp"

namespace nbdash::docker {

// Labels on every container the dashboard manages, and on images it reads.
inline constexpr const char* kManagedLabel = "io.nbdash.managed";
inline constexpr const char* kBotIdLabel = "io.nbdash.bot-id";
inline constexpr const char* kSpecLabel = "io.nbdash.spec";  // fingerprint of the spec
inline constexpr const char* kDataPathLabel = "io.nbdash.data-path";
inline constexpr const char* kCapabilitiesLabel = "io.nbdash.capabilities";  // "CHOWN,SETUID"
inline constexpr const char* kUserLabel = "io.nbdash.user";  // user the entrypoint needs

struct PublishedPort {
    std::uint16_t container_port = 0;
    std::uint16_t host_port = 0;  // bound on ContainerSpec::publish_address
};

struct ContainerSpec {
    std::string name;
    std::string bot_id;
    std::string image;     // tag as registered
    std::string image_id;  // what the tag resolved to; a change makes a new container
    std::vector<std::string> cmd;
    std::map<std::string, std::string> env;
    std::string data_source;  // host folder mounted ...
    std::string data_target;  // ... at this path in the container
    std::string user;         // "uid:gid"; empty keeps the image's own
    double cpus = 1.0;
    std::int64_t memory_mb = 512;
    std::int64_t pids = 256;
    std::vector<std::string> cap_add;
    std::string network = "bridge";    // "bridge" or "host"
    std::vector<PublishedPort> ports;  // bridge only; not part of the fingerprint
    int restart_max = 3;
    // Root file system mounted read-only (the bot's folder and a small /tmp stay writable).
    bool read_only_rootfs = false;
    // Host address published ports bind to: loopback unless the operator opens them wider.
    std::string publish_address = "127.0.0.1";
};

// The create body: labels, mount, limits, no-new-privileges, every capability dropped but
// cap_add, restart policy on-failure with restart_max tries.
Json create_body(const ContainerSpec& spec);

// A short hash of everything but the published host ports: a container whose label differs
// was made from another image, quota or environment and is made again.
std::string spec_fingerprint(const ContainerSpec& spec);

// Capability names from an image label ("CHOWN, SETUID"): upper case, without a CAP_ prefix;
// anything not made of letters and '_' is dropped.
std::vector<std::string> parse_capabilities(const std::string& label);

}  // namespace nbdash::docker
