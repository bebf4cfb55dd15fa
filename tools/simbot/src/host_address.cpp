#include "host_address.hpp"

#include <string>

namespace simbot {

std::optional<boost::asio::ip::address> parse_host(std::string_view host)
{
    std::string text(host);
    if (text == "localhost") {
        text = "127.0.0.1";
    }
    if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
        text = text.substr(1, text.size() - 2);
    }
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(text, ec);
    if (ec) {
        return std::nullopt;
    }
    return address;
}

}  // namespace simbot
