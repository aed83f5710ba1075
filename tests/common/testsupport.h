#pragma once

#include "money/decimal.h"
#include "postgresstore.h"
#include "store/database.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace pt::test {

// A fresh store that disappears with the object: an SQLite file in a temporary
// folder, or, when the run tests PostgreSQL (see postgresstore.h), a database
// of its own on the test server, dropped in the destructor.
struct TemporaryStore
{
    QTemporaryDir folder;
    std::shared_ptr<store::Database> database;
    QString postgresDatabase; // PostgreSQL runs: the database made for this store

    explicit TemporaryStore(const QString &fileName = QStringLiteral("store.sqlite"))
    {
        if (testingPostgres()) {
            auto made = createPostgresTestDatabase();
            if (!made)
                qFatal("cannot make the test database: %s", qPrintable(made.error()));
            postgresDatabase = made->database;
            m_location = store::StoreLocation::postgresql(*made);
        } else {
            m_location = store::StoreLocation::sqlite(path(fileName));
        }
        auto opened = store::Database::open(m_location);
        if (!opened)
            qFatal("cannot open the test store: %s", qPrintable(opened.error()));
        database = std::move(opened).value();
    }
    ~TemporaryStore()
    {
        if (postgresDatabase.isEmpty())
            return;
        database.reset(); // its connections first; FORCE ends those of other threads
        if (auto dropped = dropPostgresTestDatabase(postgresDatabase); !dropped)
            qWarning("%s", qPrintable(dropped.error()));
    }
    TemporaryStore(const TemporaryStore &) = delete;
    TemporaryStore &operator=(const TemporaryStore &) = delete;

    // A file in the temporary folder (the SQLite store's by default; on
    // PostgreSQL runs the folder is there all the same, for other files).
    QString path(const QString &fileName = QStringLiteral("store.sqlite")) const
    {
        return folder.filePath(fileName);
    }
    const store::Database &db() const { return *database; }
    // Where the store is: the SQLite file or the PostgreSQL database.
    const store::StoreLocation &location() const { return m_location; }
    // The same store opened a second time, as another process or a restart would.
    Result<std::shared_ptr<store::Database>> reopen() const { return store::Database::open(m_location); }

private:
    store::StoreLocation m_location;
};

// SHA-256 of a file's bytes (empty when it cannot be read): what "the store is
// byte for byte unchanged" compares.
inline QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

inline Decimal dec(const char *text)
{
    const auto parsed = Decimal::parse(QString::fromLatin1(text));
    if (!parsed)
        qFatal("bad decimal literal in test: %s", text);
    return *parsed;
}

} // namespace pt::test

// Verifies a pt::Result succeeded, printing its error when it did not.
#define PT_VERIFY_OK(expression)                                                                   \
    do {                                                                                           \
        const auto &pt_result_ = (expression);                                                     \
        QVERIFY2(pt_result_.ok(), qPrintable(pt_result_.ok() ? QString() : pt_result_.error()));   \
    } while (false)
