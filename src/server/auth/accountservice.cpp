#include "auth/accountservice.h"

#include "auth/cryptosupport.h"
#include "auth/passwordhasher.h"
#include "pg/pgstatement.h"
#include "store/database.h"
#include "store/sqlrows.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlQuery>

#include <algorithm>
#include <optional>

namespace pt::server {

namespace {

Q_LOGGING_CATEGORY(lcAuth, "pt.server.auth", QtInfoMsg)

constexpr qsizetype MaximumEmailLength = 254; // RFC 5321's path limit, less the brackets
constexpr qsizetype MaximumDeviceNameLength = 100;
constexpr qsizetype RefreshTokenBytes = 32; // 256 bits

std::int64_t currentMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Refusal invalidCredentials()
{
    return { 401, QStringLiteral("invalid_credentials"), QStringLiteral("The email or the password is wrong.") };
}

Refusal refreshReused()
{
    return { 401, QStringLiteral("refresh_reused"),
             QStringLiteral("This refresh token was used already, so its sign-in has been ended; sign in again.") };
}

// A failure of ours, not of the request: logged here, a plain 500 outside.
Refusal failed(const QString &what)
{
    qCWarning(lcAuth).noquote() << what;
    return internalError();
}

// The email as stored (trimmed), or why it cannot be one. A plain shape
// check: one '@' between a non-empty local part and a domain, no spaces.
Outcome<QString> checkedEmail(const QString &email)
{
    const QString trimmed = email.trimmed();
    const auto invalid = [](const QString &why) {
        return Refusal { 400, QStringLiteral("invalid_email"), why };
    };
    if (trimmed.isEmpty())
        return invalid(QStringLiteral("An email address is needed."));
    if (trimmed.size() > MaximumEmailLength)
        return invalid(QStringLiteral("The email address is longer than %1 characters.").arg(MaximumEmailLength));
    const qsizetype at = trimmed.indexOf(u'@');
    if (at <= 0 || at != trimmed.lastIndexOf(u'@') || at == trimmed.size() - 1)
        return invalid(QStringLiteral("The email address must look like name@example.org."));
    const QStringView domain = QStringView(trimmed).mid(at + 1);
    if (domain.startsWith(u'.') || domain.endsWith(u'.') || domain.contains(u".."))
        return invalid(QStringLiteral("The email address must look like name@example.org."));
    const bool spaceOrControl = std::any_of(
        trimmed.cbegin(), trimmed.cend(), [](QChar c) { return c.isSpace() || c.category() == QChar::Other_Control; });
    if (spaceOrControl)
        return invalid(QStringLiteral("The email address cannot contain spaces."));
    return trimmed;
}

// One account per address however it is typed: the key is the lower-cased email.
QString emailKey(const QString &email)
{
    return email.toLower();
}

QString refreshTokenHash(const QByteArray &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex());
}

// tokens_valid_after and iat. Access tokens carry iat in whole seconds, so
// "issued before the logout" cannot be told from "issued after it" within one
// second. tokens_valid_after is therefore always a whole second strictly after
// the moment of the logout (and after the previous value: two logouts in one
// second still each refuse what came before them), a token is accepted when
// iat * 1000 >= tokens_valid_after, and tokens issued later say at least that
// second in iat (at most a second ahead of the clock, well within the skew
// verifyAccessToken allows). Every token issued before the logout has
// iat <= its floor second < tokens_valid_after / 1000: refused.
const QString NextValidAfter = QStringLiteral("GREATEST(?, tokens_valid_after + 1000)");

std::int64_t nextWholeSecondAfter(std::int64_t nowMs)
{
    return (nowMs / 1000 + 1) * 1000;
}

std::int64_t issuedAtFor(std::int64_t nowMs, std::int64_t tokensValidAfter)
{
    return std::max(nowMs / 1000, (tokensValidAfter + 999) / 1000);
}

// Prepares, binds and runs one statement on the calling thread's connection.
Result<QSqlQuery> run(const store::Database &database, const QString &sql, const QVariantList &values,
                      const QString &what)
{
    QSqlQuery query(database.connection());
    store::setReadMode(query);
    if (!query.prepare(sql))
        return Error { store::describeSqlError(what, query.lastError()) };
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (auto done = store::execute(query, what); !done)
        return Error { done.error() };
    return query;
}

// A new refresh token of `sessionId` (stored as its hash) and an access token
// for it; inside the caller's transaction.
Result<TokenPair> issuePair(const store::Database &database, const TokenSettings &settings, std::int64_t accountId,
                            std::int64_t sessionId, std::int64_t tokensValidAfter, std::int64_t nowMs)
{
    TokenPair pair;
    const std::int64_t issuedAt = issuedAtFor(nowMs, tokensValidAfter);
    pair.accessToken = issueAccessToken(settings, accountId, sessionId, issuedAt);
    if (pair.accessToken.isEmpty())
        return Error { QStringLiteral("Issuing an access token failed: the signing key is too short") };
    pair.refreshToken = crypto::toBase64Url(crypto::randomBytes(RefreshTokenBytes));
    pair.accessExpiresIn = issuedAt + settings.accessLifetimeSeconds - nowMs / 1000;
    pair.refreshExpiresIn = settings.refreshLifetimeSeconds;
    auto stored = run(database,
                      QStringLiteral("INSERT INTO server_refresh_token (token_hash, session_id, issued_at, expires_at) "
                                     "VALUES (?, ?, ?, ?)"),
                      { refreshTokenHash(pair.refreshToken), qlonglong(sessionId), qlonglong(nowMs),
                        qlonglong(nowMs + settings.refreshLifetimeSeconds * 1000) },
                      QStringLiteral("Storing a refresh token"));
    if (!stored)
        return Error { stored.error() };
    return pair;
}

Result<void> revokeSessions(const store::Database &database, const QString &where, const QVariantList &values,
                            const QString &reason, std::int64_t nowMs)
{
    QVariantList bound { qlonglong(nowMs), reason };
    bound.append(values);
    auto revoked = run(database,
                       QStringLiteral("UPDATE server_session SET revoked_at = ?, revoked_reason = ? WHERE ") + where
                           + QStringLiteral(" AND revoked_at IS NULL"),
                       bound, QStringLiteral("Ending sessions"));
    if (!revoked)
        return Error { revoked.error() };
    return {};
}

} // namespace

AccountService::AccountService(const store::Database &database, TokenSettings settings)
    : m_database(database)
    , m_settings(std::move(settings))
{ }

Outcome<std::int64_t> AccountService::registerAccount(const QString &email, const QString &password) const
{
    const auto address = checkedEmail(email);
    if (!address)
        return address.refusal();
    if (auto policy = checkPasswordPolicy(password); !policy)
        return Refusal { 400, QStringLiteral("weak_password"), policy.error() };
    const QString key = emailKey(*address);

    // Spare the hashing when the answer is known already (409 says as much).
    auto existing = run(m_database, QStringLiteral("SELECT 1 FROM server_account WHERE email_key = ?"), { key },
                        QStringLiteral("Looking up an email"));
    if (!existing)
        return failed(existing.error());
    if (existing->next())
        return Refusal { 409, QStringLiteral("email_taken"),
                         QStringLiteral("An account with this email exists already.") };

    // Slow (argon2id): outside any transaction.
    const auto hash = hashPassword(password);
    if (!hash)
        return failed(hash.error());

    // ON CONFLICT: two registrations of one address at once make one account.
    auto inserted = run(m_database,
                        QStringLiteral("INSERT INTO server_account (email, email_key, password_hash, created_at) "
                                       "VALUES (?, ?, ?, ?) ON CONFLICT (email_key) DO NOTHING RETURNING id"),
                        { *address, key, QString::fromLatin1(*hash), qlonglong(currentMs()) },
                        QStringLiteral("Creating an account"));
    if (!inserted)
        return failed(inserted.error());
    if (!inserted->next())
        return Refusal { 409, QStringLiteral("email_taken"),
                         QStringLiteral("An account with this email exists already.") };
    const std::int64_t id = inserted->value(0).toLongLong();
    qCInfo(lcAuth) << "account" << id << "registered";
    return id;
}

Outcome<TokenPair> AccountService::login(const QString &email, const QString &password, const QString &deviceName) const
{
    std::int64_t accountId = 0;
    QByteArray hash;
    if (const auto address = checkedEmail(email)) {
        auto found = run(m_database, QStringLiteral("SELECT id, password_hash FROM server_account WHERE email_key = ?"),
                         { emailKey(*address) }, QStringLiteral("Looking up an account"));
        if (!found)
            return failed(found.error());
        if (found->next()) {
            accountId = found->value(0).toLongLong();
            hash = found->value(1).toString().toLatin1();
        }
    }
    // An unknown address costs the same hash as a known one, and answers the
    // same: the answer does not tell which addresses have accounts.
    const bool matches = verifyPassword(password, accountId != 0 ? hash : decoyPasswordHash());
    if (accountId == 0 || !matches)
        return invalidCredentials();

    const std::int64_t now = currentMs();
    const QString device = deviceName.trimmed().left(MaximumDeviceNameLength);
    TokenPair pair;
    std::int64_t sessionId = 0;
    auto done = m_database.inTransaction([&]() -> Result<void> {
        auto account = run(m_database, QStringLiteral("SELECT tokens_valid_after FROM server_account WHERE id = ?"),
                           { qlonglong(accountId) }, QStringLiteral("Reading an account"));
        if (!account)
            return Error { account.error() };
        if (!account->next())
            return Error { QStringLiteral("account %1 vanished during its login").arg(accountId) };
        const std::int64_t validAfter = account->value(0).toLongLong();
        auto session = run(m_database,
                           QStringLiteral("INSERT INTO server_session (account_id, device_name, created_at, "
                                          "last_used_at) VALUES (?, ?, ?, ?) RETURNING id"),
                           { qlonglong(accountId), store::sqlText(device), qlonglong(now), qlonglong(now) },
                           QStringLiteral("Starting a session"));
        if (!session)
            return Error { session.error() };
        sessionId = store::insertedId(*session);
        auto issued = issuePair(m_database, m_settings, accountId, sessionId, validAfter, now);
        if (!issued)
            return Error { issued.error() };
        pair = std::move(issued).value();
        return {};
    });
    if (!done)
        return failed(done.error());
    qCInfo(lcAuth) << "account" << accountId << "signed in, session" << sessionId;
    return pair;
}

Outcome<TokenPair> AccountService::refresh(const QByteArray &refreshToken) const
{
    const auto bytes = crypto::fromBase64Url(refreshToken);
    if (!bytes || bytes->size() != RefreshTokenBytes)
        return unauthorized(QStringLiteral("That is not a refresh token; sign in again."));

    const std::int64_t now = currentMs();
    std::optional<Refusal> refusal;
    TokenPair pair;
    auto done = m_database.inTransaction([&]() -> Result<void> {
        // FOR UPDATE: two exchanges of one token are serialised, so the second
        // sees the first one's used_at and counts as a reuse.
        auto found = run(m_database,
                         QStringLiteral("SELECT t.session_id, t.expires_at, t.used_at, s.account_id, s.revoked_at, "
                                        "a.tokens_valid_after FROM server_refresh_token t "
                                        "JOIN server_session s ON s.id = t.session_id "
                                        "JOIN server_account a ON a.id = s.account_id "
                                        "WHERE t.token_hash = ? FOR UPDATE OF t, s"),
                         { refreshTokenHash(refreshToken) }, QStringLiteral("Looking up a refresh token"));
        if (!found)
            return Error { found.error() };
        if (!found->next()) {
            refusal = unauthorized(QStringLiteral("Unknown refresh token; sign in again."));
            return {};
        }
        const std::int64_t sessionId = found->value(0).toLongLong();
        const std::int64_t expiresAt = found->value(1).toLongLong();
        const bool used = !found->value(2).isNull();
        const std::int64_t accountId = found->value(3).toLongLong();
        const bool revoked = !found->value(4).isNull();
        const std::int64_t validAfter = found->value(5).toLongLong();
        found->finish();
        if (revoked) {
            refusal = unauthorized(QStringLiteral("This sign-in has ended; sign in again."));
            return {};
        }
        if (used) {
            // Someone holds a copy of a spent token: a thief or the victim,
            // we cannot tell which, so the whole family ends.
            qCWarning(lcAuth) << "refresh token of session" << sessionId << "of account" << accountId
                              << "presented again: session revoked";
            refusal = refreshReused();
            return revokeSessions(m_database, QStringLiteral("id = ?"), { qlonglong(sessionId) },
                                  QStringLiteral("refresh_reused"), now);
        }
        if (expiresAt <= now) {
            refusal = unauthorized(QStringLiteral("The refresh token has expired; sign in again."));
            return {};
        }
        auto spent
            = run(m_database, QStringLiteral("UPDATE server_refresh_token SET used_at = ? WHERE token_hash = ?"),
                  { qlonglong(now), refreshTokenHash(refreshToken) }, QStringLiteral("Spending a refresh token"));
        if (!spent)
            return Error { spent.error() };
        auto touched = run(m_database, QStringLiteral("UPDATE server_session SET last_used_at = ? WHERE id = ?"),
                           { qlonglong(now), qlonglong(sessionId) }, QStringLiteral("Recording a session's use"));
        if (!touched)
            return Error { touched.error() };
        auto issued = issuePair(m_database, m_settings, accountId, sessionId, validAfter, now);
        if (!issued)
            return Error { issued.error() };
        pair = std::move(issued).value();
        return {};
    });
    if (!done)
        return failed(done.error());
    if (refusal)
        return *refusal;
    return pair;
}

Outcome<AccessClaims> AccountService::authenticate(const QByteArray &accessToken) const
{
    const auto claims = verifyAccessToken(m_settings, accessToken, currentMs() / 1000);
    if (!claims)
        return unauthorized(claims.error());
    // Every authenticated request runs this: a statement prepared once per
    // connection (PgStatement), one round trip.
    static const PgStatement sessionState{
        "pt_auth_session", "SELECT s.account_id, s.revoked_at IS NOT NULL, a.tokens_valid_after FROM server_session s "
                           "JOIN server_account a ON a.id = s.account_id WHERE s.id = $1"};
    const auto found = sessionState.execute(m_database, {QByteArray::number(qlonglong(claims->sessionId))},
                                            QStringLiteral("Looking up a session"));
    if (!found)
        return failed(found.error());
    if (found->count() == 0 || found->integer(0, 0) != claims->accountId)
        return unauthorized(QStringLiteral("access token refused: no such session of this account"));
    if (found->boolean(0, 1))
        return unauthorized(QStringLiteral("access token refused: its session has ended"));
    if (claims->issuedAt * 1000 < found->integer(0, 2))
        return unauthorized(QStringLiteral("access token refused: issued before the account's last sign-out "
                                           "everywhere or password change"));
    return *claims;
}

Outcome<Done> AccountService::logout(const AccessClaims &claims) const
{
    auto ended = revokeSessions(m_database, QStringLiteral("id = ? AND account_id = ?"),
                                { qlonglong(claims.sessionId), qlonglong(claims.accountId) }, QStringLiteral("logout"),
                                currentMs());
    if (!ended)
        return failed(ended.error());
    return Done {};
}

Outcome<Done> AccountService::logoutEverywhere(const AccessClaims &claims) const
{
    const std::int64_t now = currentMs();
    auto done = m_database.inTransaction([&]() -> Result<void> {
        auto bumped = run(m_database,
                          QStringLiteral("UPDATE server_account SET tokens_valid_after = ") + NextValidAfter
                              + QStringLiteral(" WHERE id = ?"),
                          { qlonglong(nextWholeSecondAfter(now)), qlonglong(claims.accountId) },
                          QStringLiteral("Refusing the account's access tokens"));
        if (!bumped)
            return Error { bumped.error() };
        return revokeSessions(m_database, QStringLiteral("account_id = ?"), { qlonglong(claims.accountId) },
                              QStringLiteral("logout_all"), now);
    });
    if (!done)
        return failed(done.error());
    qCInfo(lcAuth) << "account" << claims.accountId << "signed out everywhere";
    return Done {};
}

Outcome<TokenPair> AccountService::changePassword(const AccessClaims &claims, const QString &currentPassword,
                                                  const QString &newPassword) const
{
    if (auto policy = checkPasswordPolicy(newPassword); !policy)
        return Refusal { 400, QStringLiteral("weak_password"), policy.error() };
    auto found = run(m_database, QStringLiteral("SELECT password_hash FROM server_account WHERE id = ?"),
                     { qlonglong(claims.accountId) }, QStringLiteral("Reading an account"));
    if (!found)
        return failed(found.error());
    const QString oldHash = found->next() ? found->value(0).toString() : QString();
    found->finish();
    // Slow (argon2id, twice): outside any transaction.
    if (!verifyPassword(currentPassword, oldHash.isEmpty() ? decoyPasswordHash() : oldHash.toLatin1())
        || oldHash.isEmpty())
        return invalidCredentials();
    const auto newHash = hashPassword(newPassword);
    if (!newHash)
        return failed(newHash.error());

    const std::int64_t now = currentMs();
    std::optional<Refusal> refusal;
    TokenPair pair;
    auto done = m_database.inTransaction([&]() -> Result<void> {
        auto session
            = run(m_database,
                  QStringLiteral("SELECT 1 FROM server_session WHERE id = ? AND account_id = ? "
                                 "AND revoked_at IS NULL FOR UPDATE"),
                  { qlonglong(claims.sessionId), qlonglong(claims.accountId) }, QStringLiteral("Checking a session"));
        if (!session)
            return Error { session.error() };
        if (!session->next()) {
            refusal = unauthorized(QStringLiteral("This sign-in has ended; sign in again."));
            return {};
        }
        session->finish();
        // Only if the hash is still the one the current password was checked
        // against: of two changes at once, the second must prove the new password.
        auto updated
            = run(m_database,
                  QStringLiteral("UPDATE server_account SET password_hash = ?, tokens_valid_after = ") + NextValidAfter
                      + QStringLiteral(" WHERE id = ? AND password_hash = ? "
                                       "RETURNING tokens_valid_after"),
                  { QString::fromLatin1(*newHash), qlonglong(nextWholeSecondAfter(now)), qlonglong(claims.accountId),
                    oldHash },
                  QStringLiteral("Changing a password"));
        if (!updated)
            return Error { updated.error() };
        if (!updated->next()) {
            refusal = invalidCredentials();
            return {};
        }
        const std::int64_t validAfter = updated->value(0).toLongLong();
        updated->finish();
        if (auto ended = revokeSessions(m_database, QStringLiteral("account_id = ? AND id <> ?"),
                                        { qlonglong(claims.accountId), qlonglong(claims.sessionId) },
                                        QStringLiteral("password_changed"), now);
            !ended)
            return ended;
        // The caller's session goes on with a fresh pair; its refresh tokens
        // not yet spent stop working (spent ones stay, so their reuse is still
        // caught).
        auto dropped = run(m_database,
                           QStringLiteral("DELETE FROM server_refresh_token WHERE session_id = ? AND used_at IS NULL"),
                           { qlonglong(claims.sessionId) }, QStringLiteral("Dropping refresh tokens"));
        if (!dropped)
            return Error { dropped.error() };
        auto touched
            = run(m_database, QStringLiteral("UPDATE server_session SET last_used_at = ? WHERE id = ?"),
                  { qlonglong(now), qlonglong(claims.sessionId) }, QStringLiteral("Recording a session's use"));
        if (!touched)
            return Error { touched.error() };
        auto issued = issuePair(m_database, m_settings, claims.accountId, claims.sessionId, validAfter, now);
        if (!issued)
            return Error { issued.error() };
        pair = std::move(issued).value();
        return {};
    });
    if (!done)
        return failed(done.error());
    if (refusal)
        return *refusal;
    qCInfo(lcAuth) << "account" << claims.accountId << "changed its password";
    return pair;
}

Outcome<std::vector<SessionInfo>> AccountService::sessions(const AccessClaims &claims) const
{
    auto found = run(m_database,
                     QStringLiteral("SELECT id, device_name, created_at, last_used_at FROM server_session "
                                    "WHERE account_id = ? AND revoked_at IS NULL ORDER BY last_used_at DESC, id"),
                     { qlonglong(claims.accountId) }, QStringLiteral("Listing sessions"));
    if (!found)
        return failed(found.error());
    std::vector<SessionInfo> list;
    while (found->next()) {
        SessionInfo session;
        session.id = found->value(0).toLongLong();
        session.deviceName = found->value(1).toString();
        session.createdAt = found->value(2).toLongLong();
        session.lastUsedAt = found->value(3).toLongLong();
        session.current = session.id == claims.sessionId;
        list.push_back(std::move(session));
    }
    return list;
}

Outcome<Done> AccountService::revokeSession(const AccessClaims &claims, std::int64_t sessionId) const
{
    auto revoked = run(m_database,
                       QStringLiteral("UPDATE server_session SET revoked_at = ?, revoked_reason = 'revoked' "
                                      "WHERE id = ? AND account_id = ? AND revoked_at IS NULL"),
                       { qlonglong(currentMs()), qlonglong(sessionId), qlonglong(claims.accountId) },
                       QStringLiteral("Ending a session"));
    if (!revoked)
        return failed(revoked.error());
    // Another account's session, a missing one and an ended one: the same 404.
    if (revoked->numRowsAffected() != 1)
        return notFound();
    return Done {};
}

Outcome<PurgeCounts> AccountService::purgeExpired(std::int64_t nowMs) const
{
    PurgeCounts counts;
    auto done = m_database.inTransaction([&]() -> Result<void> {
        auto tokens = run(m_database, QStringLiteral("DELETE FROM server_refresh_token WHERE expires_at < ?"),
                          { qlonglong(nowMs) }, QStringLiteral("Deleting expired refresh tokens"));
        if (!tokens)
            return Error { tokens.error() };
        counts.refreshTokens = tokens->numRowsAffected();
        // A login's session and first token are inserted in one transaction,
        // and a live session always keeps its newest token: only dead ones match.
        auto sessions = run(m_database,
                            QStringLiteral("DELETE FROM server_session s WHERE NOT EXISTS "
                                           "(SELECT 1 FROM server_refresh_token t WHERE t.session_id = s.id)"),
                            {}, QStringLiteral("Deleting sessions without refresh tokens"));
        if (!sessions)
            return Error { sessions.error() };
        counts.sessions = sessions->numRowsAffected();
        return {};
    });
    if (!done)
        return failed(done.error());
    return counts;
}

} // namespace pt::server
