#include "auth/session_store.hpp"

#include "common/ids.hpp"

namespace nbdash::auth {

NewSession SessionStore::create(Role role, std::string bot_id, std::chrono::seconds ttl) {
    NewSession created;
    created.token = random_hex(32);
    created.session.role = role;
    created.session.bot_id = std::move(bot_id);
    created.session.csrf_token = random_hex(24);
    created.session.expires_at = std::chrono::steady_clock::now() + ttl;

    std::lock_guard lock(mutex_);
    if (++creations_since_sweep_ >= 64) sweep_expired_locked();
    sessions_[token_digest(created.token)] = created.session;
    return created;
}

std::optional<Session> SessionStore::find(const std::string& token) {
    if (token.empty()) return std::nullopt;
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(token_digest(token));
    if (it == sessions_.end()) return std::nullopt;
    if (it->second.expires_at <= std::chrono::steady_clock::now()) {
        sessions_.erase(it);
        return std::nullopt;
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

void SessionStore::sweep_expired_locked() {
    creations_since_sweep_ = 0;
    auto now = std::chrono::steady_clock::now();
    std::erase_if(sessions_, [&](const auto& entry) { return entry.second.expires_at <= now; });
}

}  // namespace nbdash::auth
