#include "runtime/output_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <deque>
#include <fstream>
#include <system_error>

namespace nbdash::runtime {

namespace fs = std::filesystem;

namespace {

int open_append(const fs::path& file) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + file.string());
    return fd;
}

fs::path previous_of(const fs::path& file) {
    return fs::path(file.string() + ".1");
}

// Appends the last lines of one file to lines (newest last), keeping at most tail.
void read_lines(const fs::path& file, std::size_t tail, std::deque<LogLine>& lines) {
    std::ifstream in(file);
    std::string text;
    std::deque<LogLine> found;
    while (std::getline(in, text)) {
        auto parsed = parse_json_object(text);
        LogLine line;
        if (parsed && (*parsed)["text"].is_string()) {
            line.stream = parsed->value("stream", "stdout");
            line.text = (*parsed)["text"].get<std::string>();
            if ((*parsed)["time"].is_string()) line.time = (*parsed)["time"].get<std::string>();
        } else {
            line.stream = "stdout";
            line.text = text;
        }
        found.push_back(std::move(line));
        if (found.size() > tail) found.pop_front();
    }
    for (auto& line : found) lines.push_back(std::move(line));
}

}  // namespace

OutputLog::OutputLog(fs::path file) : file_(std::move(file)), fd_(open_append(file_)) {
    struct stat info {};
    if (::fstat(fd_, &info) == 0) size_ = static_cast<std::size_t>(info.st_size);
}

OutputLog::~OutputLog() {
    if (fd_ >= 0) ::close(fd_);
}

void OutputLog::append(const LogLine& line) {
    std::string record = dump_json(to_json(line)) + "\n";
    if (size_ + record.size() > kMaxBytes && size_ > 0) rotate();
    if (fd_ < 0) {
        try {
            fd_ = open_append(file_);
        } catch (const std::system_error&) {
            return;  // dropped rather than stopping the bot; tried again on the next line
        }
    }
    // One write per line with O_APPEND: a reader never sees half a record of a short line.
    ssize_t written = ::write(fd_, record.data(), record.size());
    if (written > 0) size_ += static_cast<std::size_t>(written);
}

void OutputLog::rotate() {
    std::error_code ec;
    fs::rename(file_, previous_of(file_), ec);
    ::close(fd_);
    fd_ = -1;
    size_ = 0;
}

std::vector<LogLine> read_output_tail(const fs::path& file, std::size_t tail) {
    std::deque<LogLine> current;
    read_lines(file, tail, current);
    std::deque<LogLine> lines;
    if (current.size() < tail) read_lines(previous_of(file), tail - current.size(), lines);
    for (auto& line : current) lines.push_back(std::move(line));
    return {std::make_move_iterator(lines.begin()), std::make_move_iterator(lines.end())};
}

}  // namespace nbdash::runtime
