// Passwords: the policy (length in characters a person counts), and argon2id
// hashes at the promised cost that verify the right password only.
#include "auth/passwordhasher.h"

#include <QRegularExpression>
#include <QTest>

using namespace pt;
using namespace pt::server;

namespace {

// The m= (KiB) and t= (passes) of an encoded argon2id hash; -1 when absent.
std::pair<long long, long long> costOf(const QByteArray &hash)
{
    static const QRegularExpression parameters(QStringLiteral(R"(\$m=(\d+),t=(\d+),p=\d+\$)"));
    const QRegularExpressionMatch match = parameters.match(QString::fromLatin1(hash));
    if (!match.hasMatch())
        return { -1, -1 };
    return { match.captured(1).toLongLong(), match.captured(2).toLongLong() };
}

QString repeated(const QString &piece, int times)
{
    QString text;
    for (int i = 0; i < times; ++i)
        text += piece;
    return text;
}

} // namespace

class TestPasswordHasher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void policy_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("reason");

        QTest::newRow("11 characters") << QStringLiteral("abcdefghijk") << false << QStringLiteral("at least 12");
        QTest::newRow("12 characters") << QStringLiteral("abcdefghijkl") << true << QString();
        QTest::newRow("empty") << QString() << false << QStringLiteral("at least 12");
        QTest::newRow("12 spaces") << QString(12, u' ') << false << QStringLiteral("only spaces");
        QTest::newRow("tabs and newlines")
            << QStringLiteral("\t\n \t\n \t\n \t\n ") << false << QStringLiteral("only spaces");
        QTest::newRow("spaces inside count") << QStringLiteral("correct horse") << true << QString();
        // Characters, not UTF-16 units: 6 emoji are 12 units but 6 characters.
        QTest::newRow("6 emoji") << repeated(QStringLiteral("\U0001F600"), 6) << false << QStringLiteral("at least 12");
        QTest::newRow("12 emoji") << repeated(QStringLiteral("\U0001F600"), 12) << true << QString();
        // "é" typed decomposed (e + combining acute) is one character once composed.
        QTest::newRow("6 decomposed accents")
            << repeated(QStringLiteral("e\u0301"), 6) << false << QStringLiteral("at least 12");
        QTest::newRow("12 accented letters") << repeated(QStringLiteral("\u00e9"), 12) << true << QString();
        QTest::newRow("cyrillic 11") << QStringLiteral("\u043f\u0430\u0440\u043e\u043b\u044c-\u043f\u0430\u0440\u043e")
                                     << false << QStringLiteral("at least 12");
        QTest::newRow("cyrillic 13") << QStringLiteral(
            "\u043f\u0430\u0440\u043e\u043b\u044c-\u043f\u0430\u0440\u043e\u043b\u044c")
                                     << true << QString();
        QTest::newRow("1024 characters") << QString(1024, u'x') << true << QString();
        QTest::newRow("1025 characters") << QString(1025, u'x') << false << QStringLiteral("at most 1024");
        QTest::newRow("lone surrogate") << QString(11, u'a') + QChar(0xD800) << false
                                        << QStringLiteral("not valid Unicode");
    }

    void policy()
    {
        QFETCH(QString, password);
        QFETCH(bool, accepted);
        QFETCH(QString, reason);
        const auto checked = checkPasswordPolicy(password);
        QCOMPARE(checked.ok(), accepted);
        if (!accepted)
            QVERIFY2(checked.error().contains(reason), qPrintable(checked.error()));
    }

    void hashIsArgon2idAtThePromisedCost()
    {
        const auto hash = hashPassword(QStringLiteral("correct horse battery"));
        QVERIFY2(hash, qPrintable(hash.ok() ? QString() : hash.error()));
        QVERIFY2(hash->startsWith("$argon2id$v=19$"), hash->constData());
        const auto [memoryKiB, passes] = costOf(*hash);
        QVERIFY2(memoryKiB >= 19 * 1024, hash->constData()); // 19 MiB
        QVERIFY2(passes >= 2, hash->constData());
        QVERIFY(!hash->contains("correct horse"));
    }

    void verifiesOnlyTheRightPassword()
    {
        const QString password = QStringLiteral("correct horse battery");
        const auto hash = hashPassword(password);
        QVERIFY(hash);
        QVERIFY(verifyPassword(password, *hash));
        QVERIFY(!verifyPassword(QStringLiteral("correct horse batterY"), *hash));
        QVERIFY(!verifyPassword(QStringLiteral("correct horse battery "), *hash));
        QVERIFY(!verifyPassword(QString(), *hash));
        QVERIFY(!verifyPassword(password, QByteArray()));
        QVERIFY(!verifyPassword(password, QByteArray("$argon2id$v=19$m=19456,t=2,p=1$garbage")));
    }

    void composedAndDecomposedMatch()
    {
        // The same password typed on two systems, once composed, once not.
        const auto hash = hashPassword(QStringLiteral("caf\u00e9 au lait \u00e9t\u00e9"));
        QVERIFY(hash);
        QVERIFY(verifyPassword(QStringLiteral("cafe\u0301 au lait e\u0301te\u0301"), *hash));
    }

    void saltMakesEveryHashDifferent()
    {
        const QString password = QStringLiteral("the same password");
        const auto first = hashPassword(password);
        const auto second = hashPassword(password);
        QVERIFY(first && second);
        QVERIFY(*first != *second);
        QVERIFY(verifyPassword(password, *first));
        QVERIFY(verifyPassword(password, *second));
    }

    void decoyHashCostsTheSame()
    {
        const QByteArray &decoy = decoyPasswordHash();
        QVERIFY(decoy.startsWith("$argon2id$"));
        const auto [memoryKiB, passes] = costOf(decoy);
        QVERIFY(memoryKiB >= 19 * 1024);
        QVERIFY(passes >= 2);
        QCOMPARE(&decoyPasswordHash(), &decoy); // made once
        QVERIFY(!verifyPassword(QStringLiteral("any password at all"), decoy));
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
