// Signed-in sessions, held server side so they can expire and be revoked. The cookie carries a
// random token; the map is keyed by its digest, so no stored key equals a live cookie.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace nbdash::auth {

enum class Role { kAdmin, kShare };

struct Session {
    Role role = Role::kAdmin;
    std::string bot_id;  // the one bot a share session may use
    std::string csrf_token;
    std::chrono::steady_clock::time_point expires_at;
};

struct NewSession {
    std::string token;  // goes into the cookie, nowhere else
    Session session;
};

class SessionStore {
public:
    NewSession create(Role role, std::string bot_id, std::chrono::seconds ttl);
    std::optional<Session> find(const std::string& token);
    void revoke(const std::string& token);
    // Ends every share session of a bot (its password changed or the bot was deleted).
    void revoke_bot(const std::string& bot_id);

private:
    void sweep_expired_locked();

    std::mutex mutex_;
    std::map<std::string, Session> sessions_;
    int creations_since_sweep_ = 0;
};

}  // namespace nbdash::auth
