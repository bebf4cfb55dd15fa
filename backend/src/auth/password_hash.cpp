#include "auth/password_hash.hpp"

#include <stdexcept>

#include <sodium.h>

namespace nbdash::auth {

std::string hash_password(std::string_view password) {
    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(encoded, password.data(), password.size(),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    return std::string(encoded);
}

bool verify_password(const std::string& encoded_hash, std::string_view password) {
    if (encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace nbdash::auth
