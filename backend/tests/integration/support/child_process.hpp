// A program started by a test, with its output in a log file; stopped (SIGTERM, then SIGKILL)
// when the object goes away.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

namespace nbdash::testing {

class ChildProcess {
public:
    ChildProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                 const std::filesystem::path& log_file);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    bool running();
    // Sends SIGTERM and waits up to the timeout; returns the exit code (or 128 + signal).
    int stop(int timeout_ms = 10000);

private:
    pid_t pid_ = -1;
    bool reaped_ = false;
    int exit_code_ = -1;
};

// Runs a command to completion; returns its exit code and fills output with stdout+stderr.
int run_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                std::string& output);

}  // namespace nbdash::testing
