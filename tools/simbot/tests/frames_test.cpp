#include "client_frame.hpp"
#include "server_frames.hpp"

#include <string>

#include <gtest/gtest.h>

namespace simbot {
namespace {

std::string detail_of(const ClientFrame& frame)
{
    const auto* rejected = std::get_if<RejectedFrame>(&frame);
    return rejected ? rejected->reply.value("detail", "") : "";
}

TEST(ClientFrame, PlainTextIsLegacy)
{
    const auto frame = parse_client_frame("What is 2+2?");

    ASSERT_TRUE(std::holds_alternative<LegacyText>(frame));
    EXPECT_EQ(std::get<LegacyText>(frame).text, "What is 2+2?");
}

TEST(ClientFrame, MalformedJsonIsLegacyText)
{
    const auto frame = parse_client_frame("{not json");

    ASSERT_TRUE(std::holds_alternative<LegacyText>(frame));
    EXPECT_EQ(std::get<LegacyText>(frame).text, "{not json");
}

TEST(ClientFrame, UntypedObjectTakesFirstNonEmptyText)
{
    const auto frame = parse_client_frame(R"({"content":"","text":"hi","message":"no"})");

    ASSERT_TRUE(std::holds_alternative<LegacyText>(frame));
    EXPECT_EQ(std::get<LegacyText>(frame).text, "hi");
    EXPECT_TRUE(std::holds_alternative<IgnoredFrame>(parse_client_frame(R"({"foo":1})")));
    EXPECT_TRUE(std::holds_alternative<LegacyText>(parse_client_frame(R"({"type":5,"text":"x"})")));
}

TEST(ClientFrame, NonObjectJsonIsRejected)
{
    EXPECT_EQ(detail_of(parse_client_frame("[1,2]")), "invalid frame: expected a JSON object");
    EXPECT_EQ(detail_of(parse_client_frame("42")), "invalid frame: expected a JSON object");
}

TEST(ClientFrame, TypedFrames)
{
    EXPECT_TRUE(std::holds_alternative<NewChat>(parse_client_frame(R"({"type":"new_chat"})")));

    const auto attach = parse_client_frame(R"({"type":"attach","chat_id":"dash-b1-ops"})");
    ASSERT_TRUE(std::holds_alternative<AttachChat>(attach));
    EXPECT_EQ(std::get<AttachChat>(attach).chat_id, "dash-b1-ops");

    const auto msg = parse_client_frame(R"({"type":"message","chat_id":"c1","content":"hey"})");
    ASSERT_TRUE(std::holds_alternative<UserMessage>(msg));
    EXPECT_EQ(std::get<UserMessage>(msg).content, "hey");
}

TEST(ClientFrame, RejectsBadChatIdEmptyContentAndUnknownType)
{
    EXPECT_EQ(detail_of(parse_client_frame(R"({"type":"attach","chat_id":"bad id!"})")),
              "invalid chat_id");
    EXPECT_EQ(detail_of(parse_client_frame(R"({"type":"message","content":"x"})")),
              "invalid chat_id");
    EXPECT_EQ(detail_of(parse_client_frame(R"({"type":"message","chat_id":"c","content":""})")),
              "missing content");
    EXPECT_EQ(detail_of(parse_client_frame(R"({"type":"frobnicate"})")),
              "unknown type: 'frobnicate'");
}

TEST(ClientFrame, EmptyContentAllowedWithMedia)
{
    const auto frame = parse_client_frame(
        R"({"type":"message","chat_id":"c","content":"","media":[{"data_url":"x"}]})");

    EXPECT_TRUE(std::holds_alternative<UserMessage>(frame));
}

TEST(ClientFrame, RejectsContentOver64KiB)
{
    nlohmann::json msg = {{"type", "message"}, {"chat_id", "c"},
                          {"content", std::string(kMaxContentBytes + 1, 'a')}};

    const auto frame = parse_client_frame(msg.dump());

    ASSERT_TRUE(std::holds_alternative<RejectedFrame>(frame));
    const auto& reply = std::get<RejectedFrame>(frame).reply;
    EXPECT_EQ(reply["detail"], "message_rejected");
    EXPECT_EQ(reply["reason"], "text_too_large");
    EXPECT_EQ(reply["chat_id"], "c");
}

TEST(ServerFrames, StreamIdHasNanobotShape)
{
    EXPECT_EQ(make_stream_id("dash-b1-main", 1787400000123456789, 2),
              "websocket:dash-b1-main:1787400000123456789:2");
}

TEST(ServerFrames, TurnEndOmitsMissingUsage)
{
    const auto with = turn_end_frame("c", 12, {{"prompt_tokens", 1}}, 64000);
    const auto without = turn_end_frame("c", 12, nullptr, 64000);

    EXPECT_EQ(with["usage"]["prompt_tokens"], 1);
    EXPECT_FALSE(without.contains("usage"));
    EXPECT_EQ(without["goal_state"], nlohmann::json({{"active", false}}));
    EXPECT_EQ(without["context_window_tokens"], 64000);
}

TEST(ServerFrames, ErrorOmitsEmptyFields)
{
    const auto frame = error_frame("invalid chat_id");

    EXPECT_EQ(frame, nlohmann::json({{"event", "error"}, {"detail", "invalid chat_id"}}));
}

}  // namespace
}  // namespace simbot
