#include "api/api_context.hpp"
#include "http/responses.hpp"

namespace nbdash::api {

void register_health_routes(http::Router& router, ApiContext& api) {
    router.add(http::Verb::get, "/api/health", http::Access::kPublic,
               [&api](http::RequestContext& ctx) -> boost::asio::awaitable<http::Response> {
        std::string database = "ok";
        try {
            co_await api.database.run([](pqxx::connection& c) {
                pqxx::nontransaction tx(c);
                tx.exec("SELECT 1");
                return 0;
            });
        } catch (const std::exception&) {
            database = "unreachable";
        }
        bool ok = database == "ok";
        co_return http::json_response(ctx, ok ? 200 : 503,
                                      {{"status", ok ? "ok" : "degraded"},
                                       {"database", database},
                                       {"runtime", api.runtime_name}});
    });
}

}  // namespace nbdash::api
