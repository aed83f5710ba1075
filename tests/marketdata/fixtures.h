#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTest>

namespace pt::test {

// The path of a recorded provider answer under tests/data/marketdata.
inline QString fixturePath(const QString &relative)
{
    QString root = qEnvironmentVariable("PT_SOURCE_DIR");
    if (root.isEmpty())
        root = QStringLiteral(PT_TEST_SOURCE_DIR);
    return root + QStringLiteral("/tests/data/marketdata/") + relative;
}

// Its bytes; a missing fixture stops the test run, it is a packaging mistake.
inline QByteArray fixture(const QString &relative)
{
    QFile file(fixturePath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

} // namespace pt::test
