#include "secrets/keychain.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <optional>
#include <utility>

namespace pt::secrets {

// Debug and info off unless asked for (QT_LOGGING_RULES="pt.secrets.debug=true"):
// portfolio-cli prints what the category says on its standard error.
Q_LOGGING_CATEGORY(lcSecrets, "pt.secrets", QtWarningMsg)

namespace {

KeychainResult fromJob(const QKeychain::Job &job)
{
    KeychainResult result;
    switch (job.error()) {
    case QKeychain::NoError:
        result.status = KeychainResult::Status::Ok;
        return result;
    case QKeychain::EntryNotFound:
        result.status = KeychainResult::Status::NotFound;
        break;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
    case QKeychain::CouldNotDeleteEntry:
        result.status = KeychainResult::Status::Denied;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // libsecret reports a missing D-Bus session or secret service as an
        // "other" error: on Linux it is what an absent keychain looks like.
        result.status = KeychainResult::Status::Unavailable;
        break;
    }
    result.reason = job.errorString().trimmed();
    if (result.reason.isEmpty())
        result.reason = QStringLiteral("QtKeychain error %1").arg(int(job.error()));
    return result;
}

QString statusName(KeychainResult::Status status)
{
    switch (status) {
    case KeychainResult::Status::Ok:
        return QStringLiteral("ok");
    case KeychainResult::Status::NotFound:
        return QStringLiteral("not found");
    case KeychainResult::Status::Denied:
        return QStringLiteral("denied");
    case KeychainResult::Status::Unavailable:
        return QStringLiteral("unavailable");
    }
    return {};
}

// One job's answer, handed to the caller once: when the job finishes, or as
// Unavailable when it has not within the timeout. A child of the caller's
// context object, so a caller that is gone gets nothing (the job itself is
// never deleted while it runs: QtKeychain's backends call back into it).
class PendingAnswer final : public QObject
{
    Q_DISABLE_COPY_MOVE(PendingAnswer)

public:
    PendingAnswer(QObject *context, Keychain::Callback done, QString description)
        : QObject(context), m_done(std::move(done)), m_description(std::move(description))
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            KeychainResult result;
            result.status = KeychainResult::Status::Unavailable;
            result.reason = QStringLiteral("the keychain did not answer within %1 seconds")
                                .arg(double(m_timer.interval()) / 1000.0);
            deliver(result);
        });
    }

    // `notFoundIsOk`: for a removal, where nothing to remove is success.
    void watch(QKeychain::Job *job, std::chrono::milliseconds timeout, bool notFoundIsOk)
    {
        connect(job, &QKeychain::Job::finished, this, [this, notFoundIsOk](QKeychain::Job *finished) {
            KeychainResult result = fromJob(*finished);
            if (notFoundIsOk && result.notFound())
                result = KeychainResult{};
            if (result.ok()) {
                if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
                    result.secret = read->textData();
            }
            deliver(result);
        });
        m_timer.start(timeout);
    }

    void deliver(const KeychainResult &result)
    {
        if (!m_done)
            return;
        m_timer.stop();
        qCDebug(lcSecrets).noquote() << m_description << "->" << statusName(result.status) << result.reason;
        const Keychain::Callback done = std::exchange(m_done, {});
        deleteLater();
        done(result);
    }

private:
    Keychain::Callback m_done;
    QString m_description;
    QTimer m_timer;
};

bool onApplicationThread()
{
    const QCoreApplication *application = QCoreApplication::instance();
    return application && QThread::currentThread() == application->thread();
}

} // namespace

QString KeychainResult::message() const
{
    switch (status) {
    case Status::Ok:
        return QStringLiteral("found");
    case Status::NotFound:
        return QStringLiteral("not found");
    case Status::Denied:
        return QStringLiteral("the keychain refused access: %1").arg(reason);
    case Status::Unavailable:
        return QStringLiteral("no keychain available: %1").arg(reason);
    }
    return {};
}

QString Keychain::defaultService()
{
    return QStringLiteral("Portfolio Tracker");
}

Keychain::Keychain(QString service) : m_service(std::move(service)) {}

void Keychain::read(const QString &key, QObject *context, Callback done) const
{
    start(Operation::Read, key, {}, context, std::move(done));
}

void Keychain::write(const QString &key, const QString &secret, QObject *context, Callback done) const
{
    start(Operation::Write, key, secret, context, std::move(done));
}

void Keychain::remove(const QString &key, QObject *context, Callback done) const
{
    start(Operation::Remove, key, {}, context, std::move(done));
}

void Keychain::start(Operation operation, const QString &key, const QString &secret, QObject *context,
                     Callback done) const
{
    Q_ASSERT(context);
    const QString verb = operation == Operation::Read    ? QStringLiteral("read")
                         : operation == Operation::Write ? QStringLiteral("write")
                                                         : QStringLiteral("remove");
    const QString description = QStringLiteral("keychain %1 of '%2'").arg(verb, key);
    auto *answer = new PendingAnswer(context, std::move(done), description);
    if (!onApplicationThread()) {
        // QtKeychain's job queue is one object on one thread; a job started
        // elsewhere could wait forever. A programming error, reported as such.
        qCWarning(lcSecrets, "the keychain was used off the application's thread");
        KeychainResult result;
        result.status = KeychainResult::Status::Unavailable;
        result.reason = QStringLiteral("the keychain can only be used on the application's main thread");
        QTimer::singleShot(0, answer, [answer, result] { answer->deliver(result); });
        return;
    }

    QKeychain::Job *job = nullptr;
    switch (operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(secret);
        job = write;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    // Parentless and self-deleting: a job must outlive a caller that gives up
    // on it, as the backend still calls back into it.
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never QtKeychain's plaintext QSettings
    job->setKey(key);
    qCDebug(lcSecrets).noquote() << description << "started";
    answer->watch(job, m_timeout, operation == Operation::Remove);
    job->start();
}

KeychainResult Keychain::wait(Operation operation, const QString &key, const QString &secret) const
{
    QEventLoop loop;
    std::optional<KeychainResult> answer;
    start(operation, key, secret, &loop, [&answer, &loop](const KeychainResult &result) {
        answer = result;
        loop.quit();
    });
    if (!answer)
        loop.exec();
    return answer.value_or(KeychainResult{KeychainResult::Status::Unavailable, {}, QStringLiteral("no answer")});
}

KeychainResult Keychain::readNow(const QString &key) const
{
    return wait(Operation::Read, key, {});
}

KeychainResult Keychain::writeNow(const QString &key, const QString &secret) const
{
    return wait(Operation::Write, key, secret);
}

KeychainResult Keychain::removeNow(const QString &key) const
{
    return wait(Operation::Remove, key, {});
}

QString redacted(QString text, const QString &secret)
{
    if (secret.size() >= 3)
        text.replace(secret, QStringLiteral("*****"));
    return text;
}

} // namespace pt::secrets
