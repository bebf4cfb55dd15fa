#include "channel/turn_assembler.hpp"

#include <gtest/gtest.h>

namespace nbdash::channel {

namespace {

TurnAssembler make_turn() { return TurnAssembler("req-1", "openai/gpt-4o", "auto", 1000); }

void feed(TurnAssembler& turn, const std::string& frame) { turn.feed(parse_bot_frame(frame)); }

}  // namespace

TEST(TurnAssembler, JoinsDeltasAndReadsUsage) {
    auto turn = make_turn();

    feed(turn, R"({"event":"delta","chat_id":"dashboard","text":"Hel","stream_id":"s0"})");
    feed(turn, R"({"event":"delta","chat_id":"dashboard","text":"lo","stream_id":"s0"})");
    feed(turn, R"({"event":"stream_end","chat_id":"dashboard","stream_id":"s0"})");
    auto step = turn.feed(parse_bot_frame(
        R"({"event":"turn_end","chat_id":"dashboard","latency_ms":42,
            "usage":{"prompt_tokens":10,"completion_tokens":3,"total_tokens":13}})"));
    auto out = turn.finish("success", std::nullopt, 2000);

    EXPECT_TRUE(step.finished);
    EXPECT_EQ(out.text, "Hello");
    EXPECT_EQ(out.status, "success");
    EXPECT_EQ(out.input_tokens, 10);
    EXPECT_EQ(out.output_tokens, 3);
    EXPECT_EQ(out.total_tokens, 13);
    EXPECT_EQ(out.latency_ms, 42);
    EXPECT_EQ(out.provider, "openai");
}

TEST(TurnAssembler, ComputesTotalWhenMissing) {
    auto turn = make_turn();

    feed(turn, R"({"event":"turn_end","usage":{"prompt_tokens":7,"completion_tokens":5}})");
    auto out = turn.finish("success", std::nullopt, 2000);

    EXPECT_EQ(out.total_tokens, 12);
    EXPECT_FALSE(out.usage_estimated);
}

TEST(TurnAssembler, KeepsToolHintsOutOfTheAnswer) {
    auto turn = make_turn();

    feed(turn, R"({"event":"stream_end","stream_id":"s0","resuming":true})");
    feed(turn, R"({"event":"message","text":"read notes.txt","kind":"tool_hint"})");
    feed(turn, R"({"event":"message","text":"","kind":"progress"})");
    feed(turn, R"({"event":"delta","text":"It says: buy milk.","stream_id":"s1"})");
    feed(turn, R"({"event":"stream_end","stream_id":"s1"})");
    auto out = turn.finish("success", std::nullopt, 2000);

    EXPECT_EQ(out.text, "It says: buy milk.");
    ASSERT_EQ(out.tool_hints.size(), 1u);
    EXPECT_EQ(out.tool_hints[0], "read notes.txt");
}

TEST(TurnAssembler, StreamEndTextReplacesItsSegment) {
    auto turn = make_turn();

    feed(turn, R"j({"event":"delta","text":"see ![x](/a.png)","stream_id":"s0"})j");
    feed(turn,
         R"j({"event":"stream_end","text":"see ![x](/api/media/sig/a)","stream_id":"s0"})j");
    auto out = turn.finish("success", std::nullopt, 2000);

    EXPECT_EQ(out.text, "see ![x](/api/media/sig/a)");
}

TEST(TurnAssembler, ModelFailureTextMakesTheRequestAnError) {
    auto turn = make_turn();

    feed(turn, R"({"event":"stream_end","stream_id":"s0"})");
    feed(turn, R"({"event":"message","text":"Error calling LLM: 401 invalid api key"})");
    feed(turn, R"({"event":"turn_end","usage":{"prompt_tokens":0,"completion_tokens":0}})");
    auto out = turn.finish("success", std::nullopt, 2000);

    EXPECT_EQ(out.status, "error");
    EXPECT_EQ(out.reply_status, "partial");
    ASSERT_TRUE(out.error_detail.has_value());
}

TEST(TurnAssembler, InterruptedTurnKeepsPartialText) {
    auto turn = make_turn();

    feed(turn, R"({"event":"delta","text":"half an ans","stream_id":"s0"})");
    auto out = turn.finish("interrupted", "connection lost", 2000);

    EXPECT_EQ(out.status, "interrupted");
    EXPECT_EQ(out.text, "half an ans");
    EXPECT_EQ(out.reply_status, "partial");
    EXPECT_EQ(out.error_detail, "connection lost");
}

TEST(TurnAssembler, EstimatesUsageWhenTheBotSendsNone) {
    auto turn = make_turn();

    feed(turn, R"({"event":"message","text":"four bytes x2"})");
    feed(turn, R"({"event":"turn_end"})");
    auto out = turn.finish("success", std::nullopt, 2000);

    EXPECT_TRUE(out.usage_estimated);
    EXPECT_EQ(out.output_tokens, 3);
}

TEST(TurnAssembler, TracksTheTurnModel) {
    auto turn = make_turn();

    feed(turn, R"({"event":"turn_model_updated","model_name":"deepseek/deepseek-chat"})");
    auto out = turn.finish("success", std::nullopt, 2000);

    EXPECT_EQ(out.model, "deepseek/deepseek-chat");
    EXPECT_EQ(out.provider, "deepseek");
}

TEST(BotFrame, UnknownAndGarbledFramesAreClassified) {
    EXPECT_EQ(parse_bot_frame(R"({"event":"hologram"})").type, FrameType::kUnknown);
    EXPECT_EQ(parse_bot_frame("not json").type, FrameType::kUnparseable);
    EXPECT_EQ(parse_bot_frame("[1,2]").type, FrameType::kUnparseable);
    EXPECT_EQ(parse_bot_frame(R"({"event":5})").type, FrameType::kUnparseable);
    EXPECT_EQ(parse_bot_frame(R"({"event":"file_edit"})").type, FrameType::kKnownIgnored);
}

}  // namespace nbdash::channel
