#pragma once

#include "money/decimal.h"
#include "store/database.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace pt::test {

// A fresh SQLite store in a temporary folder that disappears with the object.
struct TemporaryStore
{
    QTemporaryDir folder;
    std::shared_ptr<store::Database> database;

    explicit TemporaryStore(const QString &fileName = QStringLiteral("store.sqlite"))
    {
        auto opened = store::Database::openSqlite(path(fileName));
        if (!opened)
            qFatal("cannot open the test store: %s", qPrintable(opened.error()));
        database = std::move(opened).value();
    }
    QString path(const QString &fileName = QStringLiteral("store.sqlite")) const
    {
        return folder.filePath(fileName);
    }
    const store::Database &db() const { return *database; }
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
