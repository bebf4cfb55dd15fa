#include "usage/price_table.hpp"

#include <cmath>

namespace nbdash::usage {

namespace {

std::optional<ModelPrice> read_price(const Json& entry) {
    if (!entry.is_object()) return std::nullopt;
    auto in = entry.find("input_per_mtok");
    auto out = entry.find("output_per_mtok");
    if (in == entry.end() || out == entry.end() || !in->is_number() || !out->is_number()) {
        return std::nullopt;
    }
    ModelPrice price{in->get<double>(), out->get<double>()};
    if (!std::isfinite(price.input_per_mtok) || !std::isfinite(price.output_per_mtok) ||
        price.input_per_mtok < 0 || price.output_per_mtok < 0) {
        return std::nullopt;
    }
    return price;
}

}  // namespace

PriceTable PriceTable::from_setting(const Json& value) {
    PriceTable table;
    if (!value.is_object()) return table;
    if (auto currency = value.find("currency"); currency != value.end() && currency->is_string()) {
        table.currency_ = currency->get<std::string>();
    }
    auto models = value.find("models");
    if (models == value.end() || !models->is_object()) return table;
    for (auto it = models->begin(); it != models->end(); ++it) {
        if (auto price = read_price(it.value())) table.prices_.emplace(it.key(), *price);
    }
    return table;
}

std::optional<ModelPrice> PriceTable::find(const std::string& provider,
                                           const std::string& model) const {
    if (model.empty()) return std::nullopt;
    if (!provider.empty()) {
        if (auto it = prices_.find(provider + "/" + model); it != prices_.end()) return it->second;
    }
    if (auto it = prices_.find(model); it != prices_.end()) return it->second;
    // nanobot names models with their provider ("openai/gpt-4o-mini" from provider openai):
    // the operator's "gpt-4o-mini" means that one too.
    if (!provider.empty() && model.size() > provider.size() + 1 && model.starts_with(provider) &&
        model[provider.size()] == '/') {
        if (auto it = prices_.find(model.substr(provider.size() + 1)); it != prices_.end()) {
            return it->second;
        }
    }
    return std::nullopt;
}

std::optional<std::string> price_table_problem(const Json& value) {
    if (!value.is_object()) return "must be an object {\"currency\", \"models\"}";
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (it.key() != "currency" && it.key() != "models") {
            return "unknown key '" + it.key() + "' (expected currency and models)";
        }
    }
    auto currency = value.find("currency");
    if (currency != value.end() &&
        (!currency->is_string() || currency->get<std::string>().empty() ||
         currency->get<std::string>().size() > 8)) {
        return "currency must be a short code such as \"USD\"";
    }
    auto models = value.find("models");
    if (models == value.end()) return std::nullopt;
    if (!models->is_object()) return "models must be an object keyed by <provider>/<model>";
    for (auto it = models->begin(); it != models->end(); ++it) {
        if (it.key().empty() || it.key().size() > 200) return "a model name is empty or too long";
        if (!read_price(it.value())) {
            return "models[\"" + it.key() + "\"] needs input_per_mtok and output_per_mtok, "
                   "numbers >= 0";
        }
    }
    return std::nullopt;
}

}  // namespace nbdash::usage
