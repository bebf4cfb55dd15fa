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
    // The text is a failure report, not an answer cut short: the stored reply says error.
    EXPECT_EQ(out.reply_status, "error");
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
    EXPECT_EQ(parse_bot_frame(R"({"event":"","latency_ms":120})").type, FrameType::kUnparseable);
    EXPECT_EQ(parse_bot_frame(R"({"event":"file_edit"})").type, FrameType::kKnownIgnored);
}

TEST(BotFrame, ReadsEveryFieldItUses) {
    BotFrame end = parse_bot_frame(
        R"({"event":"turn_end","chat_id":"c","latency_ms":1234,"resuming":true,)"
        R"("usage":{"prompt_tokens":7,"completion_tokens":3},"media":["/a.png"],)"
        R"("reply_to":"m1","model_name":"openai/gpt-4o","detail":"d","kind":"tool_hint",)"
        R"("stream_id":"s1","text":"\u4f60\u597d \ud83d\ude00 \"q\""})");
    EXPECT_EQ(end.type, FrameType::kTurnEnd);
    EXPECT_EQ(end.event, "turn_end");
    EXPECT_EQ(end.chat_id, "c");
    EXPECT_EQ(end.latency_ms, 1234);
    EXPECT_TRUE(end.resuming);
    EXPECT_EQ(end.usage, (Json{{"prompt_tokens", 7}, {"completion_tokens", 3}}));
    EXPECT_EQ(end.media, Json::array({"/a.png"}));
    EXPECT_EQ(end.reply_to, "m1");
    EXPECT_EQ(end.model_name, "openai/gpt-4o");
    EXPECT_EQ(end.detail, "d");
    EXPECT_EQ(end.kind, "tool_hint");
    EXPECT_EQ(end.stream_id, "s1");
    EXPECT_TRUE(end.has_text);
    EXPECT_EQ(end.text, "你好 😀 \"q\"");

    BotFrame bare = parse_bot_frame(R"({"event":"delta","usage":[1],"media":"x","resuming":1})");
    EXPECT_FALSE(bare.has_text);
    EXPECT_FALSE(bare.chat_id);
    EXPECT_TRUE(bare.usage.is_null());
    EXPECT_TRUE(bare.media.is_null());
    EXPECT_FALSE(bare.resuming);
    // Ill-formed UTF-8 inside a string makes the whole frame unparseable, never a garbled text.
    EXPECT_EQ(parse_bot_frame("{\"event\":\"delta\",\"text\":\"\xC3\x28\"}").type,
              FrameType::kUnparseable);
    // A usage object the rest of the code could not read is dropped whole.
    EXPECT_TRUE(parse_bot_frame(R"({"event":"turn_end","usage":{"prompt_tokens":4E33333330}})")
                    .usage.is_null());
    // Figures out of the 64-bit range are dropped, never wrapped.
    EXPECT_FALSE(parse_bot_frame(R"({"event":"turn_end","latency_ms":1.2e20})").latency_ms);
    EXPECT_FALSE(parse_bot_frame(R"({"event":"turn_end","latency_ms":18446744073709551615})")
                     .latency_ms);
    EXPECT_EQ(parse_bot_frame(R"({"event":"turn_end","latency_ms":12.9})").latency_ms, 12);
    // A large frame (past the parser's stack buffer) reads the same.
    std::string big(300000, 'x');
    BotFrame large = parse_bot_frame(R"({"event":"message","text":")" + big + R"("})");
    EXPECT_EQ(large.type, FrameType::kMessage);
    EXPECT_EQ(large.text, big);
}

}  // namespace nbdash::channel

namespace nbdash::channel {

// A whole turn in nanobot's order with every frame a turn can carry: the frames that are not
// part of the answer leave it alone, media and the turn model are kept, usage read once.
TEST(TurnAssembler, EveryFrameOfATurnInNanobotsOrder) {
    auto turn = make_turn();
    const char* frames[] = {
        R"j({"event":"turn_model_updated","chat_id":"dashboard","model_name":"anthropic/claude-x",
            "context_window_tokens":65536})j",
        R"j({"event":"goal_status","chat_id":"dashboard","status":"running","started_at":1.5})j",
        R"j({"event":"reasoning_delta","chat_id":"dashboard","text":"think"})j",
        R"j({"event":"reasoning_end","chat_id":"dashboard"})j",
        R"j({"event":"delta","chat_id":"dashboard","text":"Here ","stream_id":"s0"})j",
        R"j({"event":"stream_end","chat_id":"dashboard","stream_id":"s0","resuming":true})j",
        R"j({"event":"message","chat_id":"dashboard","text":"read_file(SOUL.md)","kind":"tool_hint"})j",
        R"j({"event":"message","chat_id":"dashboard","text":"","kind":"progress"})j",
        R"j({"event":"file_edit","chat_id":"dashboard","edits":[]})j",
        R"j({"event":"goal_state","chat_id":"dashboard","goal_state":{"active":false}})j",
        R"j({"event":"delta","chat_id":"dashboard","text":"it is","stream_id":"s1"})j",
        R"j({"event":"stream_end","chat_id":"dashboard","stream_id":"s1"})j",
        R"j({"event":"message","chat_id":"dashboard","text":"chart","media":["/d/media/a.png"],
            "reply_to":"m1","latency_ms":7})j",
        R"j({"event":"runtime_model_updated","model_name":"other/model"})j",
        R"j({"event":"turn_end","chat_id":"dashboard","latency_ms":900,"goal_state":{"active":false},
            "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}})j",
    };
    bool finished = false;
    for (const char* frame : frames) finished = turn.feed(parse_bot_frame(frame)).finished;
    auto out = turn.finish("success", std::nullopt, 2000);

    EXPECT_TRUE(finished);
    EXPECT_EQ(out.status, "success");
    EXPECT_EQ(out.text, "Here \n\nit is\n\nchart");
    EXPECT_EQ(out.reasoning, "think");
    EXPECT_EQ(out.tool_hints, std::vector<std::string>{"read_file(SOUL.md)"});
    EXPECT_EQ(out.media, Json::array({"/d/media/a.png"}));
    EXPECT_EQ(out.model, "anthropic/claude-x");
    EXPECT_EQ(out.total_tokens, 7);
    EXPECT_EQ(out.latency_ms, 900);
    EXPECT_EQ(parse_bot_frame(R"j({"event":"session_updated","chat_id":"x","scope":"thread"})j").type,
              FrameType::kSessionUpdated);
}

}  // namespace nbdash::channel
