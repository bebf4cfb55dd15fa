// PostgreSQL access: a fixed set of connections, each used by one blocking thread at a time, with
// every statement prepared on each connection. Network threads never touch a connection: they
// await Database::run, which hops to the database threads and back.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "common/blocking_pool.hpp"

namespace nbdash::db {

class Database {
public:
    Database(std::string url, int connections);
    ~Database();

    // Declares a prepared statement; call before connect().
    void prepare(std::string name, std::string sql);
    // Opens every connection and prepares the statements; throws Unavailable when it can't.
    void connect();

    // Runs fn(pqxx::connection&) on a database thread with a checked-out connection. A lost
    // connection is reopened on the next use; its error surfaces as Unavailable.
    template <class Fn>
    auto run(Fn fn) -> boost::asio::awaitable<decltype(fn(std::declval<pqxx::connection&>()))> {
        return pool_.run([this, fn = std::move(fn)]() mutable {
            auto lease = checkout();
            return guarded([&] { return fn(*lease.connection); }, lease);
        });
    }

    // Runs fn on the calling thread; for start-up and command-line paths only.
    template <class Fn>
    auto run_blocking(Fn fn) -> decltype(fn(std::declval<pqxx::connection&>())) {
        auto lease = checkout();
        return guarded([&] { return fn(*lease.connection); }, lease);
    }

private:
    struct Lease {
        Database* owner;
        std::size_t slot;
        pqxx::connection* connection;
        Lease(Database* o, std::size_t s, pqxx::connection* c) : owner(o), slot(s), connection(c) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { owner->release(slot); }
    };

    template <class Body>
    auto guarded(Body body, Lease& lease) -> decltype(body()) {
        try {
            return body();
        } catch (const pqxx::broken_connection&) {
            drop(lease.slot);
            throw_unavailable();
        }
    }

    Lease checkout();
    void release(std::size_t slot);
    void drop(std::size_t slot);
    std::unique_ptr<pqxx::connection> open();
    [[noreturn]] static void throw_unavailable();

    std::string url_;
    std::vector<std::pair<std::string, std::string>> statements_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<pqxx::connection>> connections_;
    std::vector<bool> in_use_;
    BlockingPool pool_;
};

// SQL expression rendering a timestamptz column as ISO 8601 UTC text with microseconds, so
// that two changes within one millisecond still sort in order.
std::string iso_time(const std::string& column);

}  // namespace nbdash::db
