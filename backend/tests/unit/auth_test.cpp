#include <thread>

#include <gtest/gtest.h>
#include <sodium.h>

#include "auth/login_throttle.hpp"
#include "auth/password_hash.hpp"
#include "auth/session_store.hpp"

namespace nbdash::auth {

TEST(PasswordHash, IsArgon2idAndVerifies) {
    ASSERT_GE(sodium_init(), 0);

    std::string hash = hash_password("correct horse");

    EXPECT_TRUE(hash.starts_with("$argon2id$"));
    EXPECT_TRUE(verify_password(hash, "correct horse"));
    EXPECT_FALSE(verify_password(hash, "wrong horse"));
    EXPECT_FALSE(verify_password("not a hash", "correct horse"));
}

TEST(SessionStore, FindsRevokesAndExpires) {
    SessionStore store;

    SessionLimits minute{std::chrono::seconds(60), std::chrono::seconds(60)};
    SessionLimits none{std::chrono::seconds(0), std::chrono::seconds(60)};
    auto live = store.create(Role::kAdmin, "", minute);
    auto expired = store.create(Role::kAdmin, "", none);
    auto shared = store.create(Role::kShare, "alpha", minute);

    ASSERT_TRUE(store.find(live.token));
    EXPECT_EQ(store.find(live.token)->csrf_token, live.session.csrf_token);
    EXPECT_FALSE(store.find(expired.token));
    EXPECT_FALSE(store.find("forged"));
    store.revoke(live.token);
    EXPECT_FALSE(store.find(live.token));
    store.revoke_bot("alpha");
    EXPECT_FALSE(store.find(shared.token));
}

TEST(SessionStore, IdleSessionsEndAndUseKeepsThemAlive) {
    SessionStore store;
    SessionLimits short_idle{std::chrono::seconds(60), std::chrono::seconds(1)};
    auto used = store.create(Role::kAdmin, "", short_idle);
    auto idle = store.create(Role::kAdmin, "", short_idle);

    for (int i = 0; i < 4; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        ASSERT_TRUE(store.find(used.token)) << "use " << i;
    }

    EXPECT_FALSE(store.find(idle.token));
    EXPECT_TRUE(store.peek(used.token));
}

TEST(SessionStore, IdleActivityNeverPassesTheAbsoluteLimit) {
    SessionStore store;
    SessionLimits limits{std::chrono::seconds(1), std::chrono::seconds(60)};
    auto session = store.create(Role::kAdmin, "", limits);

    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    ASSERT_TRUE(store.find(session.token));
    std::this_thread::sleep_for(std::chrono::milliseconds(600));

    EXPECT_FALSE(store.find(session.token));
}

TEST(SessionStore, PasswordChangeEndsOtherAdminSessionsOnly) {
    SessionStore store;
    SessionLimits limits;
    auto mine = store.create(Role::kAdmin, "", limits);
    auto other = store.create(Role::kAdmin, "", limits);
    auto shared = store.create(Role::kShare, "alpha", limits);

    store.revoke_admin_except(mine.token);

    EXPECT_TRUE(store.find(mine.token));
    EXPECT_FALSE(store.find(other.token));
    EXPECT_TRUE(store.find(shared.token));
}

TEST(LoginThrottle, SaysHowLongToWait) {
    LoginThrottle throttle;
    auto window = std::chrono::seconds(120);

    EXPECT_EQ(throttle.wait_needed("k", 2).count(), 0);
    throttle.record_failure("k", window);
    EXPECT_EQ(throttle.wait_needed("k", 2).count(), 0);
    throttle.record_failure("k", window);

    auto wait = throttle.wait_needed("k", 2).count();
    EXPECT_GE(wait, 119);
    EXPECT_LE(wait, 120);
}

TEST(LoginThrottle, RefusesAfterTheLimitUntilTheWindowEnds) {
    LoginThrottle throttle;
    auto window = std::chrono::seconds(60);

    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(throttle.allowed("1.2.3.4", 3, window));
        throttle.record_failure("1.2.3.4", window);
    }

    EXPECT_FALSE(throttle.allowed("1.2.3.4", 3, window));
    EXPECT_TRUE(throttle.allowed("5.6.7.8", 3, window));
    throttle.record_success("1.2.3.4");
    EXPECT_TRUE(throttle.allowed("1.2.3.4", 3, window));
}

}  // namespace nbdash::auth
