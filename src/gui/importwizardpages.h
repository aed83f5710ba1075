#pragma once

#include "io/importmapping.h"

#include <QTimer>
#include <QWizardPage>

#include <array>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTableView;
class QTableWidget;

namespace pt::gui {

class ImportIssuesModel;
class ImportPreviewModel;
class ImportWizard;
struct ImportJob;
struct PreviewOutcome;

// Step 1: the file, and the portfolio it goes into.
class ImportFilePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportFilePage)

public:
    explicit ImportFilePage(ImportWizard *wizard);
    ~ImportFilePage() override;

    void initializePage() override;
    bool isComplete() const override;

private:
    void browse();

    ImportWizard *m_wizard;
    QLineEdit *m_path = nullptr;
    QLabel *m_problem = nullptr;
};

// Step 2: the layout, with a live preview of the first rows. Every change
// reads the first rows again on a worker (after a short pause in typing);
// an answer to an older layout is dropped.
class ImportMappingPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportMappingPage)

public:
    // Rows read for the preview.
    static constexpr int PreviewRows = 200;

    explicit ImportMappingPage(ImportWizard *wizard);
    ~ImportMappingPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    ImportPreviewModel *previewModel() const { return m_previewModel; }
    ImportIssuesModel *issuesModel() const { return m_issuesModel; }
    bool isReading() const { return m_job != nullptr; }

private:
    QWidget *createLayoutControls();
    QWidget *createPreview();
    void choosePreset(int index);
    void chooseColumn(io::ImportField field, int index);
    void chooseTypeWord(const QString &word, int index);
    void formatsChanged();
    void showFormats();
    void schedulePreview();
    void startPreview();
    void cancelPreview();
    void showPreview(const std::shared_ptr<PreviewOutcome> &outcome);
    void showColumns(const QStringList &header, const std::array<int, io::ImportFieldCount> &columnOf);
    void showTypeWords(const PreviewOutcome &outcome);

    ImportWizard *m_wizard;
    io::ImportMapping m_mapping;
    QComboBox *m_preset = nullptr;
    std::array<QComboBox *, io::ImportFieldCount> m_columns{};
    QComboBox *m_dateFormat = nullptr;
    QComboBox *m_decimal = nullptr;
    QComboBox *m_thousands = nullptr;
    QComboBox *m_delimiter = nullptr;
    QTableWidget *m_typeWords = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_previewView = nullptr;
    QTableView *m_issuesView = nullptr;
    ImportPreviewModel *m_previewModel = nullptr;
    ImportIssuesModel *m_issuesModel = nullptr;
    QTimer m_pause;
    std::shared_ptr<ImportJob> m_job;
    quint64 m_generation = 0;
    bool m_readable = false; // the last preview read the file (its header has what is needed)
};

// Step 3: the whole file read, with progress, and the counts: new, already
// present, with errors. Import is offered only when no row has an error and
// some row is new.
class ImportConfirmPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportConfirmPage)

public:
    explicit ImportConfirmPage(ImportWizard *wizard);
    ~ImportConfirmPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

    ImportIssuesModel *issuesModel() const { return m_issuesModel; }

private:
    void cancel();
    void showCounts(const std::shared_ptr<PreviewOutcome> &outcome);

    ImportWizard *m_wizard;
    QProgressBar *m_progress = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_verdict = nullptr;
    QTableView *m_issuesView = nullptr;
    ImportIssuesModel *m_issuesModel = nullptr;
    QTimer m_poll;
    std::shared_ptr<ImportJob> m_job;
    quint64 m_generation = 0;
    bool m_ready = false;
};

// Step 4: the import, on a worker, and what it did.
class ImportResultPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportResultPage)

public:
    explicit ImportResultPage(ImportWizard *wizard);
    ~ImportResultPage() override;

    void initializePage() override;
    bool isComplete() const override;

private:
    ImportWizard *m_wizard;
    QProgressBar *m_progress = nullptr;
    QLabel *m_result = nullptr;
    bool m_done = false;
};

} // namespace pt::gui
