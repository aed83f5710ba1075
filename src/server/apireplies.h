#pragma once

#include "httpfrontend.h"
#include "outcome.h"

#include <QJsonObject>

namespace pt::server {

// The answers every route builds: JSON bodies, error bodies
// ({"error", "message"}, sync::encodeErrorReply) and the reading of JSON
// request bodies, with a 400 that names the member that is wrong.

HttpReply jsonReply(int status, const QJsonObject &object);
HttpReply jsonReply(int status, QByteArray body);
HttpReply noContent();
// A refusal's status and error body, with Retry-After on a 429.
HttpReply refusalReply(const Refusal &refusal);

// The body as a JSON object, or a 400.
Outcome<QJsonObject> jsonBody(const QByteArray &body);
// A string member that must be there (it may be empty), or a 400 naming it.
Outcome<QString> stringMember(const QJsonObject &object, const char *name);

} // namespace pt::server
