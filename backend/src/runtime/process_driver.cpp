#include "runtime/process_driver.hpp"

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <sstream>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "common/errors.hpp"
#include "common/log.hpp"
#include "common/time.hpp"
#include "runtime/output_log.hpp"
#include "workspace/atomic_file.hpp"

extern char** environ;

namespace nbdash::runtime {

namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

int exit_code_of(int wait_status) {
    if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
    if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
    return -1;
}

// The environment a bot gets: nothing of the dashboard's own (which holds its database URL and
// admin password), only what a program needs plus the bot's env.json variables.
std::vector<std::string> child_environment(const BotLaunch& launch) {
    std::vector<std::string> env = {
        "HOME=" + launch.bot_dir.string(),
        "PATH=/usr/local/bin:/usr/bin:/bin",
        "LANG=C.UTF-8",
    };
    // Simulator tuning knobs may be passed through for tests and demos.
    for (char** entry = environ; *entry != nullptr; ++entry) {
        if (std::string_view(*entry).starts_with("SIMBOT_")) env.emplace_back(*entry);
    }
    for (const auto& [name, value] : launch.env) env.push_back(name + "=" + value);
    return env;
}

// A process left over from an earlier dashboard run that crashed would still hold the bot's
// ports and files; it is stopped before a new one starts.
void stop_leftover(const fs::path& pid_file, const fs::path& config_path) {
    auto text = workspace::read_file(pid_file);
    if (!text) return;
    pid_t pid = static_cast<pid_t>(std::atoi(text->c_str()));
    if (pid <= 1) return;
    auto cmdline = workspace::read_file("/proc/" + std::to_string(pid) + "/cmdline");
    if (!cmdline || cmdline->find(config_path.string()) == std::string::npos) return;
    log::warn("stopping a bot process left from an earlier run", {log::kv("pid", pid)});
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
}

}  // namespace

struct ProcessDriver::Child {
    std::string bot_id;
    pid_t pid = -1;
    asio::strand<asio::io_context::executor_type> strand;
    asio::posix::stream_descriptor pidfd;
    asio::steady_timer exit_signal;  // cancelled when the process ends
    asio::posix::stream_descriptor stdout_pipe;
    asio::posix::stream_descriptor stderr_pipe;
    std::unique_ptr<OutputLog> output;  // written on the strand only
    bool exited = false;
    bool stop_requested = false;
    int exit_code = 0;
    fs::path pid_file;

    Child(asio::io_context& io, std::string id, pid_t p, int fd, int out_fd, int err_fd)
        : bot_id(std::move(id)),
          pid(p),
          strand(asio::make_strand(io)),
          pidfd(strand, fd),
          exit_signal(strand, std::chrono::steady_clock::time_point::max()),
          stdout_pipe(strand, out_fd),
          stderr_pipe(strand, err_fd) {}
};

namespace {

// Both ends close-on-exec; the child gets the write end through dup2.
std::array<int, 2> output_pipe() {
    std::array<int, 2> ends{-1, -1};
    if (::pipe2(ends.data(), O_CLOEXEC) != 0) {
        throw Unavailable("runtime_failed", "cannot create a pipe for the bot's output");
    }
    return ends;
}

}  // namespace

fs::path image_executable(const fs::path& images_dir, const std::string& source_dir) {
    std::error_code ec;
    fs::path dir = fs::weakly_canonical(fs::path(source_dir), ec);
    if (ec || !fs::path(source_dir).is_absolute()) {
        throw ClientError("invalid_source_dir", "source_dir must be an absolute path");
    }
    auto relative = dir.lexically_relative(images_dir);
    if (relative.empty() || *relative.begin() == ".." || relative == ".") {
        throw ClientError("invalid_source_dir",
                          "source_dir must be a folder under the images directory " +
                              images_dir.string());
    }
    fs::path executable = dir / "nanobot";
    if (!fs::is_regular_file(executable, ec) || ::access(executable.c_str(), X_OK) != 0) {
        throw ClientError("invalid_source_dir",
                          "source_dir must hold an executable file named nanobot");
    }
    return executable;
}

std::uint16_t free_loopback_port() {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

ProcessDriver::ProcessDriver(asio::io_context& io, BlockingPool& blocking,
                             workspace::BotFiles& files, fs::path images_dir)
    : io_(io), blocking_(blocking), files_(files), images_dir_(std::move(images_dir)) {}

ProcessDriver::~ProcessDriver() { stop_all_now(); }

asio::awaitable<void> ProcessDriver::start(BotLaunch launch) {
    if (status(launch.bot_id) == "running") co_return;

    auto child = co_await blocking_.run([this, &launch]() -> std::shared_ptr<Child> {
        fs::path executable = image_executable(images_dir_, launch.image_source_dir);
        fs::path config = launch.data_dir / "config.json";
        fs::create_directories(launch.data_dir / "logs");
        fs::create_directories(launch.data_dir / "run");
        fs::path pid_file = launch.data_dir / "run" / "dashboard-process.pid";
        stop_leftover(pid_file, config);
        files_.set_ports(launch.bot_id, free_loopback_port(), free_loopback_port());

        std::unique_ptr<OutputLog> output;
        try {
            output = std::make_unique<OutputLog>(launch.data_dir / "logs" / "runtime.log");
        } catch (const std::system_error&) {
            throw Unavailable("runtime_failed", "cannot open the bot's log file");
        }
        auto out = output_pipe();
        auto err = output_pipe();
        auto close_pipes = [&out, &err] {
            for (int fd : {out[0], out[1], err[0], err[1]}) ::close(fd);
        };
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_adddup2(&actions, err[1], 2);
        // Nothing of the dashboard's own (its listening socket, database and bot connections)
        // may leak into the bot: a bot outliving the dashboard would keep its port open.
        posix_spawn_file_actions_addclosefrom_np(&actions, 3);
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        // Its own process group, so stopping the bot also stops anything it started.
        posix_spawnattr_setpgroup(&attributes, 0);
        sigset_t defaults;
        sigfillset(&defaults);
        posix_spawnattr_setsigdefault(&attributes, &defaults);
        sigset_t empty;
        sigemptyset(&empty);
        posix_spawnattr_setsigmask(&attributes, &empty);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                                                  POSIX_SPAWN_SETSIGMASK);

        std::vector<std::string> args = {executable.string(), "gateway", "--config",
                                         config.string()};
        std::vector<std::string> env = child_environment(launch);
        std::vector<char*> argv, envp;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        for (auto& e : env) envp.push_back(e.data());
        envp.push_back(nullptr);

        pid_t pid = -1;
        int rc = posix_spawn(&pid, executable.c_str(), &actions, &attributes, argv.data(),
                             envp.data());
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
        if (rc != 0) {
            close_pipes();
            throw Unavailable("runtime_failed", std::string("cannot start the bot process: ") +
                                                    std::strerror(rc));
        }
        ::close(out[1]);
        ::close(err[1]);
        int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
        if (fd < 0) {
            ::kill(-pid, SIGKILL);
            ::close(out[0]);
            ::close(err[0]);
            throw Unavailable("runtime_failed", "cannot watch the bot process (pidfd_open)");
        }
        auto spawned = std::make_shared<Child>(io_, launch.bot_id, pid, fd, out[0], err[0]);
        spawned->output = std::move(output);
        spawned->pid_file = pid_file;
        workspace::write_file_atomic(pid_file, std::to_string(pid) + "\n",
                                     fs::perms::owner_read | fs::perms::owner_write);
        return spawned;
    });

    {
        std::lock_guard lock(mutex_);
        children_[launch.bot_id] = child;
    }
    log::info("bot process started", {log::kv("bot_id", launch.bot_id), log::kv("pid", child->pid)});
    watch(child);
    asio::co_spawn(child->strand, pump_output(child, false), asio::detached);
    asio::co_spawn(child->strand, pump_output(child, true), asio::detached);
}

// Reads one of the child's output pipes until the child closes it; runs on the child's strand,
// so the output log has one writer.
asio::awaitable<void> ProcessDriver::pump_output(std::shared_ptr<Child> child, bool errors) {
    auto& pipe = errors ? child->stderr_pipe : child->stdout_pipe;
    const std::string stream = errors ? "stderr" : "stdout";
    std::string partial;
    char buffer[8192];
    auto emit = [&](std::string_view text) {
        LogLine line{stream, std::string(text), now_iso8601()};
        if (child->output) child->output->append(line);
        if (log_listener_) log_listener_(child->bot_id, line);
    };
    for (;;) {
        auto [ec, n] = co_await pipe.async_read_some(asio::buffer(buffer), kTuple);
        if (ec) break;
        split_lines(partial, std::string_view(buffer, n), emit);
    }
    if (!partial.empty()) emit(partial);
    boost::system::error_code ignored;
    pipe.close(ignored);
}

void ProcessDriver::watch(std::shared_ptr<Child> child) {
    child->pidfd.async_wait(asio::posix::stream_descriptor::wait_read,
                            [this, child](boost::system::error_code ec) {
        if (ec == asio::error::operation_aborted) return;
        int wait_status = 0;
        ::waitpid(child->pid, &wait_status, 0);
        child->exited = true;
        child->exit_code = exit_code_of(wait_status);
        child->exit_signal.cancel();
        boost::system::error_code ignored;
        child->pidfd.close(ignored);
        std::error_code fs_ignored;
        fs::remove(child->pid_file, fs_ignored);
        {
            std::lock_guard lock(mutex_);
            auto it = children_.find(child->bot_id);
            if (it != children_.end() && it->second == child) children_.erase(it);
        }
        log::info("bot process exited", {log::kv("bot_id", child->bot_id),
                                         log::kv("exit_code", child->exit_code),
                                         log::kv("requested", child->stop_requested)});
        if (exit_listener_) {
            exit_listener_(ExitReport{child->bot_id, child->exit_code, child->stop_requested});
        }
    });
}

asio::awaitable<void> ProcessDriver::stop(std::string bot_id, std::chrono::seconds grace) {
    std::shared_ptr<Child> child;
    {
        std::lock_guard lock(mutex_);
        auto it = children_.find(bot_id);
        if (it == children_.end()) co_return;
        child = it->second;
    }
    co_await asio::post(child->strand, asio::use_awaitable);
    if (child->exited) co_return;
    child->stop_requested = true;
    ::kill(-child->pid, SIGTERM);
    child->exit_signal.expires_after(grace);
    co_await child->exit_signal.async_wait(kTuple);
    if (!child->exited) {
        log::warn("bot process ignored SIGTERM, killing it", {log::kv("bot_id", bot_id)});
        ::kill(-child->pid, SIGKILL);
        child->exit_signal.expires_after(std::chrono::seconds(5));
        co_await child->exit_signal.async_wait(kTuple);
    }
}

namespace {

// utime + stime (in clock ticks) and the resident set (in pages) of one process, from
// /proc/<pid>/stat; nullopt when it is gone.
std::optional<Usage> read_proc_usage(pid_t pid) {
    auto text = workspace::read_file("/proc/" + std::to_string(pid) + "/stat");
    if (!text) return std::nullopt;
    // The command name (field 2) may hold spaces; the fields after it follow its ')'.
    auto close = text->rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream fields(text->substr(close + 2));
    std::vector<std::string> values;
    for (std::string value; fields >> value;) values.push_back(value);
    // Field 3 (state) is values[0]: utime is field 14, stime 15, rss 24.
    if (values.size() < 22) return std::nullopt;
    static const long ticks_per_second = ::sysconf(_SC_CLK_TCK);
    static const long page_bytes = ::sysconf(_SC_PAGESIZE);
    std::uint64_t ticks = std::stoull(values[11]) + std::stoull(values[12]);
    Usage usage;
    usage.cpu_ns = ticks * (1'000'000'000ull / static_cast<std::uint64_t>(ticks_per_second));
    usage.clock_ns = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::steady_clock::now().time_since_epoch())
            .count());
    usage.memory_bytes = std::stoll(values[21]) * page_bytes;
    return usage;
}

}  // namespace

asio::awaitable<std::map<std::string, Usage>> ProcessDriver::usage(
    std::vector<std::string> bot_ids) {
    std::vector<std::pair<std::string, pid_t>> pids;
    {
        std::lock_guard lock(mutex_);
        for (const auto& bot_id : bot_ids) {
            auto it = children_.find(bot_id);
            if (it != children_.end()) pids.emplace_back(bot_id, it->second->pid);
        }
    }
    // The bot's main process only: what it started itself is not counted.
    std::map<std::string, Usage> found;
    for (const auto& [bot_id, pid] : pids) {
        try {
            if (auto usage = read_proc_usage(pid)) found[bot_id] = *usage;
        } catch (const std::exception&) {
            // A process that ended between the list and the read.
        }
    }
    co_return found;
}

asio::awaitable<std::vector<LogLine>> ProcessDriver::logs(std::string bot_id, int tail) {
    const fs::path file = files_.data_dir(bot_id) / "logs" / "runtime.log";
    // Captured by reference: a lambda holding a non-trivial copy inside a co_await expression
    // is destroyed twice by g++ 12.
    auto lines = co_await blocking_.run([&file, tail] {
        return read_output_tail(file, static_cast<std::size_t>(tail));
    });
    co_return lines;
}

std::string ProcessDriver::status(const std::string& bot_id) {
    std::lock_guard lock(mutex_);
    return children_.count(bot_id) ? "running" : "exited";
}

void ProcessDriver::stop_all_now() {
    std::vector<pid_t> pids;
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, child] : children_) {
            child->stop_requested = true;
            pids.push_back(child->pid);
        }
    }
    for (pid_t pid : pids) ::kill(-pid, SIGTERM);
    // Shutdown path only: give the children a moment, then make sure.
    for (int i = 0; i < 30 && !pids.empty(); ++i) {
        std::erase_if(pids, [](pid_t pid) { return ::waitpid(pid, nullptr, WNOHANG) != 0; });
        if (!pids.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (pid_t pid : pids) {
        ::kill(-pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
}

}  // namespace nbdash::runtime
