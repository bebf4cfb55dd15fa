#include "reply.hpp"

#include <cstdio>

namespace simbot {

namespace {

// Built by appending: GCC 12 warns falsely (-Wrestrict) on chained operator+ here.
std::string bracketed(std::string_view persona)
{
    std::string text = "[";
    text += persona;
    text += "]";
    return text;
}

}  // namespace

long long prompt_tokens_for(std::size_t input_bytes, std::size_t persona_bytes)
{
    return static_cast<long long>(input_bytes / 4 + persona_bytes / 4 + 10);
}

long long completion_tokens_for(std::size_t reply_bytes)
{
    return static_cast<long long>(reply_bytes / 4 + 1);
}

nlohmann::json make_usage(long long prompt_tokens, long long completion_tokens,
                          long long request_count, bool with_total)
{
    nlohmann::json usage = {{"prompt_tokens", prompt_tokens},
                            {"completion_tokens", completion_tokens},
                            {"request_count", request_count},
                            {"context_tokens", prompt_tokens / std::max(1LL, request_count)}};
    if (with_total) {
        usage["total_tokens"] = prompt_tokens + completion_tokens;
        usage["provider_tokens"] = prompt_tokens + completion_tokens;
    }
    return usage;
}

std::string compose_reply(std::string_view persona, std::string_view input, int turn_number,
                          const std::vector<std::string>& attachment_names)
{
    std::string text = bracketed(persona);
    text += " You said: ";
    text += input;
    const char last = input.empty() ? '.' : input.back();
    if (last != '.' && last != '!' && last != '?') {
        text += ".";
    }
    if (!attachment_names.empty()) {
        const auto count = attachment_names.size();
        text += " I received " + std::to_string(count) +
                (count == 1 ? " attachment: " : " attachments: ");
        for (std::size_t i = 0; i < count; ++i) {
            text += (i == 0 ? "" : ", ") + attachment_names[i];
        }
        text += ".";
    }
    text += " (turn " + std::to_string(turn_number) + ")";
    return text;
}

std::string compose_followup(std::string_view persona, std::string_view input)
{
    std::string text = bracketed(persona);
    text += " Also noted: ";
    text += input;
    return text;
}

std::string make_big_reply(std::size_t bytes)
{
    bytes = std::min(bytes, kMaxBigReplyBytes);
    std::string text;
    text.reserve(bytes + 64);
    char line[64];
    for (std::size_t n = 1; text.size() < bytes; ++n) {
        std::snprintf(line, sizeof line, "simbot big reply line %08zu ....................\n", n);
        text += line;
    }
    text.resize(bytes);
    return text;
}

std::string emoji_reply(std::string_view persona)
{
    std::string text = bracketed(persona);
    text += " 你好，世界！Family: 👩‍👩‍👧‍👦, rainbow flag: 🏳️‍🌈, technologist: 🧑🏽‍💻, ";
    text += "中文测试：流式传输不会拆分字符。 ✅";
    return text;
}

std::string help_text()
{
    return "simbot commands:\n"
           "/new - start a new session\n"
           "/stop - stop the running turn\n"
           "/status - show model and session size\n"
           "/help - show this list\n"
           "!sim <scenario> - exercise a protocol scenario (!sim help lists them)";
}

std::string status_text(const std::string& model, int message_count, int turn_count)
{
    return "Model: " + model + "\nSession messages: " + std::to_string(message_count) +
           "\nTurns: " + std::to_string(turn_count);
}

}  // namespace simbot
