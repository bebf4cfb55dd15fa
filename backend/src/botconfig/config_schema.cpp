#include "botconfig/config_schema.hpp"

#include <cctype>

#include "botconfig/secrets.hpp"

namespace nbdash::botconfig {

namespace {

struct Field {
    const char* key;
    const char* type;
    bool secret = false;
};

Json channel(const char* name, const char* label, std::initializer_list<Field> fields) {
    Json list = Json::array();
    list.push_back({{"key", "enabled"}, {"type", "boolean"}, {"secret", false}});
    for (const auto& f : fields) {
        list.push_back({{"key", f.key}, {"type", f.type}, {"secret", f.secret}});
    }
    list.push_back({{"key", "allowFrom"}, {"type", "string_list"}, {"secret", false}});
    return Json{{"name", name}, {"label", label}, {"fields", list}};
}

const char* const kProviders[] = {
    "custom", "azureOpenai", "bedrock", "anthropic", "openai", "openrouter", "orcarouter",
    "assemblyai", "huggingface", "skywork", "deepseek", "groq", "zhipu", "dashscope",
    "modelscope", "vllm", "ollama", "lmStudio", "atomicChat", "ovms", "gemini", "moonshot",
    "kimiCoding", "minimax", "minimaxAnthropic", "mistral", "stepfun", "xiaomiMimo", "longcat",
    "antLing", "aihubmix", "siliconflow", "edenai", "novita", "volcengine",
    "volcengineCodingPlan", "byteplus", "byteplusCodingPlan", "openaiCodex", "xaiGrok",
    "githubCopilot", "qianfan", "nvidia", "opencode", "opencodeZen", "opencodeGo",
};

// Providers whose endpoint is the operator's own and therefore has no default base URL.
bool needs_api_base(const std::string& name) {
    for (const char* n : {"custom", "azureOpenai", "vllm", "ollama", "lmStudio", "atomicChat", "ovms"}) {
        if (name == n) return true;
    }
    return false;
}

}  // namespace

bool is_builtin_provider(const std::string& name) {
    std::string wanted = normalized_key(name);
    for (const char* known : kProviders) {
        if (normalized_key(known) == wanted) return true;
    }
    return false;
}

std::string provider_key_variable(const std::string& provider) {
    std::string out;
    for (std::size_t i = 0; i < provider.size(); ++i) {
        char c = provider[i];
        if (std::isupper(static_cast<unsigned char>(c)) && i > 0 && provider[i - 1] != '_') {
            out += '_';
        }
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out + "_API_KEY";
}

const Json& config_schema() {
    static const Json schema = [] {
        Json channels = Json::array({
            channel("telegram", "Telegram", {{"token", "string", true}, {"proxy", "string", true}}),
            channel("discord", "Discord", {{"token", "string", true}}),
            channel("slack", "Slack", {{"botToken", "string", true}, {"appToken", "string", true}}),
            channel("feishu", "Feishu / Lark",
                    {{"appId", "string"}, {"appSecret", "string", true},
                     {"encryptKey", "string", true}, {"verificationToken", "string", true}}),
            channel("dingtalk", "DingTalk", {{"clientId", "string"}, {"clientSecret", "string", true}}),
            channel("qq", "QQ", {{"appId", "string"}, {"secret", "string", true}}),
            channel("wecom", "WeCom", {{"botId", "string"}, {"secret", "string", true}}),
            channel("weixin", "WeChat", {{"token", "string", true}}),
            channel("email", "Email",
                    {{"imapHost", "string"}, {"imapPort", "integer"}, {"imapUsername", "string"},
                     {"imapPassword", "string", true}, {"smtpHost", "string"},
                     {"smtpPort", "integer"}, {"smtpUsername", "string"},
                     {"smtpPassword", "string", true}, {"fromAddress", "string"}}),
            channel("matrix", "Matrix",
                    {{"homeserver", "string"}, {"userId", "string"}, {"password", "string", true},
                     {"accessToken", "string", true}, {"deviceId", "string"}}),
            channel("mattermost", "Mattermost", {{"url", "string"}, {"token", "string", true}}),
            channel("msteams", "Microsoft Teams",
                    {{"appId", "string"}, {"appPassword", "string", true}}),
            channel("whatsapp", "WhatsApp", {{"bridgeUrl", "string"}}),
            channel("signal", "Signal", {{"account", "string"}}),
            channel("napcat", "NapCat (QQ)", {{"wsUrl", "string"}, {"accessToken", "string", true}}),
            channel("mochat", "MoChat", {{"clawToken", "string", true}}),
        });
        Json providers = Json::array();
        for (const char* name : kProviders) {
            providers.push_back({{"name", name},
                                 {"env", provider_key_variable(name)},
                                 {"needs_api_base", needs_api_base(name)}});
        }
        Json model_fields = Json::array({
            {{"key", "model"}, {"type", "string"}},
            {{"key", "provider"}, {"type", "string"}},
            {{"key", "modelPreset"}, {"type", "string"}},
            {{"key", "temperature"}, {"type", "number"}},
            {{"key", "maxTokens"}, {"type", "integer"}},
            {{"key", "contextWindowTokens"}, {"type", "integer"}},
            {{"key", "reasoningEffort"}, {"type", "string"},
             {"enum", {"low", "medium", "high", "xhigh", "max", "adaptive", "none"}}},
        });
        Json channel_options = Json::array({
            {{"key", "sendProgress"}, {"type", "boolean"}},
            {{"key", "sendToolHints"}, {"type", "boolean"}},
            {{"key", "showReasoning"}, {"type", "boolean"}},
            {{"key", "sendMaxRetries"}, {"type", "integer"}, {"min", 0}, {"max", 10}},
        });
        return Json{{"channels", channels},
                    {"channel_options", channel_options},
                    {"providers", providers},
                    {"model_fields", model_fields},
                    {"secret_mask", kMask}};
    }();
    return schema;
}

}  // namespace nbdash::botconfig
