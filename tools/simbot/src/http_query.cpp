#include "http_query.hpp"

namespace simbot {

namespace {

int hex_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
                   hex_value(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

RequestTarget parse_target(std::string_view target)
{
    RequestTarget result;
    const auto qmark = target.find('?');
    result.path = percent_decode(target.substr(0, qmark), false);
    if (qmark == std::string_view::npos) {
        return result;
    }
    std::string_view query = target.substr(qmark + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) {
            continue;
        }
        const auto eq = pair.find('=');
        const auto key = percent_decode(pair.substr(0, eq), true);
        const auto value = eq == std::string_view::npos ? std::string{}
                                                        : percent_decode(pair.substr(eq + 1), true);
        result.query.emplace(key, value);
    }
    return result;
}

bool secrets_equal(std::string_view a, std::string_view b)
{
    unsigned diff = a.size() == b.size() ? 0U : 1U;
    for (std::size_t i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a[i]) ^
                static_cast<unsigned char>(b.empty() ? 0 : b[i % b.size()]);
    }
    return diff == 0;
}

}  // namespace simbot
