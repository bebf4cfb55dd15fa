// Errors a request cannot continue from. Each carries the HTTP status, a stable machine code and
// a message that is safe to show to the client; the HTTP boundary turns them into JSON.
#pragma once

#include <stdexcept>
#include <string>

namespace nbdash {

class ApiError : public std::runtime_error {
public:
    ApiError(int status, std::string code, const std::string& message)
        : std::runtime_error(message), status_(status), code_(std::move(code)) {}

    int status() const { return status_; }
    const std::string& code() const { return code_; }
    // Seconds after which a retry may succeed (sent as Retry-After); 0 when not said.
    int retry_after_seconds() const { return retry_after_seconds_; }

protected:
    int retry_after_seconds_ = 0;

private:
    int status_;
    std::string code_;
};

// 400: the request is malformed or its values are out of range.
class ClientError : public ApiError {
public:
    ClientError(std::string code, const std::string& message)
        : ApiError(400, std::move(code), message) {}
};

class NotFound : public ApiError {
public:
    NotFound(std::string code, const std::string& message)
        : ApiError(404, std::move(code), message) {}
};

class Conflict : public ApiError {
public:
    Conflict(std::string code, const std::string& message)
        : ApiError(409, std::move(code), message) {}
};

// 429: the caller must wait retry_after_seconds before trying again.
class TooManyRequests : public ApiError {
public:
    TooManyRequests(std::string code, const std::string& message, int retry_after_seconds)
        : ApiError(429, std::move(code), message) {
        retry_after_seconds_ = retry_after_seconds;
    }
};

// 503: a dependency (database, runtime) is down; retrying later may work.
class Unavailable : public ApiError {
public:
    Unavailable(std::string code, const std::string& message)
        : ApiError(503, std::move(code), message) {}
};

}  // namespace nbdash
