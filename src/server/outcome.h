#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace pt::server {

// A refusal the HTTP layer turns into a status and a JSON error body
// ({"error": code, "message": message}). `message` is for a person and never
// holds a password, a token or another account's data.
struct Refusal
{
    int status = 500;         // 400, 401, 404, 409, 422, 429, 500, 503
    QString code;             // machine-readable: "bad_request", "clock_ahead", …
    QString message;
    int retryAfterSeconds = 0; // for 429: the Retry-After header
};

inline Refusal badRequest(QString message) { return {400, QStringLiteral("bad_request"), std::move(message)}; }
inline Refusal unauthorized(QString message = QStringLiteral("sign in again"))
{
    return {401, QStringLiteral("unauthorized"), std::move(message)};
}
// Another account's record answers exactly like a record that does not exist.
inline Refusal notFound() { return {404, QStringLiteral("not_found"), QStringLiteral("no such record")}; }
inline Refusal internalError() { return {500, QStringLiteral("internal"), QStringLiteral("the server failed; see its log")}; }

// The value of a server operation, or why it was refused.
template<typename T>
class [[nodiscard]] Outcome
{
public:
    Outcome(T value) : m_state(std::move(value)) {}
    Outcome(Refusal refusal) : m_state(std::move(refusal)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const Refusal &refusal() const { return std::get<Refusal>(m_state); }

private:
    std::variant<T, Refusal> m_state;
};

struct Done
{
};

} // namespace pt::server
