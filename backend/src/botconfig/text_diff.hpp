// Line diffs between two saved versions of a file, in unified diff format.
#pragma once

#include <string>
#include <string_view>

namespace nbdash::botconfig {

// A unified diff (3 lines of context) from `before` to `after`, headed by the two labels; ""
// when they are equal. Files too large to compare line by line (over 4 million line pairs)
// come out as one hunk replacing everything.
std::string unified_diff(std::string_view before, std::string_view after,
                         const std::string& before_label, const std::string& after_label);

}  // namespace nbdash::botconfig
