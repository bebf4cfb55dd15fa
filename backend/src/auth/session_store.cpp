#include "auth/session_store.hpp"

#include "common/ids.hpp"

namespace nbdash::auth {

namespace {

bool expired(const Session& session, std::chrono::steady_clock::time_point now) {
    return session.expires_at <= now || session.idle_expires_at <= now;
}

}  // namespace

NewSession SessionStore::create(Role role, std::string bot_id, SessionLimits limits) {
    auto now = std::chrono::steady_clock::now();
    NewSession created;
    created.token = random_hex(32);
    created.session.role = role;
    created.session.bot_id = std::move(bot_id);
    created.session.csrf_token = random_hex(24);
    created.session.expires_at = now + limits.lifetime;
    created.session.idle_timeout = limits.idle;
    created.session.idle_expires_at = std::min(now + limits.idle, created.session.expires_at);

    std::lock_guard lock(mutex_);
    if (++creations_since_sweep_ >= 64) sweep_expired_locked();
    sessions_[token_digest(created.token)] = created.session;
    return created;
}

std::optional<Session> SessionStore::find(const std::string& token) {
    return lookup(token, true);
}

std::optional<Session> SessionStore::peek(const std::string& token) {
    return lookup(token, false);
}

std::optional<Session> SessionStore::lookup(const std::string& token, bool touch) {
    if (token.empty()) return std::nullopt;
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(token_digest(token));
    if (it == sessions_.end()) return std::nullopt;
    if (expired(it->second, now)) {
        sessions_.erase(it);
        return std::nullopt;
    }
    if (touch) {
        it->second.idle_expires_at = std::min(now + it->second.idle_timeout, it->second.expires_at);
    }
    return it->second;
}

void SessionStore::revoke(const std::string& token) {
    std::lock_guard lock(mutex_);
    sessions_.erase(token_digest(token));
}

void SessionStore::revoke_bot(const std::string& bot_id) {
    std::lock_guard lock(mutex_);
    std::erase_if(sessions_, [&](const auto& entry) {
        return entry.second.role == Role::kShare && entry.second.bot_id == bot_id;
    });
}

void SessionStore::revoke_admin_except(const std::string& keep_token) {
    std::string keep = keep_token.empty() ? std::string() : token_digest(keep_token);
    std::lock_guard lock(mutex_);
    std::erase_if(sessions_, [&](const auto& entry) {
        return entry.second.role == Role::kAdmin && entry.first != keep;
    });
}

void SessionStore::sweep_expired_locked() {
    creations_since_sweep_ = 0;
    auto now = std::chrono::steady_clock::now();
    std::erase_if(sessions_, [&](const auto& entry) { return expired(entry.second, now); });
}

}  // namespace nbdash::auth
