#include "docker/log_demux.hpp"

#include <gtest/gtest.h>

#include "docker/json_lines.hpp"

namespace nbdash::docker {

namespace {

std::string frame(std::uint8_t stream, const std::string& payload) {
    std::string out = {static_cast<char>(stream), 0, 0, 0};
    std::uint32_t size = static_cast<std::uint32_t>(payload.size());
    out.push_back(static_cast<char>((size >> 24) & 0xff));
    out.push_back(static_cast<char>((size >> 16) & 0xff));
    out.push_back(static_cast<char>((size >> 8) & 0xff));
    out.push_back(static_cast<char>(size & 0xff));
    return out + payload;
}

struct Collected {
    std::string out;
    std::string err;
    LogDemux::FrameSink sink() {
        return [this](LogStream stream, std::string_view text) {
            (stream == LogStream::kStderr ? err : out).append(text);
        };
    }
};

}  // namespace

TEST(LogDemux, SeparatesStdoutAndStderr) {
    Collected got;
    LogDemux demux;

    EXPECT_TRUE(demux.feed(frame(1, "hello\n") + frame(2, "oops\n") + frame(1, "bye\n"),
                           got.sink()));

    EXPECT_EQ(got.out, "hello\nbye\n");
    EXPECT_EQ(got.err, "oops\n");
    EXPECT_EQ(demux.pending(), 0u);
}

TEST(LogDemux, JoinsFramesSplitAtEveryByte) {
    std::string body = frame(1, "first line\n") + frame(2, std::string(300, 'x')) + frame(1, "");
    Collected got;
    LogDemux demux;

    for (char c : body) ASSERT_TRUE(demux.feed(std::string_view(&c, 1), got.sink()));

    EXPECT_EQ(got.out, "first line\n");
    EXPECT_EQ(got.err, std::string(300, 'x'));
    EXPECT_EQ(demux.pending(), 0u);
}

TEST(LogDemux, KeepsAPartialFrameUntilTheRestArrives) {
    std::string body = frame(1, "abcdef");
    Collected got;
    LogDemux demux;

    demux.feed(body.substr(0, 10), got.sink());
    EXPECT_EQ(got.out, "");
    EXPECT_EQ(demux.pending(), 10u);
    demux.feed(body.substr(10), got.sink());

    EXPECT_EQ(got.out, "abcdef");
}

TEST(LogDemux, RefusesAMalformedHeaderForGood) {
    Collected got;
    LogDemux demux;

    EXPECT_FALSE(demux.feed(std::string("\x07\x00\x00\x00\x00\x00\x00\x01z", 9), got.sink()));
    EXPECT_FALSE(demux.feed(frame(1, "later"), got.sink()));

    EXPECT_TRUE(demux.failed());
    EXPECT_EQ(got.out, "");
}

TEST(LogDemux, DemuxToTextInterleavesAsSent) {
    EXPECT_EQ(demux_to_text(frame(1, "a") + frame(2, "b") + frame(1, "c")), "abc");
}

TEST(JsonLines, SplitsValuesAcrossChunks) {
    JsonLines lines;
    std::vector<Json> seen;
    auto sink = [&seen](const Json& v) { seen.push_back(v); };

    lines.feed(R"({"Action":"start"})" "\n" R"({"Act)", sink);
    lines.feed(R"(ion":"die"})" "\r\n" "not json\n\n", sink);

    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0]["Action"], "start");
    EXPECT_EQ(seen[1]["Action"], "die");
}

}  // namespace nbdash::docker
