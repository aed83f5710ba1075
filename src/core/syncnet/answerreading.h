#pragma once

#include "result.h"
#include "syncnet/serverconnection.h"

#include <QJsonObject>
#include <QString>

// Reading portfolio-server's answers, shared by the account client and the
// sync transport (internal to pt_syncnet).
namespace pt::syncnet::detail {

// The body of a success answer as a JSON object; `what` names the request in
// the error ("the answer to login is not valid JSON (at byte 3: …)").
Result<QJsonObject> jsonObject(const HttpAnswer &answer, const QString &what);

// A refusal or failure the caller has no better words for: 429 with when to
// try again, 5xx as the server's failure, redirects with their target, any
// other status with the server's "code: message". `what` is the request
// ("push", "login").
QString describeRefusal(const HttpAnswer &answer, const QString &what);

// "try again in 42 seconds" / "try again later".
QString tryAgain(const HttpAnswer &answer);

// What every 401 of an authenticated route or a refresh comes to.
QString signInAgain(const QString &server);

} // namespace pt::syncnet::detail
