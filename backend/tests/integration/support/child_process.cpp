#include "support/child_process.hpp"

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "common/ids.hpp"

extern char** environ;

namespace nbdash::testing {

namespace {

pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::filesystem::path& log_file) {
    std::map<std::string, std::string> merged;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        std::string item(*entry);
        auto eq = item.find('=');
        if (eq != std::string::npos) merged[item.substr(0, eq)] = item.substr(eq + 1);
    }
    for (const auto& [k, v] : env) merged[k] = v;
    std::vector<std::string> env_items;
    for (const auto& [k, v] : merged) env_items.push_back(k + "=" + v);

    std::vector<char*> argv, envp;
    std::vector<std::string> args_copy = args;
    for (auto& a : args_copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_items) envp.push_back(e.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log_file.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
    return pid;
}

int decode(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env,
                           const std::filesystem::path& log_file)
    : pid_(spawn(args, env, log_file)) {}

ChildProcess::~ChildProcess() {
    if (!reaped_) stop(5000);
}

bool ChildProcess::running() {
    if (reaped_) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped_ = true;
        exit_code_ = decode(status);
        return false;
    }
    return true;
}

int ChildProcess::stop(int timeout_ms) {
    if (!running()) return exit_code_;
    ::kill(pid_, SIGTERM);
    for (int waited = 0; waited < timeout_ms; waited += 20) {
        if (!running()) return exit_code_;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
    exit_code_ = decode(status);
    return exit_code_;
}

int run_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                std::string& output) {
    auto log = std::filesystem::temp_directory_path() / ("nbdash-cmd-" + random_hex(6) + ".log");
    int code = -1;
    {
        ChildProcess child(args, env, log);
        for (int waited = 0; waited < 300000 && child.running(); waited += 10) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        code = child.stop(1000);
    }
    std::ifstream in(log);
    std::ostringstream text;
    text << in.rdbuf();
    output = text.str();
    std::filesystem::remove(log);
    return code;
}

}  // namespace nbdash::testing
