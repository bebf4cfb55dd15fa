// Request bodies: parse_request_json must either return a value or throw ClientError, whatever
// the bytes; what it returns must dump back to JSON that parses to the same value.
#include <cstdint>
#include <string_view>

#include "common/errors.hpp"
#include "common/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    nbdash::Json value;
    try {
        value = nbdash::parse_request_json(body);
    } catch (const nbdash::ClientError&) {
        return 0;
    }
    std::string dumped = nbdash::dump_json(value);
    nbdash::Json again = nbdash::parse_request_json(dumped);
    if (again != value) __builtin_trap();
    return 0;
}
