#include "cli_args.hpp"

#include <charconv>

namespace simbot {

namespace {

std::optional<int> parse_port(const std::string& text)
{
    int value = -1;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || value < 0 || value > 65535) {
        return std::nullopt;
    }
    return value;
}

// Splits "--name=value" so both spellings share one code path.
bool split_inline(const std::string& arg, std::string& name, std::string& value)
{
    const auto eq = arg.find('=');
    if (arg.rfind("--", 0) != 0 || eq == std::string::npos) {
        return false;
    }
    name = arg.substr(0, eq);
    value = arg.substr(eq + 1);
    return true;
}

}  // namespace

CliParse parse_cli_args(const std::vector<std::string>& argv)
{
    CliArgs args;
    bool saw_gateway = false;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        std::string name = argv[i];
        std::string value;
        const bool has_inline = split_inline(argv[i], name, value);
        const auto take_value = [&]() -> bool {
            if (has_inline) {
                return true;
            }
            if (i + 1 >= argv.size()) {
                return false;
            }
            value = argv[++i];
            return true;
        };

        if (name == "--version" || name == "-V") {
            args.show_version = true;
        } else if (name == "--help" || name == "-h") {
            args.show_help = true;
        } else if (name == "gateway" && !saw_gateway) {
            saw_gateway = true;
        } else if (name == "--config" || name == "-c") {
            if (!take_value() || value.empty()) {
                return {std::nullopt, "option " + name + " needs a file path"};
            }
            args.config_path = value;
        } else if (name == "--workspace" || name == "-w") {
            if (!take_value() || value.empty()) {
                return {std::nullopt, "option " + name + " needs a directory"};
            }
            args.workspace = value;
        } else if (name == "--port" || name == "-p") {
            if (!take_value()) {
                return {std::nullopt, "option " + name + " needs a port number"};
            }
            args.gateway_port = parse_port(value);
            if (!args.gateway_port) {
                return {std::nullopt, "invalid port: " + value};
            }
        } else if (name == "--verbose" || name == "-v" || name == "--foreground") {
            // Accepted for nanobot compatibility; simbot always logs and runs in the foreground.
        } else {
            return {std::nullopt, "unknown argument: " + argv[i]};
        }
    }

    if (!saw_gateway && !args.show_version && !args.show_help) {
        return {std::nullopt, "missing command: only 'gateway' is supported"};
    }
    return {args, ""};
}

std::string usage_text()
{
    return "usage: nanobot gateway [--config|-c FILE] [--port|-p PORT] [--workspace|-w DIR]\n"
           "       nanobot --version\n"
           "simbot simulates a nanobot gateway: websocket channel + /health, no model calls.\n";
}

}  // namespace simbot
