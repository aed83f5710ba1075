// File ▸ Restore… on the offscreen platform: the backup is checked and shown,
// the user is asked (a non-blocking box), the backup becomes the store's
// pending restore and the window closes for a restart; the next start applies
// it (exchange/pendingrestore.h) — an SQLite backup before the store is
// opened, a JSON export right after. Cancelled, damaged and failing restores
// leave the store as it was.

#include "teststore.h"

#include "exchange/bookjson.h"
#include "exchange/pendingrestore.h"
#include "gui/mainwindow.h"
#include "store/backup.h"
#include "store/portfoliorepository.h"

#include <QAction>
#include <QDeadlineTimer>
#include <QFile>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSignalSpy>
#include <QThreadPool>

using namespace pt;
using namespace pt::gui;
using namespace Qt::StringLiterals;

class TestRestore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void menuOffersRestoreNextToBackUp();
    void sqliteBackupRestoredAtTheNextStart();
    void jsonExportRestoredAtTheNextStart();
    void cancelledRestoreChangesNothing();
    void damagedBackupRefused();
    void failedRestoreIsReportedOnce();

private:
    QStringList portfolioNames(const store::Database &db) const;
    // Asks the window to restore `path` and answers the question with `button`
    // ("restoreAndRestart" or "cancel"); the error restoreScheduled() gave.
    QString restoreThroughWindow(const QString &path, const char *button, QString *informativeText = nullptr);
    // What the restart does: the window, its workers and every connection gone.
    void closeEverything();

    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<MainWindow> m_window;
    store::StoreLocation m_location;
};

void TestRestore::init()
{
    m_store = std::make_unique<test::TestStore>();
    m_location = m_store->location();
    auto kept = m_store->addPortfolio(u"Kept"_s, u"EUR"_s);
    PT_VERIFY_OK(kept);
    m_window = std::make_unique<MainWindow>(m_store->database);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestRestore::cleanup()
{
    m_window.reset();
    QThreadPool::globalInstance()->waitForDone();
    exchange::cancelPendingRestore(m_location);
    m_store.reset();
}

QStringList TestRestore::portfolioNames(const store::Database &db) const
{
    QStringList names;
    auto portfolios = store::PortfolioRepository(db).list();
    if (portfolios) {
        for (const Portfolio &portfolio : *portfolios)
            names << portfolio.name;
    }
    return names;
}

QString TestRestore::restoreThroughWindow(const QString &path, const char *button, QString *informativeText)
{
    QSignalSpy scheduled(m_window.get(), &MainWindow::restoreScheduled);
    m_window->restoreFrom(path);
    QMessageBox *box = nullptr;
    const QDeadlineTimer deadline(20'000);
    while (!(box = m_window->findChild<QMessageBox *>(u"restoreConfirmation"_s)) && !deadline.hasExpired()) {
        if (!scheduled.isEmpty())
            return scheduled.takeFirst().at(1).toString(); // refused before asking
        QTest::qWait(20);
    }
    if (!box)
        return u"the question never came"_s;
    if (informativeText)
        *informativeText = box->informativeText();
    QAbstractButton *answer = qstrcmp(button, "cancel") == 0
        ? static_cast<QAbstractButton *>(box->button(QMessageBox::Cancel))
        : box->findChild<QPushButton *>(QString::fromLatin1(button));
    if (!answer)
        return u"no button "_s + QString::fromLatin1(button);
    answer->click();
    if (scheduled.isEmpty() && !scheduled.wait(20'000))
        return u"restoreScheduled() never came"_s;
    return scheduled.takeFirst().at(1).toString();
}

void TestRestore::closeEverything()
{
    m_window.reset();
    QThreadPool::globalInstance()->waitForDone();
    m_store->database.reset();
}

void TestRestore::menuOffersRestoreNextToBackUp()
{
    auto *restore = m_window->findChild<QAction *>(u"actionRestore"_s);
    auto *backUp = m_window->findChild<QAction *>(u"actionBackUp"_s);
    QVERIFY(restore);
    QVERIFY(backUp);
    const auto *menu = qobject_cast<QMenu *>(m_window->findChild<QMenu *>(u"fileMenu"_s));
    QVERIFY(menu);
    const QList<QAction *> actions = menu->actions();
    QCOMPARE(actions.indexOf(restore), actions.indexOf(backUp) + 1);
}

void TestRestore::sqliteBackupRestoredAtTheNextStart()
{
    const QString backup = m_store->path(u"backup.sqlite"_s);
    PT_VERIFY_OK(store::backupTo(m_store->db(), backup));
    PT_VERIFY_OK(m_store->addPortfolio(u"Later"_s, u"USD"_s));

    QString details;
    QCOMPARE(restoreThroughWindow(backup, "restoreAndRestart", &details), QString());
    QVERIFY2(details.contains(u"SQLite backup"_s), qPrintable(details));
    QVERIFY2(details.contains(u"1 portfolio"_s), qPrintable(details));
    QVERIFY(m_window->restartRequested());
    QVERIFY(exchange::hasPendingRestore(m_location));
    // Nothing changed yet: the store is replaced by the next start.
    QCOMPARE(portfolioNames(m_store->db()), (QStringList { u"Kept"_s, u"Later"_s }));

    closeEverything();
    auto applied = exchange::applyPendingFileRestore(m_location);
    PT_VERIFY_OK(applied);
    QVERIFY2(applied->contains(u"restored"_s), qPrintable(*applied));
    QVERIFY(!exchange::hasPendingRestore(m_location));
    auto reopened = m_store->reopen();
    PT_VERIFY_OK(reopened);
    m_store->database = *reopened;
    auto json = exchange::applyPendingJsonRestore(m_store->db());
    PT_VERIFY_OK(json);
    QCOMPARE(*json, QString()); // nothing more pending
    QCOMPARE(portfolioNames(m_store->db()), QStringList { u"Kept"_s });
}

void TestRestore::jsonExportRestoredAtTheNextStart()
{
    const QString backup = m_store->path(u"backup.json"_s);
    {
        QSaveFile file(backup);
        QVERIFY(file.open(QIODevice::WriteOnly));
        PT_VERIFY_OK(exchange::exportBook(m_store->db(), file));
        QVERIFY(file.commit());
    }
    PT_VERIFY_OK(m_store->addPortfolio(u"Later"_s, u"USD"_s));

    QString details;
    QCOMPARE(restoreThroughWindow(backup, "restoreAndRestart", &details), QString());
    QVERIFY2(details.contains(u"JSON export"_s), qPrintable(details));
    QVERIFY(exchange::hasPendingRestore(m_location));

    closeEverything();
    auto before = exchange::applyPendingFileRestore(m_location);
    PT_VERIFY_OK(before);
    QCOMPARE(*before, QString()); // a JSON export waits for the store to be open
    auto reopened = m_store->reopen();
    PT_VERIFY_OK(reopened);
    m_store->database = *reopened;
    auto applied = exchange::applyPendingJsonRestore(m_store->db());
    PT_VERIFY_OK(applied);
    QVERIFY2(applied->contains(u"restored"_s), qPrintable(*applied));
    QVERIFY(!exchange::hasPendingRestore(m_location));
    QCOMPARE(portfolioNames(m_store->db()), QStringList { u"Kept"_s });
}

void TestRestore::cancelledRestoreChangesNothing()
{
    const QString backup = m_store->path(u"backup.sqlite"_s);
    PT_VERIFY_OK(store::backupTo(m_store->db(), backup));
    PT_VERIFY_OK(m_store->addPortfolio(u"Later"_s, u"USD"_s));
    QCOMPARE(restoreThroughWindow(backup, "cancel"), u"cancelled"_s);
    QVERIFY(!m_window->restartRequested());
    QVERIFY(!exchange::hasPendingRestore(m_location));
    QVERIFY(m_window->isVisible());
    QCOMPARE(portfolioNames(m_store->db()), (QStringList { u"Kept"_s, u"Later"_s }));
}

void TestRestore::damagedBackupRefused()
{
    const QString damaged = m_store->path(u"damaged.json"_s);
    QFile file(damaged);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format":"portfolio-tracker-book","version":1,"portfolios":[{"uuid":"x"}]})");
    file.close();
    QSignalSpy scheduled(m_window.get(), &MainWindow::restoreScheduled);
    m_window->restoreFrom(damaged);
    QVERIFY(scheduled.wait(20'000));
    const QString error = scheduled.takeFirst().at(1).toString();
    QVERIFY2(error.contains(u"portfolios[0].uuid: 'x' is not a UUID"_s), qPrintable(error));
    auto *box = m_window->findChild<QMessageBox *>(u"restoreError"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"not changed"_s), qPrintable(box->text()));
    QVERIFY(!m_window->findChild<QMessageBox *>(u"restoreConfirmation"_s));
    QVERIFY(!exchange::hasPendingRestore(m_location));
    QVERIFY(!m_window->restartRequested());
}

void TestRestore::failedRestoreIsReportedOnce()
{
    // A pending export that does not check out (edited since, or cut short):
    // the start reports it, drops it, and the store is as it was.
    closeEverything();
    QFile pending(exchange::pendingRestorePath(m_location));
    QVERIFY(pending.open(QIODevice::WriteOnly));
    pending.write(R"({"format":"portfolio-tracker-book","version":1,"portfolios":[)");
    pending.close();
    auto before = exchange::applyPendingFileRestore(m_location);
    PT_VERIFY_OK(before);
    auto reopened = m_store->reopen();
    PT_VERIFY_OK(reopened);
    m_store->database = *reopened;
    auto applied = exchange::applyPendingJsonRestore(m_store->db());
    QVERIFY(!applied.ok());
    QVERIFY2(applied.error().contains(u"ends"_s), qPrintable(applied.error()));
    QVERIFY(!exchange::hasPendingRestore(m_location));
    QCOMPARE(portfolioNames(m_store->db()), QStringList { u"Kept"_s });

    // The same for an SQLite file that is not an intact store.
    m_store->database.reset();
    QVERIFY(pending.open(QIODevice::WriteOnly));
    pending.write(QByteArray("SQLite format 3\0", 16) + QByteArray(4096, 'x'));
    pending.close();
    auto file = exchange::applyPendingFileRestore(m_location);
    QVERIFY(!file.ok());
    QVERIFY(!exchange::hasPendingRestore(m_location));
    reopened = m_store->reopen();
    PT_VERIFY_OK(reopened);
    m_store->database = *reopened;
    QCOMPARE(portfolioNames(m_store->db()), QStringList { u"Kept"_s });
}

QTEST_MAIN(TestRestore)
#include "tst_restore.moc"
