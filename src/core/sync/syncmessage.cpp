#include "sync/syncmessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace pt::sync {

namespace {

// JSON numbers are doubles: integers beyond 2^53 would silently lose digits.
constexpr double MaxExactInteger = 9007199254740992.0;

Error at(const QString &path, const QString &what)
{
    return Error{path.isEmpty() ? what : QStringLiteral("%1: %2").arg(path, what)};
}

QString member(const QString &path, const char *name)
{
    return path.isEmpty() ? QString::fromLatin1(name) : QStringLiteral("%1.%2").arg(path, QLatin1StringView(name));
}

Result<std::int64_t> integerMember(const QJsonObject &object, const QString &path, const char *name,
                                   std::int64_t minimum, std::int64_t maximum)
{
    const QJsonValue value = object.value(QLatin1StringView(name));
    // Named only when refused: a push reads thousands of members.
    const auto where = [&] { return member(path, name); };
    if (value.isUndefined())
        return at(where(), QStringLiteral("missing"));
    if (!value.isDouble())
        return at(where(), QStringLiteral("not a number"));
    const double number = value.toDouble();
    if (number != static_cast<double>(static_cast<std::int64_t>(number)) || number < -MaxExactInteger
        || number > MaxExactInteger)
        return at(where(), QStringLiteral("not a whole number"));
    const auto integer = static_cast<std::int64_t>(number);
    if (integer < minimum || integer > maximum)
        return at(where(), QStringLiteral("%1 is out of range (%2 to %3)").arg(integer).arg(minimum).arg(maximum));
    return integer;
}

Result<QString> stringMember(const QJsonObject &object, const QString &path, const char *name)
{
    const QJsonValue value = object.value(QLatin1StringView(name));
    const auto where = [&] { return member(path, name); };
    if (value.isUndefined())
        return at(where(), QStringLiteral("missing"));
    if (!value.isString())
        return at(where(), QStringLiteral("not a string"));
    return value.toString();
}

Result<bool> boolMember(const QJsonObject &object, const QString &path, const char *name)
{
    const QJsonValue value = object.value(QLatin1StringView(name));
    const auto where = [&] { return member(path, name); };
    if (value.isUndefined())
        return at(where(), QStringLiteral("missing"));
    if (!value.isBool())
        return at(where(), QStringLiteral("not true or false"));
    return value.toBool();
}

Result<QJsonObject> parseObject(const QByteArray &body, const char *what)
{
    if (body.size() > MaxMessageBytes)
        return Error{QStringLiteral("the %1 is larger than %2 bytes").arg(QLatin1StringView(what)).arg(MaxMessageBytes)};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Error{QStringLiteral("the %1 is not valid JSON (at byte %2: %3)")
                         .arg(QLatin1StringView(what))
                         .arg(error.offset)
                         .arg(error.errorString())};
    if (!document.isObject())
        return Error{QStringLiteral("the %1 is not a JSON object").arg(QLatin1StringView(what))};
    return document.object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject stampToJson(const HlcTimestamp &stamp)
{
    return {{QStringLiteral("wall"), static_cast<double>(stamp.wallMs)},
            {QStringLiteral("counter"), static_cast<double>(stamp.counter)},
            {QStringLiteral("device"), stamp.device}};
}

Result<HlcTimestamp> stampFromJson(const QJsonValue &value, const QString &path)
{
    if (!value.isObject())
        return at(path, QStringLiteral("not an object"));
    const QJsonObject object = value.toObject();
    HlcTimestamp stamp;
    // A wall time from 2001 to 2286: anything else is a broken clock or a broken client.
    auto wall = integerMember(object, path, "wall", 1'000'000'000'000, 9'999'999'999'999);
    if (!wall)
        return Error{wall.error()};
    auto counter = integerMember(object, path, "counter", 0, 0xffffffffLL);
    if (!counter)
        return Error{counter.error()};
    auto device = stringMember(object, path, "device");
    if (!device)
        return Error{device.error()};
    if (!isCanonicalUuid(*device))
        return at(member(path, "device"), QStringLiteral("not a UUID"));
    stamp.wallMs = *wall;
    stamp.counter = static_cast<std::uint32_t>(*counter);
    stamp.device = *device;
    return stamp;
}

Result<SyncChange> readChange(const QJsonValue &value, const QString &path, QByteArray &compactFields);

// `fieldsJson`, if given, receives each change's fields as compact JSON.
Result<std::vector<SyncChange>> changesFromJson(const QJsonObject &object, int limit, bool withSeq,
                                                std::vector<QByteArray> *fieldsJson = nullptr)
{
    const QJsonValue value = object.value(QStringLiteral("changes"));
    if (value.isUndefined())
        return Error{QStringLiteral("changes: missing")};
    if (!value.isArray())
        return Error{QStringLiteral("changes: not an array")};
    const QJsonArray array = value.toArray();
    if (array.size() > limit)
        return Error{QStringLiteral("changes: %1 changes, at most %2 in one message").arg(array.size()).arg(limit)};
    std::vector<SyncChange> changes;
    changes.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("changes[%1]").arg(i);
        QByteArray compactFields;
        auto change = readChange(array.at(i), path, compactFields);
        if (!change)
            return Error{change.error()};
        if (withSeq) {
            auto seq = integerMember(array.at(i).toObject(), path, "seq", 1, std::int64_t(MaxExactInteger));
            if (!seq)
                return Error{seq.error()};
            change->seq = *seq;
        }
        changes.push_back(std::move(*change));
        if (fieldsJson)
            fieldsJson->push_back(std::move(compactFields));
    }
    return changes;
}

} // namespace

QString recordKindName(RecordKind kind)
{
    switch (kind) {
    case RecordKind::Portfolio:
        return QStringLiteral("portfolio");
    case RecordKind::Asset:
        return QStringLiteral("asset");
    case RecordKind::Transaction:
        return QStringLiteral("transaction");
    }
    return {};
}

std::optional<RecordKind> parseRecordKind(QStringView name)
{
    if (name == u"portfolio")
        return RecordKind::Portfolio;
    if (name == u"asset")
        return RecordKind::Asset;
    if (name == u"transaction")
        return RecordKind::Transaction;
    return std::nullopt;
}

bool isCanonicalUuid(QStringView text)
{
    if (text.size() != 36)
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool hyphen = i == 8 || i == 13 || i == 18 || i == 23;
        if (hyphen ? c != u'-' : !((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

QJsonObject changeToJson(const SyncChange &change)
{
    QJsonObject object{{QStringLiteral("kind"), recordKindName(change.kind)},
                       {QStringLiteral("uuid"), change.uuid},
                       {QStringLiteral("hlc"), stampToJson(change.stamp)},
                       {QStringLiteral("deleted"), change.deleted},
                       {QStringLiteral("fields"), change.fields}};
    if (change.seq != 0)
        object.insert(QStringLiteral("seq"), static_cast<double>(change.seq));
    return object;
}

Result<SyncChange> changeFromJson(const QJsonValue &value, const QString &path)
{
    QByteArray compactFields;
    return readChange(value, path, compactFields);
}

namespace {

// changeFromJson, handing out the compact text of the fields its size check wrote.
Result<SyncChange> readChange(const QJsonValue &value, const QString &path, QByteArray &compactFields)
{
    if (!value.isObject())
        return at(path, QStringLiteral("not an object"));
    const QJsonObject object = value.toObject();
    SyncChange change;
    auto kindName = stringMember(object, path, "kind");
    if (!kindName)
        return Error{kindName.error()};
    const auto kind = parseRecordKind(*kindName);
    if (!kind)
        return at(member(path, "kind"),
                  QStringLiteral("'%1' is not portfolio, asset or transaction").arg(kindName->left(40)));
    change.kind = *kind;
    auto uuid = stringMember(object, path, "uuid");
    if (!uuid)
        return Error{uuid.error()};
    if (!isCanonicalUuid(*uuid))
        return at(member(path, "uuid"), QStringLiteral("not a UUID"));
    change.uuid = *uuid;
    auto stamp = stampFromJson(object.value(QStringLiteral("hlc")), member(path, "hlc"));
    if (!stamp)
        return Error{stamp.error()};
    change.stamp = std::move(*stamp);
    auto deleted = boolMember(object, path, "deleted");
    if (!deleted)
        return Error{deleted.error()};
    change.deleted = *deleted;
    const QJsonValue fields = object.value(QStringLiteral("fields"));
    if (!fields.isObject())
        return at(member(path, "fields"), fields.isUndefined() ? QStringLiteral("missing") : QStringLiteral("not an object"));
    change.fields = fields.toObject();
    compactFields = compact(change.fields);
    if (compactFields.size() > MaxFieldsBytes)
        return at(member(path, "fields"), QStringLiteral("larger than %1 bytes").arg(MaxFieldsBytes));
    return change;
}

} // namespace

QByteArray encodePushRequest(const PushRequest &request)
{
    QJsonArray changes;
    for (const SyncChange &change : request.changes)
        changes.append(changeToJson(change));
    return compact({{QStringLiteral("device"), request.deviceId}, {QStringLiteral("changes"), changes}});
}

Result<PushRequest> decodePushRequest(const QByteArray &body)
{
    auto object = parseObject(body, "push");
    if (!object)
        return Error{object.error()};
    PushRequest request;
    auto device = stringMember(*object, {}, "device");
    if (!device)
        return Error{device.error()};
    if (!isCanonicalUuid(*device))
        return Error{QStringLiteral("device: not a UUID")};
    request.deviceId = *device;
    auto changes = changesFromJson(*object, MaxChangesPerPush, false, &request.fieldsJson);
    if (!changes)
        return Error{changes.error()};
    for (std::size_t i = 0; i < changes->size(); ++i) {
        if ((*changes)[i].stamp.device != request.deviceId)
            return Error{QStringLiteral("changes[%1].hlc.device: a device pushes only its own changes").arg(i)};
    }
    request.changes = std::move(*changes);
    return request;
}

QByteArray encodePushReply(const PushReply &reply)
{
    return compact({{QStringLiteral("accepted"), reply.accepted},
                    {QStringLiteral("duplicates"), reply.duplicates},
                    {QStringLiteral("cursor"), static_cast<double>(reply.cursor)}});
}

Result<PushReply> decodePushReply(const QByteArray &body)
{
    auto object = parseObject(body, "push reply");
    if (!object)
        return Error{object.error()};
    PushReply reply;
    auto accepted = integerMember(*object, {}, "accepted", 0, MaxChangesPerPush);
    if (!accepted)
        return Error{accepted.error()};
    auto duplicates = integerMember(*object, {}, "duplicates", 0, MaxChangesPerPush);
    if (!duplicates)
        return Error{duplicates.error()};
    auto cursor = integerMember(*object, {}, "cursor", 0, std::int64_t(MaxExactInteger));
    if (!cursor)
        return Error{cursor.error()};
    reply.accepted = int(*accepted);
    reply.duplicates = int(*duplicates);
    reply.cursor = *cursor;
    return reply;
}

QByteArray encodePullPage(const PullPage &page)
{
    QJsonArray changes;
    for (const SyncChange &change : page.changes)
        changes.append(changeToJson(change));
    return compact({{QStringLiteral("changes"), changes},
                    {QStringLiteral("cursor"), static_cast<double>(page.cursor)},
                    {QStringLiteral("more"), page.more}});
}

Result<PullPage> decodePullPage(const QByteArray &body)
{
    auto object = parseObject(body, "pull reply");
    if (!object)
        return Error{object.error()};
    PullPage page;
    auto changes = changesFromJson(*object, MaxChangesPerPull, true);
    if (!changes)
        return Error{changes.error()};
    auto cursor = integerMember(*object, {}, "cursor", 0, std::int64_t(MaxExactInteger));
    if (!cursor)
        return Error{cursor.error()};
    auto more = boolMember(*object, {}, "more");
    if (!more)
        return Error{more.error()};
    std::int64_t previous = 0;
    for (std::size_t i = 0; i < changes->size(); ++i) {
        const std::int64_t seq = (*changes)[i].seq;
        if (seq <= previous || seq > *cursor)
            return Error{QStringLiteral("changes[%1].seq: %2 is out of order (after %3, cursor %4)")
                             .arg(i)
                             .arg(seq)
                             .arg(previous)
                             .arg(*cursor)};
        previous = seq;
    }
    page.changes = std::move(*changes);
    page.cursor = *cursor;
    page.more = *more;
    return page;
}

QByteArray encodeErrorReply(const ErrorReply &reply)
{
    return compact({{QStringLiteral("error"), reply.code}, {QStringLiteral("message"), reply.message}});
}

std::optional<ErrorReply> decodeErrorReply(const QByteArray &body)
{
    if (body.size() > 64 * 1024)
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    if (!object.value(QStringLiteral("error")).isString())
        return std::nullopt;
    return ErrorReply{object.value(QStringLiteral("error")).toString(),
                      object.value(QStringLiteral("message")).toString()};
}

} // namespace pt::sync
