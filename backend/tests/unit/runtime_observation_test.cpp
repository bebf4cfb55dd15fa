// What the dashboard makes of a running bot: its output lines (Docker's timestamps, split
// lines, the process runtime's bounded log file), its drift from the operator's intent, and
// the size of its folder.
#include <fstream>

#include <gtest/gtest.h>

#include "bots/drift.hpp"
#include "bots/fleet_monitor.hpp"
#include "common/ids.hpp"
#include "runtime/log_line.hpp"
#include "runtime/output_log.hpp"

namespace nbdash {

namespace fs = std::filesystem;

namespace {

struct ScratchDir {
    fs::path path = fs::temp_directory_path() / ("nbdash-observe-" + random_hex(6));
    ScratchDir() { fs::create_directories(path); }
    ~ScratchDir() { fs::remove_all(path); }
};

db::BotRecord bot_with(bool enabled, std::string docker_status, std::string current_state,
                       std::optional<std::string> detail = std::nullopt) {
    db::BotRecord bot;
    bot.id = "alpha";
    bot.enabled = enabled;
    bot.docker_status = std::move(docker_status);
    bot.current_state = std::move(current_state);
    bot.state_detail = std::move(detail);
    return bot;
}

}  // namespace

TEST(LogLine, DockerTimestampsBecomeMillisecondTimes) {
    auto line = runtime::parse_timestamped("stderr", "2026-12-04T18:40:36.123456789Z boom: x y");
    EXPECT_EQ(line.stream, "stderr");
    EXPECT_EQ(line.text, "boom: x y");
    EXPECT_EQ(line.time, "2026-12-04T18:40:36.123Z");

    auto short_fraction = runtime::parse_timestamped("stdout", "2026-12-04T18:40:36.5Z hi");
    EXPECT_EQ(short_fraction.time, "2026-12-04T18:40:36.500Z");
    auto plain = runtime::parse_timestamped("stdout", "no stamp here");
    EXPECT_EQ(plain.text, "no stamp here");
    EXPECT_FALSE(plain.time.has_value());
}

TEST(LogLine, LinesAreSplitAcrossPiecesAndCutWhenTooLong) {
    std::string partial;
    std::vector<std::string> lines;
    auto sink = [&](std::string_view line) { lines.emplace_back(line); };
    runtime::split_lines(partial, "one\r\ntw", sink);
    runtime::split_lines(partial, "o\n", sink);
    runtime::split_lines(partial, std::string(runtime::kMaxLogLineBytes + 5, 'x'), sink);

    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "one");
    EXPECT_EQ(lines[1], "two");
    EXPECT_EQ(lines[2].size(), runtime::kMaxLogLineBytes);
    EXPECT_EQ(partial, "xxxxx");
}

TEST(OutputLog, KeepsTheLastLinesAcrossARotationAndStaysBounded) {
    ScratchDir dir;
    fs::path file = dir.path / "runtime.log";
    {
        runtime::OutputLog log(file);
        std::string filler(1000, 'f');
        for (int i = 0; i < 3000; ++i) {
            log.append({i % 2 ? "stderr" : "stdout", std::to_string(i) + " " + filler,
                        "2026-12-04T18:40:36.000Z"});
        }
    }
    EXPECT_LE(fs::file_size(file), runtime::OutputLog::kMaxBytes);
    EXPECT_LE(fs::file_size(file.string() + ".1"), runtime::OutputLog::kMaxBytes);

    auto lines = runtime::read_output_tail(file, 5);
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_TRUE(lines.back().text.starts_with("2999 "));
    EXPECT_EQ(lines.back().stream, "stderr");
    EXPECT_EQ(lines.back().time, "2026-12-04T18:40:36.000Z");
    // More than the current file holds: the rest comes from the rotated one, in order, and
    // what went before the rotated file is gone.
    auto many = runtime::read_output_tail(file, 100000);
    EXPECT_GT(many.size(), 900u);
    EXPECT_LT(many.size(), 3000u);
    int first = std::stoi(many.front().text);
    for (std::size_t i = 0; i < many.size(); ++i) {
        ASSERT_EQ(std::stoi(many[i].text), first + static_cast<int>(i));
    }
    EXPECT_EQ(first + static_cast<int>(many.size()) - 1, 2999);
}

TEST(OutputLog, AMissingFileHasNoLines) {
    EXPECT_TRUE(runtime::read_output_tail("/nonexistent/nbdash/runtime.log", 10).empty());
}

TEST(Drift, NoneWhileTheBotIsWhereTheOperatorWantsIt) {
    EXPECT_FALSE(bots::drift_of(bot_with(true, "running", "ready")));
    EXPECT_FALSE(bots::drift_of(bot_with(false, "exited", "stopped")));
    EXPECT_FALSE(bots::drift_of(bot_with(false, "absent", "stopped")));
    EXPECT_FALSE(bots::drift_of(bot_with(true, "absent", "starting"))) << "a start underway";
    EXPECT_TRUE(bots::drift_json(bot_with(true, "running", "ready")).is_null());
}

TEST(Drift, ADeadOrUnreachableBotSaysWhy) {
    auto died = bots::drift_of(bot_with(true, "exited", "error", "exited by itself with code 3"));
    ASSERT_TRUE(died);
    EXPECT_EQ(died->desired, "running");
    EXPECT_EQ(died->actual, "exited");
    EXPECT_EQ(died->reason, "exited by itself with code 3");

    auto failed = bots::drift_of(bot_with(true, "absent", "error", "start failed: no image"));
    EXPECT_EQ(failed->reason, "start failed: no image");
    auto lost = bots::drift_of(bot_with(true, "unknown", "starting", "stale detail"));
    EXPECT_EQ(lost->reason, "the Docker daemon is unreachable");
    auto running_anyway = bots::drift_json(bot_with(false, "running", "stopped"));
    EXPECT_EQ(running_anyway["desired"], "stopped");
    EXPECT_EQ(running_anyway["actual"], "running");
    EXPECT_FALSE(running_anyway["reason"].get<std::string>().empty());
}

TEST(FolderSize, CountsRegularFilesNotSymlinksAndStopsAtItsLimit) {
    ScratchDir dir;
    fs::create_directories(dir.path / "a" / "b");
    std::ofstream(dir.path / "a" / "one") << std::string(1000, 'x');
    std::ofstream(dir.path / "a" / "b" / "two") << std::string(24, 'y');
    fs::create_symlink("/etc/passwd", dir.path / "link");

    auto size = bots::measure_folder(dir.path, 100);
    EXPECT_EQ(size.bytes, 1024);
    EXPECT_TRUE(size.complete);
    EXPECT_FALSE(bots::measure_folder(dir.path, 2).complete);
}

}  // namespace nbdash
