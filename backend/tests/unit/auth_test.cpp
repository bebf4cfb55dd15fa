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

    auto live = store.create(Role::kAdmin, "", std::chrono::seconds(60));
    auto expired = store.create(Role::kAdmin, "", std::chrono::seconds(0));
    auto shared = store.create(Role::kShare, "alpha", std::chrono::seconds(60));

    ASSERT_TRUE(store.find(live.token));
    EXPECT_EQ(store.find(live.token)->csrf_token, live.session.csrf_token);
    EXPECT_FALSE(store.find(expired.token));
    EXPECT_FALSE(store.find("forged"));
    store.revoke(live.token);
    EXPECT_FALSE(store.find(live.token));
    store.revoke_bot("alpha");
    EXPECT_FALSE(store.find(shared.token));
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
