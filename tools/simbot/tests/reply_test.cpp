#include "persona.hpp"
#include "reply.hpp"

#include <gtest/gtest.h>

namespace simbot {
namespace {

TEST(Reply, ContainsInputVerbatimAndTurnNumber)
{
    const auto text = compose_reply("Pip", "héllo 你好", 3);

    EXPECT_EQ(text, "[Pip] You said: héllo 你好. (turn 3)");
}

TEST(Reply, NoExtraFullStopAfterPunctuationAndMentionsAttachments)
{
    EXPECT_EQ(compose_reply("Pip", "ready?", 1, {"a.png", "notes.pdf"}),
              "[Pip] You said: ready? I received 2 attachments: a.png, notes.pdf. (turn 1)");
}

TEST(Reply, TokenCountsAreDeterministic)
{
    EXPECT_EQ(prompt_tokens_for(40, 400), 10 + 100 + 10);
    EXPECT_EQ(completion_tokens_for(8), 3);

    const auto usage = make_usage(120, 3, 1);
    EXPECT_EQ(usage["total_tokens"], 123);
    EXPECT_EQ(usage["provider_tokens"], 123);
    EXPECT_EQ(usage["context_tokens"], 120);
    EXPECT_EQ(usage["request_count"], 1);
    EXPECT_FALSE(make_usage(1, 1, 1, false).contains("total_tokens"));
}

TEST(Reply, BigReplyHasExactSizeAndCap)
{
    EXPECT_EQ(make_big_reply(12345).size(), 12345u);
    EXPECT_EQ(make_big_reply(kMaxBigReplyBytes + 10).size(), kMaxBigReplyBytes);
}

TEST(Persona, PrefersFirstHeading)
{
    EXPECT_EQ(persona_line_from("intro line\n\n## Pip the helper  \nbody"), "Pip the helper");
}

TEST(Persona, FallsBackToFirstNonEmptyLine)
{
    EXPECT_EQ(persona_line_from("\n\n  A plain persona\nsecond"), "A plain persona");
    EXPECT_EQ(persona_line_from(""), "");
}

TEST(Persona, CapsLongLinesOnCharacterBoundary)
{
    std::string heading = "# ";
    for (int i = 0; i < 40; ++i) {
        heading += "你";
    }

    const auto line = persona_line_from(heading);

    EXPECT_LE(line.size(), 80u);
    EXPECT_EQ(line.size() % 3, 0u);
}

TEST(Persona, MissingWorkspaceGivesDefault)
{
    const auto persona = read_persona("/nonexistent-simbot-workspace");

    EXPECT_EQ(persona.line, "simbot");
    EXPECT_EQ(persona.bytes, 0u);
}

}  // namespace
}  // namespace simbot
