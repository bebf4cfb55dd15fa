#pragma once

#include <optional>
#include <string>
#include <vector>

namespace simbot {

inline constexpr const char* kVersionLine = "simbot 0.1.0 (nanobot-compatible)";

// The subset of `nanobot` command-line options that simbot honours.
struct CliArgs {
    bool show_version = false;
    bool show_help = false;
    std::optional<std::string> config_path;   // --config / -c
    std::optional<std::string> workspace;     // --workspace / -w overrides agents.defaults
    std::optional<int> gateway_port;          // gateway -p / --port overrides gateway.port
};

struct CliParse {
    std::optional<CliArgs> args;  // set on success
    std::string error;            // set on failure, safe to print
};

// Parses argv without the program name, e.g. {"gateway", "--config", "/x/config.json"}.
CliParse parse_cli_args(const std::vector<std::string>& argv);

// Usage text printed for --help and after a parse error.
std::string usage_text();

}  // namespace simbot
