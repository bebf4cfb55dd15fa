#include "db/event_redaction.hpp"

#include <array>
#include <cctype>

namespace nbdash::db {

namespace {

std::string normalized(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (unsigned char c : key) {
        if (c == '_' || c == '-' || c == '.' || c == ' ') continue;
        out.push_back(static_cast<char>(std::tolower(c)));
    }
    return out;
}

// Header-like keys whose value runs to the end of the line ("Cookie: a=1; b=2").
bool is_header_key(std::string_view key) {
    std::string name = normalized(key);
    return name == "authorization" || name == "proxyauthorization" || name == "cookie" ||
           name == "setcookie";
}

bool is_key_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Authorization schemes followed by their credentials: "Bearer <token>".
bool is_auth_scheme(std::string_view word) {
    std::string name = normalized(word);
    return name == "bearer" || name == "basic" || name == "token" || name == "digest";
}

// End of the value that starts at pos.
std::size_t value_end(std::string_view text, std::size_t pos, std::string_view key) {
    if (is_header_key(key)) {
        std::size_t end = text.find_first_of("\r\n", pos);
        return end == std::string_view::npos ? text.size() : end;
    }
    char quote = text[pos];
    if (quote == '"' || quote == '\'') {
        std::size_t end = text.find(quote, pos + 1);
        return end == std::string_view::npos ? text.size() : end + 1;
    }
    auto word_end = [&](std::size_t from) {
        std::size_t end = from;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
               std::string_view(",;&)]}\"'").find(text[end]) == std::string_view::npos) {
            ++end;
        }
        return end;
    };
    std::size_t end = word_end(pos);
    if (is_auth_scheme(text.substr(pos, end - pos)) && end < text.size() && is_space(text[end])) {
        std::size_t next = end;
        while (next < text.size() && is_space(text[next])) ++next;
        if (next < text.size()) end = word_end(next);
    }
    return end;
}

}  // namespace

bool is_secret_key(std::string_view key) {
    std::string name = normalized(key);
    if (name.empty()) return false;
    if (name.find("token") != std::string::npos) return name.find("tokens") == std::string::npos;
    static constexpr std::array<std::string_view, 8> kWords = {
        "password", "passwd", "secret", "apikey", "authorization", "cookie", "credential",
        "privatekey"};
    for (auto word : kWords) {
        if (name.find(word) != std::string::npos) return true;
    }
    return name == "auth" || name == "pwd";
}

std::string redact_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        bool starts_key = is_key_char(text[i]) && (i == 0 || !is_key_char(text[i - 1]));
        if (!starts_key) {
            out.push_back(text[i++]);
            continue;
        }
        std::size_t key_end = i;
        while (key_end < text.size() && is_key_char(text[key_end])) ++key_end;
        std::string_view key = text.substr(i, key_end - i);
        // Optional closing quote of a quoted key ("api_key": ...), spaces, then = or :.
        std::size_t pos = key_end;
        if (pos < text.size() && (text[pos] == '"' || text[pos] == '\'')) ++pos;
        while (pos < text.size() && is_space(text[pos])) ++pos;
        bool separated = pos < text.size() && (text[pos] == '=' || text[pos] == ':');
        if (separated && is_secret_key(key)) {
            ++pos;
            while (pos < text.size() && is_space(text[pos])) ++pos;
            if (pos < text.size() && text[pos] != '\n' && text[pos] != '\r') {
                out.append(text.substr(i, pos - i));
                out += kRedacted;
                i = value_end(text, pos, key);
                continue;
            }
        }
        out.append(key);
        i = key_end;
    }
    return out;
}

Json redact_metadata(const Json& metadata) {
    if (metadata.is_string()) return redact_text(metadata.get_ref<const std::string&>());
    if (metadata.is_array()) {
        Json out = Json::array();
        for (const auto& item : metadata) out.push_back(redact_metadata(item));
        return out;
    }
    if (!metadata.is_object()) return metadata;
    Json out = Json::object();
    for (const auto& [key, value] : metadata.items()) {
        out[key] = is_secret_key(key) ? Json(kRedacted) : redact_metadata(value);
    }
    return out;
}

}  // namespace nbdash::db
