// JSON written straight to text, for the few frames sent often enough that building a Json tree
// for each would cost more than the frame itself (relayed deltas). The bytes are those dump_json
// would write for the same value.
#pragma once

#include <string>
#include <string_view>

namespace nbdash {

// Appends value as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view value);

}  // namespace nbdash
