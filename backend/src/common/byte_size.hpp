// Sizes in messages people read: a limit the operator set to 1 KiB must not print as 0.0 MiB.
#pragma once

#include <cstddef>
#include <string>

namespace nbdash {

// "512 bytes", "2.0 KiB", "40.4 MiB".
std::string readable_size(std::size_t bytes);

}  // namespace nbdash
