#pragma once

#include <optional>
#include <string_view>

#include <boost/asio/ip/address.hpp>

namespace simbot {

// Parses a numeric IPv4/IPv6 host; "localhost" means 127.0.0.1. Never resolves names, so the
// static binary needs no NSS or DNS. Returns nullopt for anything else.
std::optional<boost::asio::ip::address> parse_host(std::string_view host);

}  // namespace simbot
