// `portfolio-tracker FILE` (a double click on a backup, through the .desktop
// entry's MIME type) on the offscreen platform: once the window is up the file
// goes the way of File ▸ Restore… — checked on a worker, then the question,
// and nothing replaced without the user's yes. A file that is not a backup gets
// the restore's error; the store stays as it was either way.

#include "teststore.h"

#include "exchange/pendingrestore.h"
#include "gui/mainwindow.h"
#include "store/backup.h"
#include "store/portfoliorepository.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThreadPool>

using namespace pt;
using namespace pt::gui;
using namespace Qt::StringLiterals;

class TestRestoreAtStart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void backupAsksBeforeAnything();
    void backupRestoredOnYes();
    void notABackupGetsTheRestoreError_data();
    void notABackupGetsTheRestoreError();

private:
    QStringList portfolioNames() const;
    // The restore question the window shows by itself, or null after 20 s.
    QMessageBox *waitForQuestion(QSignalSpy &scheduled) const;

    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<MainWindow> m_window;
    store::StoreLocation m_location;
    QString m_backup;
    QString m_oldCurrent;
};

void TestRestoreAtStart::init()
{
    m_store = std::make_unique<test::TestStore>();
    m_location = m_store->location();
    PT_VERIFY_OK(m_store->addPortfolio(u"Kept"_s, u"EUR"_s));
    m_backup = m_store->path(u"backup.sqlite"_s);
    PT_VERIFY_OK(store::backupTo(m_store->db(), m_backup));
    PT_VERIFY_OK(m_store->addPortfolio(u"Later"_s, u"USD"_s));
    m_oldCurrent = QDir::currentPath();
    m_window = std::make_unique<MainWindow>(m_store->database);
}

void TestRestoreAtStart::cleanup()
{
    QDir::setCurrent(m_oldCurrent);
    m_window.reset();
    QThreadPool::globalInstance()->waitForDone();
    exchange::cancelPendingRestore(m_location);
    m_store.reset();
}

QStringList TestRestoreAtStart::portfolioNames() const
{
    QStringList names;
    if (auto portfolios = store::PortfolioRepository(m_store->db()).list()) {
        for (const Portfolio &portfolio : *portfolios)
            names << portfolio.name;
    }
    return names;
}

QMessageBox *TestRestoreAtStart::waitForQuestion(QSignalSpy &scheduled) const
{
    const QDeadlineTimer deadline(20'000);
    while (!deadline.hasExpired() && scheduled.isEmpty()) {
        if (auto *box = m_window->findChild<QMessageBox *>(u"restoreConfirmation"_s))
            return box;
        QTest::qWait(20);
    }
    return nullptr;
}

void TestRestoreAtStart::backupAsksBeforeAnything()
{
    // As main() does: the file as given on the command line (relative to the
    // folder the app started in), then show(); the question comes by itself.
    QVERIFY(QDir::setCurrent(QFileInfo(m_backup).absolutePath()));
    QSignalSpy scheduled(m_window.get(), &MainWindow::restoreScheduled);
    m_window->restoreWhenShown(u"backup.sqlite"_s);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QDir::setCurrent(m_oldCurrent); // the path was resolved when it was given

    QMessageBox *box = waitForQuestion(scheduled);
    QVERIFY2(box, scheduled.isEmpty() ? "no question" : qPrintable(scheduled.first().at(1).toString()));
    QVERIFY2(box->text().contains(QFileInfo(m_backup).fileName()), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(u"SQLite backup"_s), qPrintable(box->informativeText()));
    QVERIFY2(box->informativeText().contains(u"1 portfolio"_s), qPrintable(box->informativeText()));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    QVERIFY(box->isVisible());
    QVERIFY(box->parentWidget() == m_window.get());
    // Asked, not done: nothing kept aside, nothing replaced.
    QVERIFY(!exchange::hasPendingRestore(m_location));

    box->button(QMessageBox::Cancel)->click();
    QVERIFY(!scheduled.isEmpty() || scheduled.wait(20'000));
    const QVariantList cancelled = scheduled.takeFirst();
    QCOMPARE(QFileInfo(cancelled.at(0).toString()).canonicalFilePath(), QFileInfo(m_backup).canonicalFilePath());
    QCOMPARE(cancelled.at(1).toString(), u"cancelled"_s);
    QVERIFY(!exchange::hasPendingRestore(m_location));
    QVERIFY(!m_window->restartRequested());
    QVERIFY(m_window->isVisible());
    QCOMPARE(portfolioNames(), (QStringList { u"Kept"_s, u"Later"_s }));
}

void TestRestoreAtStart::backupRestoredOnYes()
{
    // The same as File ▸ Restore… from here on (tst_restore covers the next start).
    QSignalSpy scheduled(m_window.get(), &MainWindow::restoreScheduled);
    m_window->restoreWhenShown(m_backup);
    m_window->show();
    QMessageBox *box = waitForQuestion(scheduled);
    QVERIFY(box);
    auto *restart = box->findChild<QPushButton *>(u"restoreAndRestart"_s);
    QVERIFY(restart);
    restart->click();
    QVERIFY(!scheduled.isEmpty() || scheduled.wait(20'000));
    QCOMPARE(scheduled.takeFirst().at(1).toString(), QString());
    QVERIFY(exchange::hasPendingRestore(m_location));
    QVERIFY(m_window->restartRequested());
    QVERIFY(!m_window->isVisible());
    // The store is replaced by the next start, not by this one.
    QCOMPARE(portfolioNames(), (QStringList { u"Kept"_s, u"Later"_s }));
}

void TestRestoreAtStart::notABackupGetsTheRestoreError_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content"); // empty: the file is not written
    QTest::addColumn<QString>("error");

    QTest::newRow("text") << u"notes.txt"_s << QByteArray("Not a backup.\n")
                          << u"is not a Portfolio Tracker store or backup"_s;
    QTest::newRow("missing") << u"gone.sqlite"_s << QByteArray() << u"does not exist"_s;
    QTest::newRow("another app's SQLite file")
        << u"other.sqlite"_s << QByteArray("sqlite") << u"is not a Portfolio Tracker store"_s;
    QTest::newRow("the open store itself") << u"store.sqlite"_s << QByteArray() << u"is the store"_s;
}

void TestRestoreAtStart::notABackupGetsTheRestoreError()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QString, error);
    const QString path = m_store->path(fileName);
    if (content == "sqlite") {
        const QString name = u"other-app"_s;
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            other.setDatabaseName(path);
            QVERIFY(other.open());
            QVERIFY(QSqlQuery(u"CREATE TABLE notes (text TEXT)"_s, other).isActive());
            other.close();
        }
        QSqlDatabase::removeDatabase(name);
    } else if (!content.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    QSignalSpy scheduled(m_window.get(), &MainWindow::restoreScheduled);
    m_window->restoreWhenShown(path);
    m_window->show();
    QVERIFY(scheduled.wait(20'000));
    const QString given = scheduled.takeFirst().at(1).toString();
    QVERIFY2(given.contains(error), qPrintable(given));
    auto *box = m_window->findChild<QMessageBox *>(u"restoreError"_s);
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QVERIFY2(box->text().contains(u"cannot be restored; the store was not changed"_s), qPrintable(box->text()));
    QVERIFY2(box->text().contains(given), qPrintable(box->text()));
    QVERIFY(!m_window->findChild<QMessageBox *>(u"restoreConfirmation"_s));
    QVERIFY(!exchange::hasPendingRestore(m_location));
    QVERIFY(!m_window->restartRequested());
    QCOMPARE(portfolioNames(), (QStringList { u"Kept"_s, u"Later"_s }));
}

QTEST_MAIN(TestRestoreAtStart)
#include "tst_restoreatstart.moc"
