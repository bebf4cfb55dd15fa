// A bot process's output as the process runtime keeps it: <data dir>/logs/runtime.log, one JSON
// object per line ({"stream","text","time"}), bounded: past kMaxBytes the file becomes
// runtime.log.1 (replacing the one before) and a new one starts, so at most twice that is kept.
#pragma once

#include <filesystem>
#include <vector>

#include "runtime/log_line.hpp"

namespace nbdash::runtime {

class OutputLog {
public:
    static constexpr std::size_t kMaxBytes = 1u << 20;

    // Opens (or creates, mode 0600) the file for appending; throws std::system_error.
    explicit OutputLog(std::filesystem::path file);
    ~OutputLog();
    OutputLog(const OutputLog&) = delete;
    OutputLog& operator=(const OutputLog&) = delete;

    // One line, written at once. Not thread-safe: one writer per bot (its strand).
    void append(const LogLine& line);

private:
    void rotate();

    std::filesystem::path file_;
    int fd_ = -1;
    std::size_t size_ = 0;
};

// The last tail lines of file (reading runtime.log.1 too when the file holds fewer), oldest
// first. Lines that are not JSON objects (output of older versions) are kept as stdout text.
std::vector<LogLine> read_output_tail(const std::filesystem::path& file, std::size_t tail);

}  // namespace nbdash::runtime
