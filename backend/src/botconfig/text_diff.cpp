#include "botconfig/text_diff.hpp"

#include <algorithm>
#include <vector>

namespace nbdash::botconfig {

namespace {

constexpr std::size_t kMaxCells = 4'000'000;
constexpr std::size_t kContext = 3;

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

enum class Op { kKeep, kRemove, kAdd };

struct Edit {
    Op op;
    std::size_t a;  // index in before (kKeep, kRemove)
    std::size_t b;  // index in after (kKeep, kAdd)
};

// Edit script from a longest-common-subsequence table.
std::vector<Edit> edit_script(const std::vector<std::string_view>& a,
                              const std::vector<std::string_view>& b) {
    std::vector<Edit> edits;
    const std::size_t n = a.size(), m = b.size();
    if (n * m > kMaxCells) {
        for (std::size_t i = 0; i < n; ++i) edits.push_back({Op::kRemove, i, 0});
        for (std::size_t j = 0; j < m; ++j) edits.push_back({Op::kAdd, n, j});
        return edits;
    }
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            edits.push_back({Op::kKeep, i++, j++});
        } else if (j < m && (i == n || at(i, j + 1) > at(i + 1, j))) {
            edits.push_back({Op::kAdd, i, j++});
        } else {
            edits.push_back({Op::kRemove, i++, j});
        }
    }
    return edits;
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after,
                         const std::string& before_label, const std::string& after_label) {
    if (before == after) return "";
    auto a = split_lines(before);
    auto b = split_lines(after);
    auto edits = edit_script(a, b);
    std::string out = "--- " + before_label + "\n+++ " + after_label + "\n";
    std::size_t k = 0;
    while (k < edits.size()) {
        if (edits[k].op == Op::kKeep) {
            ++k;
            continue;
        }
        // A hunk: from kContext lines before this change to kContext lines after the last
        // change that is no more than 2 * kContext unchanged lines from the previous one.
        std::size_t start = k >= kContext ? k - kContext : 0;
        std::size_t end = k;
        std::size_t keep_run = 0;
        for (std::size_t x = k; x < edits.size(); ++x) {
            if (edits[x].op == Op::kKeep) {
                if (++keep_run > 2 * kContext) break;
            } else {
                keep_run = 0;
                end = x;
            }
        }
        std::size_t stop = std::min(edits.size(), end + kContext + 1);
        std::size_t a_start = edits[start].a, b_start = edits[start].b;
        std::size_t a_count = 0, b_count = 0;
        std::string body;
        for (std::size_t x = start; x < stop; ++x) {
            const Edit& e = edits[x];
            if (e.op == Op::kKeep) {
                body += " " + std::string(a[e.a]) + "\n";
                ++a_count;
                ++b_count;
            } else if (e.op == Op::kRemove) {
                body += "-" + std::string(a[e.a]) + "\n";
                ++a_count;
            } else {
                body += "+" + std::string(b[e.b]) + "\n";
                ++b_count;
            }
        }
        auto range = [](std::size_t first, std::size_t count) {
            return std::to_string(count == 0 ? first : first + 1) + "," + std::to_string(count);
        };
        out += "@@ -" + range(a_start, a_count) + " +" + range(b_start, b_count) + " @@\n" + body;
        k = stop;
    }
    return out;
}

}  // namespace nbdash::botconfig
