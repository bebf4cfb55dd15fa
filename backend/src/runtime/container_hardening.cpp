#include "runtime/container_hardening.hpp"

#include <boost/asio/ip/address.hpp>

#include "common/log.hpp"

namespace nbdash::runtime {

void apply_hardening_settings(const Settings& settings, docker::ContainerSpec& spec) {
    spec.read_only_rootfs = settings.get_bool("runtime.read_only_rootfs", false);
    std::string address = settings.get_string("runtime.publish_address", "127.0.0.1");
    boost::system::error_code ec;
    boost::asio::ip::make_address(address, ec);
    if (ec) {
        log::warn("runtime.publish_address is not an IP address; publishing on 127.0.0.1",
                  {log::kv("value", address)});
        address = "127.0.0.1";
    }
    spec.publish_address = address;
}

}  // namespace nbdash::runtime
