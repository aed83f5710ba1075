// SyncLog on a real PostgreSQL server: what a push stores, what a pull
// returns, and that accounts never see each other's changes.

#include "postgresstore.h"
#include "store/database.h"
#include "databasecheck.h"
#include "synclog.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <memory>
#include <set>
#include <thread>
#include <vector>

using namespace pt;
using namespace pt::server;

namespace {

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

sync::SyncChange makeChange(const QString &uuid, std::int64_t wall, std::uint32_t counter, const QString &device,
                            const QString &name, bool deleted = false,
                            sync::RecordKind kind = sync::RecordKind::Portfolio)
{
    sync::SyncChange change;
    change.kind = kind;
    change.uuid = uuid;
    change.stamp = {wall, counter, device};
    change.deleted = deleted;
    change.fields = {{QStringLiteral("name"), name}, {QStringLiteral("amount"), QStringLiteral("12.50")}};
    return change;
}

sync::PushRequest makePush(const QString &device, std::vector<sync::SyncChange> changes)
{
    return {device, std::move(changes), {}};
}

std::int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

class TestSyncLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void retriedPushAddsNothing();
    void clockAheadRefusesWholePush();
    void pullPagesByCursor();
    void pullRefusesBadArguments();
    void pullPageIsTheEncodersFormat();
    void statementsSurviveLostPreparation();
    void accountsNeverSeeEachOther();
    void recordIsLastWriterByStamp();
    void concurrentPushesNeverSkipAPull();

private:
    std::int64_t makeAccount();
    std::vector<sync::SyncChange> pullAll(std::int64_t account, std::int64_t after = 0);

    QString m_databaseName;
    std::shared_ptr<store::Database> m_database;
    std::unique_ptr<SyncLog> m_log;
    int m_accounts = 0;
};

void TestSyncLog::initTestCase()
{
    auto location = test::createPostgresTestDatabase();
    QVERIFY2(location, qPrintable(location ? QString() : location.error()));
    m_databaseName = location->database;
    auto opened = store::Database::openPostgres(*location, {}, store::Schema::SyncServer);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    m_database = std::move(opened).value();
    m_log = std::make_unique<SyncLog>(*m_database);
}

void TestSyncLog::cleanupTestCase()
{
    m_log.reset();
    m_database.reset();
    if (!m_databaseName.isEmpty())
        QVERIFY(test::dropPostgresTestDatabase(m_databaseName));
}

std::int64_t TestSyncLog::makeAccount()
{
    const QString email = QStringLiteral("user%1@example.org").arg(++m_accounts);
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT INTO server_account (email, email_key, password_hash, created_at) "
                                 "VALUES (?, ?, 'x', 0) RETURNING id"));
    query.addBindValue(email);
    query.addBindValue(email);
    if (!query.exec() || !query.next())
        qFatal("cannot make an account: %s", qPrintable(query.lastError().text()));
    return query.value(0).toLongLong();
}

std::vector<sync::SyncChange> TestSyncLog::pullAll(std::int64_t account, std::int64_t after)
{
    std::vector<sync::SyncChange> all;
    for (;;) {
        const auto page = m_log->pull(account, after, sync::MaxChangesPerPull);
        if (!page)
            qFatal("pull failed: %s", qPrintable(page.refusal().message));
        all.insert(all.end(), page->changes.begin(), page->changes.end());
        after = page->cursor;
        if (!page->more)
            return all;
    }
}

void TestSyncLog::retriedPushAddsNothing()
{
    const std::int64_t account = makeAccount();
    const QString device = newUuid();
    const std::int64_t wall = nowMs() - 60'000;
    const auto request = makePush(device, {makeChange(newUuid(), wall, 0, device, QStringLiteral("a")),
                                           makeChange(newUuid(), wall, 1, device, QStringLiteral("b")),
                                           makeChange(newUuid(), wall + 5, 0, device, QStringLiteral("c"))});

    const auto first = m_log->push(account, request, nowMs());
    QVERIFY2(first, qPrintable(first ? QString() : first.refusal().message));
    QCOMPARE(first->accepted, 3);
    QCOMPARE(first->duplicates, 0);
    QVERIFY(first->cursor > 0);

    // The reply was lost; the device sends the same batch again.
    const auto retried = m_log->push(account, request, nowMs());
    QVERIFY(retried);
    QCOMPARE(retried->accepted, 0);
    QCOMPARE(retried->duplicates, 3);
    QCOMPARE(retried->cursor, first->cursor);

    const auto pulled = pullAll(account);
    QCOMPARE(pulled.size(), std::size_t(3));
    for (std::size_t i = 0; i < pulled.size(); ++i) {
        auto expected = request.changes[i];
        expected.seq = pulled[i].seq;
        QCOMPARE(pulled[i], expected); // fields come back as the object that went in
    }
    QCOMPARE(pulled.back().seq, first->cursor);

    // The same stamp twice in one push is one change.
    const auto doubled = m_log->push(account, makePush(device, {request.changes[0], request.changes[0]}), nowMs());
    QVERIFY(doubled);
    QCOMPARE(doubled->accepted, 0);
    QCOMPARE(doubled->duplicates, 2);
}

void TestSyncLog::clockAheadRefusesWholePush()
{
    const std::int64_t account = makeAccount();
    const QString device = newUuid();
    const std::int64_t now = nowMs();
    const auto request = makePush(
        device, {makeChange(newUuid(), now - 1000, 0, device, QStringLiteral("fine")),
                 makeChange(newUuid(), now + 10 * 60'000, 0, device, QStringLiteral("from the future"))});

    const auto refused = m_log->push(account, request, now);
    QVERIFY(!refused);
    QCOMPARE(refused.refusal().status, 422);
    QCOMPARE(refused.refusal().code, QStringLiteral("clock_ahead"));
    const QString message = refused.refusal().message;
    QVERIFY2(message.contains(QStringLiteral("change 1")), qPrintable(message));
    QVERIFY2(message.contains(QString::number(now + 10 * 60'000)), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("600 seconds ahead")), qPrintable(message));

    // Nothing of it was stored, not even the change that was fine.
    QVERIFY(pullAll(account).empty());
    const auto records = m_log->records(account);
    QVERIFY(records);
    QVERIFY(records->empty());

    // Exactly at the limit is still accepted.
    const auto atLimit = m_log->push(
        account, makePush(device, {makeChange(newUuid(), now + SyncLog::MaxClockAheadMs, 0, device, QStringLiteral("edge"))}),
        now);
    QVERIFY(atLimit);
    QCOMPARE(atLimit->accepted, 1);
}

void TestSyncLog::pullPagesByCursor()
{
    const std::int64_t account = makeAccount();
    const QString device = newUuid();
    const std::int64_t wall = nowMs() - 3'600'000;
    std::vector<sync::SyncChange> changes;
    for (int i = 0; i < 25; ++i)
        changes.push_back(makeChange(newUuid(), wall + i, 0, device, QStringLiteral("n%1").arg(i)));
    const auto pushed = m_log->push(account, makePush(device, changes), nowMs());
    QVERIFY(pushed);
    QCOMPARE(pushed->accepted, 25);

    std::int64_t after = 0;
    std::vector<sync::SyncChange> seen;
    const int expectedSizes[] = {10, 10, 5};
    for (int pageIndex = 0; pageIndex < 3; ++pageIndex) {
        const auto page = m_log->pull(account, after, 10);
        QVERIFY(page);
        QCOMPARE(int(page->changes.size()), expectedSizes[pageIndex]);
        QCOMPARE(page->more, pageIndex < 2);
        QCOMPARE(page->cursor, page->changes.back().seq);
        for (const auto &change : page->changes)
            QVERIFY(change.seq > after);
        seen.insert(seen.end(), page->changes.begin(), page->changes.end());
        after = page->cursor;
    }
    QCOMPARE(after, pushed->cursor);
    // In log order, which is the push's order.
    for (std::size_t i = 0; i < seen.size(); ++i) {
        QCOMPARE(seen[i].uuid, changes[i].uuid);
        if (i > 0)
            QVERIFY(seen[i].seq > seen[i - 1].seq);
    }

    // At the end: nothing, and the cursor stays where it was.
    const auto end = m_log->pull(account, after, 10);
    QVERIFY(end);
    QVERIFY(end->changes.empty());
    QVERIFY(!end->more);
    QCOMPARE(end->cursor, after);

    // A page exactly as long as what is left says there is no more.
    const auto exact = m_log->pull(account, seen[19].seq, 5);
    QVERIFY(exact);
    QCOMPARE(exact->changes.size(), std::size_t(5));
    QVERIFY(!exact->more);
}

void TestSyncLog::pullRefusesBadArguments()
{
    const std::int64_t account = makeAccount();
    for (const auto &[after, limit] : {std::pair<std::int64_t, int>{0, 0}, {0, sync::MaxChangesPerPull + 1}, {-1, 10}}) {
        const auto page = m_log->pull(account, after, limit);
        QVERIFY(!page);
        QCOMPARE(page.refusal().status, 400);
    }
}

void TestSyncLog::pullPageIsTheEncodersFormat()
{
    // A pull page is written by hand with each change's stored fields spliced
    // in: it must be byte for byte what the client's own encoder writes for
    // the same changes, whatever text the fields hold.
    const std::int64_t account = makeAccount();
    const QString device = newUuid();
    const std::int64_t wall = nowMs() - 1000;
    auto tricky = makeChange(newUuid(), wall, 0, device,
                             QStringLiteral("quote \" backslash \\ newline \n tab \t bell \x07 \u00e9 \u20ac \U0001F600 </script>"));
    tricky.fields.insert(QStringLiteral("note"), QStringLiteral("{\"looks\":\"like JSON\"}"));
    tricky.fields.insert(QStringLiteral("quantity"), 12.5);
    const auto gone = makeChange(newUuid(), wall, 1, device, QStringLiteral("gone"), true, sync::RecordKind::Transaction);
    // Through the wire format, as the server receives it (with each change's fields text).
    const auto request = sync::decodePushRequest(sync::encodePushRequest(makePush(device, {tricky, gone})));
    QVERIFY2(request, qPrintable(request ? QString() : request.error()));
    QCOMPARE(request->fieldsJson.size(), std::size_t(2));
    const auto pushed = m_log->push(account, *request, nowMs());
    QVERIFY(pushed);

    for (const int limit : {1, 2, 5}) {
        const auto encoded = m_log->pullEncoded(account, 0, limit);
        QVERIFY(encoded);
        const auto page = sync::decodePullPage(encoded->json);
        QVERIFY2(page, qPrintable(page ? QString() : page.error()));
        QCOMPARE(encoded->json, sync::encodePullPage(*page));
        QCOMPARE(encoded->changeCount, int(page->changes.size()));
        QCOMPARE(page->more, limit < 2);
    }
    const auto page = m_log->pull(account, 0, 10);
    QVERIFY(page);
    QCOMPARE(page->changes.size(), std::size_t(2));
    QCOMPARE(page->changes[0].fields, tricky.fields);
    QCOMPARE(page->changes[1].deleted, true);
    QCOMPARE(page->changes[1].kind, sync::RecordKind::Transaction);

    // Past the end: no changes, the cursor given back.
    const auto empty = m_log->pullEncoded(account, pushed->cursor, 10);
    QVERIFY(empty);
    QCOMPARE(empty->changeCount, 0);
    QCOMPARE(empty->json, sync::encodePullPage(sync::PullPage{{}, pushed->cursor, false}));
}

void TestSyncLog::statementsSurviveLostPreparation()
{
    // The hot statements are prepared once per connection. When the connection
    // breaks and the server opens it again (databaseAnswers, after a failed
    // request), they are prepared on the new one.
    const std::int64_t account = makeAccount();
    const QString device = newUuid();
    QVERIFY(m_log->pull(account, 0, 10));
    QVERIFY(m_log->push(account, makePush(device, {makeChange(newUuid(), nowMs() - 10, 0, device, QStringLiteral("a"))}),
                        nowMs()));
    QSqlQuery(m_database->connection()).exec(QStringLiteral("SELECT pg_terminate_backend(pg_backend_pid())"));
    QVERIFY(databaseAnswers(*m_database));
    const auto pushed = m_log->push(
        account, makePush(device, {makeChange(newUuid(), nowMs() - 5, 0, device, QStringLiteral("b"))}), nowMs());
    QVERIFY2(pushed, "push after the connection was opened again");
    QCOMPARE(pushed->accepted, 1);

    QVERIFY(m_log->pull(account, 0, 10));

    // Statements lost on a live connection (DEALLOCATE ALL; a pooler in
    // transaction mode) are read back and prepared again: at once for a
    // statement outside a transaction, so a pull and then a push just work…
    QSqlQuery query(m_database->connection());
    QVERIFY2(query.exec(QStringLiteral("DEALLOCATE ALL")), qPrintable(query.lastError().text()));
    const auto page = m_log->pull(account, 0, 10);
    QVERIFY2(page, "pull after DEALLOCATE ALL");
    QCOMPARE(page->changes.size(), std::size_t(2));
    QVERIFY(m_log->push(account, makePush(device, {makeChange(newUuid(), nowMs() - 4, 0, device, QStringLiteral("c"))}),
                        nowMs()));

    // …while a push that meets it inside its transaction fails (whole: nothing
    // stored), and the next one is right.
    QVERIFY(query.exec(QStringLiteral("DEALLOCATE ALL")));
    const QString lost = newUuid();
    const auto refused = m_log->push(account, makePush(device, {makeChange(lost, nowMs() - 3, 0, device, QStringLiteral("d"))}),
                                     nowMs());
    QVERIFY(!refused);
    QCOMPARE(refused.refusal().status, 500);
    const auto retried = m_log->push(account, makePush(device, {makeChange(lost, nowMs() - 3, 0, device, QStringLiteral("d"))}),
                                     nowMs());
    QVERIFY2(retried, "the push after the failed one");
    QCOMPARE(retried->accepted, 1);
    QCOMPARE(pullAll(account).size(), std::size_t(4));
}

void TestSyncLog::accountsNeverSeeEachOther()
{
    const std::int64_t alice = makeAccount();
    const std::int64_t bob = makeAccount();
    const QString device = newUuid(); // even the same device id, signed in to both
    const std::int64_t wall = nowMs() - 10'000;
    const QString aliceRecord = newUuid();
    const QString bobRecord = newUuid();

    // The same stamp in both accounts: each log has its own.
    const auto alicePush = m_log->push(alice, makePush(device, {makeChange(aliceRecord, wall, 0, device, QStringLiteral("alice"))}), nowMs());
    const auto bobPush = m_log->push(bob, makePush(device, {makeChange(bobRecord, wall, 0, device, QStringLiteral("bob"))}), nowMs());
    QVERIFY(alicePush && bobPush);
    QCOMPARE(alicePush->accepted, 1);
    QCOMPARE(bobPush->accepted, 1);

    const auto alicePulled = pullAll(alice);
    QCOMPARE(alicePulled.size(), std::size_t(1));
    QCOMPARE(alicePulled[0].uuid, aliceRecord);
    const auto bobPulled = pullAll(bob);
    QCOMPARE(bobPulled.size(), std::size_t(1));
    QCOMPARE(bobPulled[0].uuid, bobRecord);
    // Even from before alice's position: bob's pull never returns her change.
    for (const auto &change : pullAll(bob, alicePulled[0].seq - 1))
        QCOMPARE(change.uuid, bobRecord);

    // Another account's record answers exactly like a missing one.
    const auto stolen = m_log->record(bob, sync::RecordKind::Portfolio, aliceRecord);
    const auto missing = m_log->record(bob, sync::RecordKind::Portfolio, newUuid());
    QVERIFY(!stolen && !missing);
    QCOMPARE(stolen.refusal().status, 404);
    QCOMPARE(stolen.refusal().code, missing.refusal().code);
    QCOMPARE(stolen.refusal().message, missing.refusal().message);
    QVERIFY(m_log->record(alice, sync::RecordKind::Portfolio, aliceRecord));

    const auto bobRecords = m_log->records(bob);
    QVERIFY(bobRecords);
    QCOMPARE(bobRecords->size(), std::size_t(1));
    QCOMPARE(bobRecords->front().uuid, bobRecord);
}

void TestSyncLog::recordIsLastWriterByStamp()
{
    const std::int64_t account = makeAccount();
    const QString low = QStringLiteral("00000000-0000-4000-8000-000000000001");
    const QString high = QStringLiteral("ffffffff-0000-4000-8000-000000000001");
    const QString record = newUuid();
    const std::int64_t wall = nowMs() - 100'000;
    auto state = [&] {
        const auto found = m_log->record(account, sync::RecordKind::Asset, record);
        if (!found)
            qFatal("record missing: %s", qPrintable(found.refusal().message));
        return *found;
    };
    auto push = [&](const QString &device, std::vector<sync::SyncChange> changes) {
        const auto pushed = m_log->push(account, makePush(device, std::move(changes)), nowMs());
        if (!pushed)
            qFatal("push failed: %s", qPrintable(pushed.refusal().message));
    };
    const auto asset = sync::RecordKind::Asset;

    // Within one push, the newest stamp wins whatever the order.
    push(low, {makeChange(record, wall + 20, 0, low, QStringLiteral("newest"), false, asset),
               makeChange(record, wall + 10, 0, low, QStringLiteral("older"), false, asset)});
    QCOMPARE(state().fields.value(QStringLiteral("name")).toString(), QStringLiteral("newest"));
    QCOMPARE(state().stamp.wallMs, wall + 20);

    // An older change arriving later loses.
    push(high, {makeChange(record, wall + 15, 7, high, QStringLiteral("late but old"), false, asset)});
    QCOMPARE(state().fields.value(QStringLiteral("name")).toString(), QStringLiteral("newest"));

    // The counter orders changes of the same millisecond.
    push(low, {makeChange(record, wall + 20, 1, low, QStringLiteral("counter 1"), false, asset)});
    QCOMPARE(state().fields.value(QStringLiteral("name")).toString(), QStringLiteral("counter 1"));

    // Same wall time and counter: the greater device wins, from either side.
    push(high, {makeChange(record, wall + 20, 1, high, QStringLiteral("high device"), false, asset)});
    QCOMPARE(state().stamp.device, high);
    push(low, {makeChange(record, wall + 20, 1, QStringLiteral("00000000-0000-4000-8000-000000000002"),
                          QStringLiteral("low device"), false, asset)});
    QCOMPARE(state().stamp.device, high);

    // A newer delete wins over every older edit, and the state says deleted.
    push(low, {makeChange(record, wall + 30, 0, low, QStringLiteral("gone"), true, asset)});
    QVERIFY(state().deleted);
    push(high, {makeChange(record, wall + 25, 0, high, QStringLiteral("edit after delete, older"), false, asset)});
    QVERIFY(state().deleted);
    QCOMPARE(state().stamp.wallMs, wall + 30);

    // The state's seq is its change's position in the log.
    const auto log = pullAll(account);
    const auto winner = state();
    bool found = false;
    for (const auto &change : log)
        found = found || (change.seq == winner.seq && change == winner);
    QVERIFY(found);
    // Another kind with the same UUID is another record.
    QVERIFY(!m_log->record(account, sync::RecordKind::Transaction, record));
}

void TestSyncLog::concurrentPushesNeverSkipAPull()
{
    const std::int64_t account = makeAccount();
    constexpr int Pushers = 20;
    constexpr int ChangesEach = 5;
    const std::int64_t wall = nowMs() - 1000;

    // A puller follows the log by cursor while the pushes run: if a position
    // could commit after a later one was already visible, it would step over it.
    std::atomic<bool> pushing{true};
    std::vector<sync::SyncChange> followed;
    std::atomic<int> pullFailures{0};
    std::thread puller([&] {
        std::int64_t after = 0;
        auto follow = [&] {
            for (;;) {
                const auto page = m_log->pull(account, after, 7);
                if (!page) {
                    ++pullFailures;
                    return;
                }
                followed.insert(followed.end(), page->changes.begin(), page->changes.end());
                after = page->cursor;
                if (!page->more)
                    return;
            }
        };
        while (pushing.load())
            follow();
        follow();
    });

    std::atomic<int> pushFailures{0};
    std::vector<std::thread> pushers;
    for (int p = 0; p < Pushers; ++p) {
        pushers.emplace_back([&, p] {
            const QString device = newUuid();
            std::vector<sync::SyncChange> changes;
            for (int i = 0; i < ChangesEach; ++i)
                changes.push_back(makeChange(newUuid(), wall + i, std::uint32_t(p), device, QStringLiteral("p%1").arg(p)));
            if (!m_log->push(account, makePush(device, changes), nowMs()))
                ++pushFailures;
        });
    }
    for (auto &thread : pushers)
        thread.join();
    pushing = false;
    puller.join();

    QCOMPARE(pushFailures.load(), 0);
    QCOMPARE(pullFailures.load(), 0);
    const auto all = pullAll(account);
    QCOMPARE(int(all.size()), Pushers * ChangesEach);
    for (std::size_t i = 1; i < all.size(); ++i)
        QVERIFY(all[i].seq > all[i - 1].seq);

    // The follower saw every change exactly once.
    QCOMPARE(followed.size(), all.size());
    std::set<std::int64_t> seqs;
    for (const auto &change : followed)
        seqs.insert(change.seq);
    QCOMPARE(seqs.size(), all.size());
}

QTEST_GUILESS_MAIN(TestSyncLog)
#include "tst_synclog.moc"
