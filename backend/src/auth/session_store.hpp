// Signed-in sessions, held server side so they can expire and be revoked. The cookie carries a
// random token; the map is keyed by its digest, so no stored key equals a live cookie.
// Sessions live in memory: a restart of the server signs everyone out.
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
    std::chrono::steady_clock::time_point expires_at;       // absolute end, whatever the use
    std::chrono::steady_clock::time_point idle_expires_at;  // moves on with every use
    std::chrono::seconds idle_timeout{0};
    // Set for requests authenticated by an API token rather than a cookie: no CSRF token
    // applies, and routes that manage credentials refuse it.
    bool via_api_token = false;
};

struct SessionLimits {
    std::chrono::seconds lifetime{24 * 3600};
    std::chrono::seconds idle{2 * 3600};
};

struct NewSession {
    std::string token;  // goes into the cookie, nowhere else
    Session session;
};

class SessionStore {
public:
    NewSession create(Role role, std::string bot_id, SessionLimits limits);
    // The live session of a cookie token; counts as activity (the idle deadline moves on).
    std::optional<Session> find(const std::string& token);
    // Like find, without counting as activity.
    std::optional<Session> peek(const std::string& token);
    void revoke(const std::string& token);
    // Ends every share session of a bot (its password changed or the bot was deleted).
    void revoke_bot(const std::string& bot_id);
    // Ends every admin session except the one of keep_token (after a password change).
    void revoke_admin_except(const std::string& keep_token);

private:
    std::optional<Session> lookup(const std::string& token, bool touch);
    void sweep_expired_locked();

    std::mutex mutex_;
    std::map<std::string, Session> sessions_;
    int creations_since_sweep_ = 0;
};

}  // namespace nbdash::auth
