// Password hashing with argon2id (libsodium). Slow on purpose: call from a blocking thread.
#pragma once

#include <string>
#include <string_view>

namespace nbdash::auth {

// Returns the encoded argon2id hash string (algorithm, parameters, salt and hash).
std::string hash_password(std::string_view password);
// True when password matches the encoded hash; false for a malformed hash.
bool verify_password(const std::string& encoded_hash, std::string_view password);

}  // namespace nbdash::auth
