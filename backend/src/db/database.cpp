#include "db/database.hpp"

#include "common/errors.hpp"
#include "common/log.hpp"

namespace nbdash::db {

Database::Database(std::string url, int connections)
    : url_(std::move(url)),
      connections_(static_cast<std::size_t>(connections)),
      in_use_(static_cast<std::size_t>(connections), false),
      pool_(static_cast<std::size_t>(connections)) {}

Database::~Database() { pool_.join(); }

void Database::prepare(std::string name, std::string sql) {
    statements_.emplace_back(std::move(name), std::move(sql));
}

void Database::connect() {
    std::lock_guard lock(mutex_);
    for (auto& connection : connections_) {
        if (!connection) connection = open();
    }
}

std::unique_ptr<pqxx::connection> Database::open() {
    std::unique_ptr<pqxx::connection> connection;
    try {
        connection = std::make_unique<pqxx::connection>(url_);
        pqxx::nontransaction setup(*connection);
        setup.exec("SET TIME ZONE 'UTC'");
        setup.exec("SET statement_timeout = '30s'");
    } catch (const std::exception& e) {
        log::error("database connection failed", {log::kv("error", e.what())});
        throw_unavailable();
    }
    for (const auto& [name, sql] : statements_) connection->prepare(name, sql);
    return connection;
}

Database::Lease Database::checkout() {
    std::unique_lock lock(mutex_);
    // The blocking pool has as many threads as there are connections, so a free slot exists
    // whenever a thread runs; the wait only covers the moment between release and notify.
    available_.wait(lock, [this] {
        for (bool used : in_use_) {
            if (!used) return true;
        }
        return false;
    });
    std::size_t slot = 0;
    while (in_use_[slot]) ++slot;
    in_use_[slot] = true;
    if (!connections_[slot] || !connections_[slot]->is_open()) {
        lock.unlock();
        try {
            auto fresh = open();
            lock.lock();
            connections_[slot] = std::move(fresh);
        } catch (...) {
            release(slot);
            throw;
        }
    }
    return Lease(this, slot, connections_[slot].get());
}

void Database::release(std::size_t slot) {
    {
        std::lock_guard lock(mutex_);
        in_use_[slot] = false;
    }
    available_.notify_one();
}

void Database::drop(std::size_t slot) {
    std::lock_guard lock(mutex_);
    connections_[slot].reset();
}

void Database::throw_unavailable() {
    throw Unavailable("database_unavailable", "the database is unreachable; try again shortly");
}

std::string iso_time(const std::string& column) {
    return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
}

}  // namespace nbdash::db
