// The CSV import wizard (C8) on the offscreen platform over real SQLite files:
// its four steps, the live preview with errors highlighted, mapping changes
// read again on a worker, the confirm page's counts, the import on a worker,
// and File ▸ Import Transactions… in the main window.

#include "teststore.h"

#include "gui/importwizard.h"
#include "gui/importwizardmodels.h"
#include "gui/importwizardpages.h"
#include "gui/mainwindow.h"
#include "store/transactionrepository.h"

#include <QAbstractItemModelTester>
#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace pt;
using namespace pt::gui;
using namespace Qt::StringLiterals;

namespace {

QString dataFile(const QString &name)
{
    return qEnvironmentVariable("PT_SOURCE_DIR") + u"/tests/data/import/"_s + name;
}

template<typename T> T *child(const QObject *parent, const QString &name)
{
    auto *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

// Picks the item with `text` in a combo box the way a click does (activated).
bool activate(QComboBox *combo, const QString &text)
{
    const int index = combo->findText(text);
    if (index < 0)
        return false;
    combo->setCurrentIndex(index);
    Q_EMIT combo->activated(index);
    return true;
}

} // namespace

class TestImportWizard : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestStore> m_store;
    Portfolio m_main;

    std::size_t storedCount() const { return store::TransactionRepository(m_store->db()).list()->size(); }

    std::unique_ptr<ImportWizard> wizardFor(const QString &file)
    {
        auto wizard = std::make_unique<ImportWizard>(m_store->database, m_main);
        wizard->setFileName(dataFile(file));
        wizard->show();
        return wizard;
    }

    static ImportMappingPage *mappingPage(ImportWizard &wizard)
    {
        return qobject_cast<ImportMappingPage *>(wizard.page(ImportWizard::MappingPageId));
    }

    // To the mapping page, waiting for its first preview.
    static bool toMapping(ImportWizard &wizard)
    {
        QSignalSpy previewed(&wizard, &ImportWizard::previewUpdated);
        wizard.next();
        return wizard.currentId() == ImportWizard::MappingPageId && previewed.wait(20'000);
    }

    // On to the confirm page, waiting for the counts.
    static bool toConfirm(ImportWizard &wizard)
    {
        QSignalSpy counted(&wizard, &ImportWizard::countsUpdated);
        wizard.next();
        return wizard.currentId() == ImportWizard::ConfirmPageId && counted.wait(20'000);
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<test::TestStore>();
        m_main = *m_store->addPortfolio(u"Main"_s, u"EUR"_s);
        QVERIFY(m_store->addAsset(u"ACME"_s, u"Acme Corp"_s, u"EUR"_s));
        QVERIFY(m_store->addAsset(u"VTI"_s, u"Vanguard Total Stock Market ETF"_s, u"USD"_s));
        QVERIFY(m_store->addAsset(u"MUE"_s, u"Müller AG"_s, u"EUR"_s));
        QVERIFY(m_store->addAsset(u"BMW.DE"_s, u"Bayerische Motoren Werke AG"_s, u"EUR"_s));
    }

    void cleanup() { m_store.reset(); }

    void importsAFileInFourSteps()
    {
        auto wizard = wizardFor(u"generic.csv"_s);
        QCOMPARE(wizard->currentId(), int(ImportWizard::FilePageId));
        QVERIFY(wizard->currentPage()->isComplete());
        QVERIFY(child<QLabel>(wizard.get(), u"portfolioLabel"_s)->text().contains(u"Main"_s));

        QVERIFY(toMapping(*wizard));
        ImportMappingPage *mapping = mappingPage(*wizard);
        QAbstractItemModelTester previewTester(mapping->previewModel(),
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester issuesTester(mapping->issuesModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(mapping->previewModel()->rowCount(), 8);
        QCOMPARE(mapping->issuesModel()->rowCount(), 0);
        QVERIFY(mapping->isComplete());
        QCOMPARE(child<QComboBox>(wizard.get(), u"columnCombo_date"_s)->currentText(), u"Date"_s);
        QCOMPARE(child<QComboBox>(wizard.get(), u"columnCombo_isin"_s)->currentIndex(), 0); // not in the file
        const QModelIndex status = mapping->previewModel()->index(1, ImportPreviewModel::StatusColumn);
        QCOMPARE(status.data().toString(), u"New"_s);
        QCOMPARE(mapping->previewModel()->index(1, ImportPreviewModel::AssetColumn).data().toString(), u"ACME"_s);
        QVERIFY(child<QLabel>(wizard.get(), u"mappingStatus"_s)->text().contains(u"8 read, 8 new"_s));

        QVERIFY(toConfirm(*wizard));
        const QString counts = child<QLabel>(wizard.get(), u"countsLabel"_s)->text();
        QVERIFY2(counts.contains(u"New: 8"_s) && counts.contains(u"With errors: 0"_s), qPrintable(counts));
        QVERIFY(wizard->currentPage()->isComplete());
        QCOMPARE(wizard->button(QWizard::CommitButton)->text(), u"&Import"_s);
        QCOMPARE(storedCount(), std::size_t(0)); // nothing written before the import

        QSignalSpy finished(wizard.get(), &ImportWizard::importFinished);
        QSignalSpy imported(wizard.get(), &ImportWizard::imported);
        wizard->next();
        QCOMPARE(wizard->currentId(), int(ImportWizard::ResultPageId));
        QVERIFY(finished.wait(20'000));
        QCOMPARE(finished.first().at(0).toLongLong(), 8);
        QCOMPARE(finished.first().at(1).toString(), QString());
        QCOMPARE(imported.size(), 1);
        QCOMPARE(imported.first().at(0).value<RowId>(), m_main.id);
        QCOMPARE(storedCount(), std::size_t(8));
        QVERIFY(child<QLabel>(wizard.get(), u"resultLabel"_s)->text().startsWith(u"Imported 8 transaction"_s));
        QVERIFY(wizard->currentPage()->isComplete());
        QVERIFY(!wizard->isImporting());
    }

    void highlightsRowErrorsAndRefusesToImport()
    {
        auto wizard = wizardFor(u"bad-numbers.csv"_s);
        QVERIFY(toMapping(*wizard));
        ImportMappingPage *mapping = mappingPage(*wizard);
        QCOMPARE(mapping->previewModel()->rowCount(), 3);
        QCOMPARE(mapping->issuesModel()->rowCount(), 2);
        QCOMPARE(mapping->issuesModel()->index(0, ImportIssuesModel::RowColumn).data().toString(), u"3"_s);
        QCOMPARE(mapping->issuesModel()->index(0, ImportIssuesModel::ColumnColumn).data().toString(), u"Quantity"_s);
        QVERIFY(mapping->issuesModel()->index(0, ImportIssuesModel::ReasonColumn).data().toString().startsWith(
            u"'12,5x' is not a number"_s));
        const auto cell = [&](int row, int column) { return mapping->previewModel()->index(row, column); };
        QVERIFY(cell(1, ImportPreviewModel::QuantityColumn).data(ImportPreviewModel::HasIssueRole).toBool());
        QVERIFY(cell(1, ImportPreviewModel::QuantityColumn).data(Qt::BackgroundRole).isValid());
        QCOMPARE(cell(1, ImportPreviewModel::QuantityColumn).data().toString(), u"12,5x"_s); // as written
        QVERIFY(!cell(1, ImportPreviewModel::PriceColumn).data(ImportPreviewModel::HasIssueRole).toBool());
        QCOMPARE(cell(1, ImportPreviewModel::StatusColumn).data().toString(), u"Error"_s);
        QVERIFY(cell(1, ImportPreviewModel::StatusColumn).data(Qt::ToolTipRole).toString().contains(u"row 3"_s));
        QVERIFY(!cell(0, ImportPreviewModel::QuantityColumn).data(ImportPreviewModel::HasIssueRole).toBool());
        QVERIFY(mapping->isComplete()); // the file reads; the rows are wrong

        QVERIFY(toConfirm(*wizard));
        QVERIFY(!wizard->currentPage()->isComplete());
        QVERIFY(child<QLabel>(wizard.get(), u"verdictLabel"_s)->text().startsWith(u"Nothing can be imported"_s));
        QCOMPARE(qobject_cast<ImportConfirmPage *>(wizard->currentPage())->issuesModel()->rowCount(), 2);
        QCOMPARE(storedCount(), std::size_t(0));
    }

    // A German file read as the generic layout cannot be read; the German
    // preset reads it, and each change reads the first rows again.
    void changingTheLayoutReadsAgain()
    {
        auto wizard = wizardFor(u"de-broker-latin1.csv"_s);
        QVERIFY(toMapping(*wizard));
        ImportMappingPage *mapping = mappingPage(*wizard);
        QAbstractItemModelTester previewTester(mapping->previewModel(),
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *status = child<QLabel>(wizard.get(), u"mappingStatus"_s);
        QVERIFY2(status->text().contains(u"missing required columns"_s), qPrintable(status->text()));
        QVERIFY(!mapping->isComplete());

        QSignalSpy previewed(wizard.get(), &ImportWizard::previewUpdated);
        QVERIFY(activate(child<QComboBox>(wizard.get(), u"presetCombo"_s),
                         u"German broker (semicolon, dd.MM.yyyy, 1.234,56)"_s));
        QVERIFY(!mapping->isComplete()); // until the new preview is in
        QVERIFY(previewed.wait(20'000));
        QVERIFY(mapping->isComplete());
        QCOMPARE(mapping->previewModel()->rowCount(), 6);
        QCOMPARE(mapping->issuesModel()->rowCount(), 0);
        QCOMPARE(child<QComboBox>(wizard.get(), u"delimiterCombo"_s)->currentData().toString(), u";"_s);
        QCOMPARE(child<QComboBox>(wizard.get(), u"dateFormatCombo"_s)->currentText(), u"dd.MM.yyyy"_s);
        QCOMPARE(child<QComboBox>(wizard.get(), u"columnCombo_quantity"_s)->currentText(), u"Stück"_s);
        auto *words = child<QTableWidget>(wizard.get(), u"typeWordsTable"_s);
        QCOMPARE(words->rowCount(), 5); // Einzahlung, Kauf, Dividende, Verkauf, Depotgebühr
        QCOMPARE(words->item(1, 0)->text(), u"Kauf"_s);
        QCOMPARE(qobject_cast<QComboBox *>(words->cellWidget(1, 1))->currentText(), u"Buy"_s);

        // Quantity no longer read: the buys need one.
        previewed.clear();
        QVERIFY(activate(child<QComboBox>(wizard.get(), u"columnCombo_quantity"_s), u"(not read)"_s));
        QVERIFY(previewed.wait(20'000));
        QCOMPARE(mapping->issuesModel()->rowCount(), 3);
        QVERIFY(mapping->issuesModel()->index(0, ImportIssuesModel::ReasonColumn).data().toString().startsWith(
            u"a buy needs a quantity"_s));

        // The wrong decimal separator: every price is wrong.
        previewed.clear();
        QVERIFY(activate(child<QComboBox>(wizard.get(), u"columnCombo_quantity"_s), u"Stück"_s));
        QVERIFY(activate(child<QComboBox>(wizard.get(), u"decimalCombo"_s), u"Point ( 1234.56 )"_s));
        QVERIFY(previewed.wait(20'000));
        QVERIFY(mapping->issuesModel()->rowCount() > 0);
        QCOMPARE(mapping->issuesModel()->index(0, ImportIssuesModel::ColumnColumn).data().toString(), u"Betrag"_s);
    }

    void unknownTypeWordsAreChosenInTheTable()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath(u"words.csv"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Date,Type,Symbol,Quantity,Price\n2024-01-03,Zukauf,ACME,1,50\n2024-01-04,buy,ACME,1,50\n");
        file.close();
        auto wizard = std::make_unique<ImportWizard>(m_store->database, m_main);
        wizard->setFileName(path);
        wizard->show();
        QVERIFY(toMapping(*wizard));
        ImportMappingPage *mapping = mappingPage(*wizard);
        QCOMPARE(mapping->issuesModel()->rowCount(), 1);
        auto *words = child<QTableWidget>(wizard.get(), u"typeWordsTable"_s);
        QCOMPARE(words->item(0, 0)->text(), u"Zukauf"_s);
        auto *combo = qobject_cast<QComboBox *>(words->cellWidget(0, 1));
        QCOMPARE(combo->currentText(), u"(unknown: choose)"_s);
        QSignalSpy previewed(wizard.get(), &ImportWizard::previewUpdated);
        QVERIFY(activate(combo, u"Buy"_s));
        QVERIFY(previewed.wait(20'000));
        QCOMPARE(mapping->issuesModel()->rowCount(), 0);
        QCOMPARE(wizard->mapping().typeWords.find(u"zukauf"), std::nullopt); // kept on the page until Next
        QVERIFY(toConfirm(*wizard));
        QCOMPARE(wizard->mapping().typeWords.find(u"zukauf"), TransactionType::Buy);
        QVERIFY(wizard->currentPage()->isComplete());
    }

    void reimportFindsEveryRowPresent()
    {
        {
            auto first = wizardFor(u"generic.csv"_s);
            QVERIFY(toMapping(*first));
            QVERIFY(toConfirm(*first));
            QSignalSpy finished(first.get(), &ImportWizard::importFinished);
            first->next();
            QVERIFY(finished.wait(20'000));
        }
        auto again = wizardFor(u"generic.csv"_s);
        QVERIFY(toMapping(*again));
        ImportMappingPage *mapping = mappingPage(*again);
        QCOMPARE(mapping->previewModel()->index(0, ImportPreviewModel::StatusColumn).data().toString(),
                 u"Already present"_s);
        QVERIFY(toConfirm(*again));
        QVERIFY(child<QLabel>(again.get(), u"countsLabel"_s)->text().contains(u"Already present: 8"_s));
        QVERIFY(child<QLabel>(again.get(), u"verdictLabel"_s)->text().startsWith(u"Nothing to import"_s));
        QVERIFY(!again->currentPage()->isComplete());
        QCOMPARE(storedCount(), std::size_t(8));
    }

    // A sell of units not held is found by the import's replay: nothing is
    // written and the page says which row.
    void reportsARefusedImport()
    {
        auto wizard = wizardFor(u"oversell.csv"_s);
        QVERIFY(toMapping(*wizard));
        QVERIFY(toConfirm(*wizard));
        QSignalSpy finished(wizard.get(), &ImportWizard::importFinished);
        QSignalSpy imported(wizard.get(), &ImportWizard::imported);
        wizard->next();
        QVERIFY(finished.wait(20'000));
        QVERIFY(finished.first().at(1).toString().startsWith(u"row 3: "_s));
        QCOMPARE(imported.size(), 0);
        QVERIFY(child<QLabel>(wizard.get(), u"resultLabel"_s)->text().startsWith(u"Nothing was imported: row 3"_s));
        QCOMPARE(storedCount(), std::size_t(0));
    }

    void fileProblemsKeepTheFirstStep()
    {
        auto wizard = wizardFor(u"no-such-file.csv"_s);
        QVERIFY(!wizard->currentPage()->isComplete());
        QVERIFY(!child<QLabel>(wizard.get(), u"fileProblem"_s)->text().isEmpty());
        child<QLineEdit>(wizard.get(), u"fileEdit"_s)->setText(dataFile(u"empty.csv"_s));
        QVERIFY(wizard->currentPage()->isComplete());
        QVERIFY(toMapping(*wizard));
        QVERIFY(child<QLabel>(wizard.get(), u"mappingStatus"_s)->text().contains(u"the file is empty"_s));
        QVERIFY(!wizard->currentPage()->isComplete());
    }

    // Closing while a worker reads drops its answer; nothing waits.
    void closingWhileReadingIsSafe()
    {
        auto wizard = wizardFor(u"generic.csv"_s);
        wizard->next();
        QVERIFY(mappingPage(*wizard)->isReading());
        wizard.reset();
        QTest::qWait(300);
    }

    void mainWindowOpensTheWizardForTheSelectedPortfolio()
    {
        MainWindow window(m_store->database);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectPortfolio(m_main.id);
        QTRY_COMPARE(window.currentPortfolioId(), m_main.id);
        auto *action = child<QAction>(&window, u"actionImportTransactions"_s);
        QVERIFY(!action->text().isEmpty());
        action->trigger();
        auto *wizard = window.findChild<ImportWizard *>();
        QVERIFY(wizard);
        QCOMPARE(wizard->portfolio().id, m_main.id);
        QVERIFY(wizard->isVisible());
        wizard->reject();
        QTRY_VERIFY(!window.findChild<ImportWizard *>()); // deleted on close
    }
};

QTEST_MAIN(TestImportWizard)
#include "tst_importwizard.moc"
