// The setting usage.price_table turned into a lookup: price per million input and output
// tokens for a provider/model, in one currency. Cost is computed when a report is made, so a
// price change applies to past usage too.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/json.hpp"

namespace nbdash::usage {

struct ModelPrice {
    double input_per_mtok = 0;
    double output_per_mtok = 0;
};

class PriceTable {
public:
    // Reads {"currency":"USD","models":{"<provider>/<model>":{"input_per_mtok":…,
    // "output_per_mtok":…}}}; entries that are not of that shape are skipped (the settings
    // checker refuses them on save, so only hand edits of the table can bring them here).
    static PriceTable from_setting(const Json& value);

    // "<provider>/<model>" first, then the bare model name; nullopt when neither is priced.
    std::optional<ModelPrice> find(const std::string& provider, const std::string& model) const;
    const std::string& currency() const { return currency_; }

private:
    std::string currency_ = "USD";
    std::map<std::string, ModelPrice, std::less<>> prices_;
};

// Checks a value for usage.price_table; returns the problem, or nullopt when it is valid.
std::optional<std::string> price_table_problem(const Json& value);

}  // namespace nbdash::usage
