// Operator settings that loosen or tighten a bot container beyond the fixed defaults of
// docker::create_body (no privileges, capabilities dropped, no-new-privileges, pids limit).
#pragma once

#include "docker/container_spec.hpp"
#include "settings/settings.hpp"

namespace nbdash::runtime {

// runtime.read_only_rootfs (boolean, default false) and runtime.publish_address (default
// 127.0.0.1; anything that is not an IP address falls back to it).
void apply_hardening_settings(const Settings& settings, docker::ContainerSpec& spec);

}  // namespace nbdash::runtime
