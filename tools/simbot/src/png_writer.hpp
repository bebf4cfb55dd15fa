#pragma once

#include <string>

namespace simbot {

// A small valid RGB PNG (a 16x16 colour gradient) for the `!sim media` scenario. Uses stored
// (uncompressed) deflate blocks, so no zlib is needed in the static binary.
std::string make_sample_png();

}  // namespace simbot
