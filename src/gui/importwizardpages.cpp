#include "gui/importwizardpages.h"

#include "gui/displaytext.h"
#include "gui/futures.h"
#include "gui/importwizard.h"
#include "gui/importwizardjobs.h"
#include "gui/importwizardmodels.h"
#include "gui/itemroles.h"
#include "io/dateformat.h"
#include "io/importpresets.h"

#include <QColor>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pt::gui {

namespace {

using io::ImportField;

constexpr int PreviewPauseMs = 250;
constexpr int ProgressPollMs = 100;

// The types a file's words can stand for: every one but transfers, which are
// not imported.
constexpr std::array<TransactionType, 9> ImportableTypes{
    TransactionType::Buy,     TransactionType::Sell, TransactionType::Dividend,
    TransactionType::Interest, TransactionType::Fee, TransactionType::Tax,
    TransactionType::Split,   TransactionType::Deposit, TransactionType::Withdrawal};

QString fieldLabel(ImportField field)
{
    switch (field) {
    case ImportField::Date:
        return ImportMappingPage::tr("&Date:");
    case ImportField::Type:
        return ImportMappingPage::tr("&Type:");
    case ImportField::Symbol:
        return ImportMappingPage::tr("&Symbol:");
    case ImportField::Isin:
        return ImportMappingPage::tr("&ISIN:");
    case ImportField::Name:
        return ImportMappingPage::tr("Asset &name:");
    case ImportField::Quantity:
        return ImportMappingPage::tr("&Quantity:");
    case ImportField::Price:
        return ImportMappingPage::tr("&Price:");
    case ImportField::Amount:
        return ImportMappingPage::tr("&Amount:");
    case ImportField::Fee:
        return ImportMappingPage::tr("&Fee:");
    case ImportField::Currency:
        return ImportMappingPage::tr("C&urrency:");
    case ImportField::Split:
        return ImportMappingPage::tr("Sp&lit ratio:");
    case ImportField::Note:
        return ImportMappingPage::tr("N&ote:");
    }
    return {};
}

QString presetTitle(const io::ImportPreset &preset)
{
    if (preset.key == u"generic")
        return ImportMappingPage::tr("Portfolio Tracker export (generic)");
    if (preset.key == u"de-broker")
        return ImportMappingPage::tr("German broker (semicolon, dd.MM.yyyy, 1.234,56)");
    if (preset.key == u"us-broker")
        return ImportMappingPage::tr("US broker (comma, MM/dd/yyyy, 1,234.56)");
    return preset.title;
}

// A separator combo's items: the text shown and the character (empty: none).
void addSeparators(QComboBox *combo, const std::vector<std::pair<QString, QString>> &items)
{
    for (const auto &[text, character] : items)
        combo->addItem(text, character);
}

void selectSeparator(QComboBox *combo, QChar character)
{
    const QString wanted = character.isNull() ? QString() : QString(character);
    int index = combo->findData(wanted);
    if (index < 0) {
        combo->addItem(QStringLiteral("'%1'").arg(wanted), wanted);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

QChar separatorOf(const QComboBox *combo)
{
    const QString character = combo->currentData().toString();
    return character.isEmpty() ? QChar() : character.front();
}

QTableView *createTable(QWidget *parent, const QString &objectName)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace

// --- Step 1 -------------------------------------------------------------

ImportFilePage::ImportFilePage(ImportWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setTitle(tr("Choose a File"));
    setSubTitle(tr("A CSV file of transactions, as a bank or broker exports it, or as Portfolio Tracker "
                   "exports it. Nothing is written until you confirm the import."));
    auto *layout = new QVBoxLayout(this);
    auto *into = new QLabel(tr("The transactions are imported into the portfolio <b>%1</b>.")
                                .arg(m_wizard->portfolio().name.toHtmlEscaped()),
                            this);
    into->setObjectName(QStringLiteral("portfolioLabel"));
    layout->addWidget(into);
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("&File:"), this);
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("fileEdit"));
    m_path->setClearButtonEnabled(true);
    label->setBuddy(m_path);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browseButton"));
    row->addWidget(label);
    row->addWidget(m_path, 1);
    row->addWidget(browse);
    layout->addLayout(row);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("fileProblem"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    layout->addStretch(1);

    connect(browse, &QPushButton::clicked, this, &ImportFilePage::browse);
    connect(m_path, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_wizard->setFileName(text.trimmed());
        const QFileInfo info(text.trimmed());
        m_problem->setText(text.trimmed().isEmpty() || (info.isFile() && info.isReadable())
                               ? QString()
                               : tr("There is no readable file at this path."));
        Q_EMIT completeChanged();
    });
    connect(m_wizard, &ImportWizard::fileNameChanged, this, [this](const QString &fileName) {
        if (m_path->text().trimmed() != fileName)
            m_path->setText(fileName);
    });
}

ImportFilePage::~ImportFilePage() = default;

void ImportFilePage::initializePage()
{
    m_path->setText(m_wizard->fileName());
}

bool ImportFilePage::isComplete() const
{
    const QFileInfo info(m_wizard->fileName());
    return info.isFile() && info.isReadable();
}

void ImportFilePage::browse()
{
    const QString start = m_wizard->fileName().isEmpty()
                              ? QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)
                              : QFileInfo(m_wizard->fileName()).absolutePath();
    auto *dialog = new QFileDialog(this, tr("Import Transactions"), start,
                                   tr("CSV files (*.csv *.txt);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &file) { m_path->setText(QDir::toNativeSeparators(file)); });
    dialog->open();
}

// --- Step 2 -------------------------------------------------------------

ImportMappingPage::ImportMappingPage(ImportWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setTitle(tr("Describe the File"));
    setSubTitle(tr("Start from the layout closest to your file, then say which column holds what and how dates "
                   "and numbers are written. The preview shows the first rows as they would be imported; rows "
                   "with errors are highlighted."));
    m_previewModel = new ImportPreviewModel(this);
    m_issuesModel = new ImportIssuesModel(this);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(createLayoutControls());
    splitter->addWidget(createPreview());
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    m_pause.setSingleShot(true);
    m_pause.setInterval(PreviewPauseMs);
    connect(&m_pause, &QTimer::timeout, this, &ImportMappingPage::startPreview);
}

ImportMappingPage::~ImportMappingPage()
{
    cancelPreview();
}

QWidget *ImportMappingPage::createLayoutControls()
{
    auto *box = new QWidget(this);
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);

    auto *formats = new QFormLayout;
    m_preset = new QComboBox(box);
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    for (const io::ImportPreset &preset : io::importPresets())
        m_preset->addItem(presetTitle(preset), preset.key);
    formats->addRow(tr("&Layout:"), m_preset);
    m_delimiter = new QComboBox(box);
    m_delimiter->setObjectName(QStringLiteral("delimiterCombo"));
    addSeparators(m_delimiter, {{tr("Detect"), {}},
                                {tr("Comma ( , )"), QStringLiteral(",")},
                                {tr("Semicolon ( ; )"), QStringLiteral(";")},
                                {tr("Tab"), QStringLiteral("\t")},
                                {tr("Vertical bar ( | )"), QStringLiteral("|")}});
    formats->addRow(tr("Deli&miter:"), m_delimiter);
    m_dateFormat = new QComboBox(box);
    m_dateFormat->setObjectName(QStringLiteral("dateFormatCombo"));
    m_dateFormat->setEditable(true);
    m_dateFormat->addItems(io::DateFormat::commonPatterns());
    m_dateFormat->setToolTip(tr("yyyy: year, MM: month, dd: day, in the order and with the separators of the "
                                "file, e.g. dd.MM.yyyy"));
    formats->addRow(tr("Date &format:"), m_dateFormat);
    m_decimal = new QComboBox(box);
    m_decimal->setObjectName(QStringLiteral("decimalCombo"));
    addSeparators(m_decimal, {{tr("Point ( 1234.56 )"), QStringLiteral(".")},
                              {tr("Comma ( 1234,56 )"), QStringLiteral(",")}});
    formats->addRow(tr("Decimal &separator:"), m_decimal);
    m_thousands = new QComboBox(box);
    m_thousands->setObjectName(QStringLiteral("thousandsCombo"));
    addSeparators(m_thousands, {{tr("None"), {}},
                                {tr("Comma ( 1,234 )"), QStringLiteral(",")},
                                {tr("Point ( 1.234 )"), QStringLiteral(".")},
                                {tr("Space ( 1 234 )"), QStringLiteral(" ")},
                                {tr("Apostrophe ( 1'234 )"), QStringLiteral("'")}});
    formats->addRow(tr("T&housands separator:"), m_thousands);
    auto *formatsBox = new QGroupBox(tr("Layout and formats"), box);
    formatsBox->setLayout(formats);
    grid->addWidget(formatsBox, 0, 0);

    // Two pairs of label and column per line: twelve fields one under the
    // other would leave the preview, the point of this page, too little room.
    auto *columns = new QGridLayout;
    const auto fields = io::allImportFields();
    const int linesNeeded = int((std::size(fields) + 1) / 2);
    int placed = 0;
    for (const ImportField field : fields) {
        auto *combo = new QComboBox(box);
        combo->setObjectName(QStringLiteral("columnCombo_") + io::importFieldKey(field));
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        m_columns[std::size_t(field)] = combo;
        auto *label = new QLabel(fieldLabel(field), box);
        label->setBuddy(combo);
        const int line = placed % linesNeeded;
        const int pair = placed / linesNeeded;
        columns->addWidget(label, line, pair * 2);
        columns->addWidget(combo, line, pair * 2 + 1);
        ++placed;
        connect(combo, &QComboBox::activated, this, [this, field](int index) { chooseColumn(field, index); });
    }
    auto *columnsBox = new QGroupBox(tr("Columns"), box);
    columnsBox->setLayout(columns);
    grid->addWidget(columnsBox, 0, 1);

    m_typeWords = new QTableWidget(0, 2, box);
    m_typeWords->setObjectName(QStringLiteral("typeWordsTable"));
    m_typeWords->setHorizontalHeaderLabels({tr("Word in the file"), tr("Means")});
    m_typeWords->verticalHeader()->hide();
    m_typeWords->horizontalHeader()->setStretchLastSection(true);
    m_typeWords->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_typeWords->setToolTip(tr("The words of the file's type column, and the kind of transaction each stands for."));
    // Room for a word and the combo box of its meaning side by side.
    m_typeWords->setMinimumWidth(m_typeWords->fontMetrics().horizontalAdvance(tr("Word in the file")) * 2 + 60);
    for (QComboBox *combo : {m_preset, m_delimiter, m_dateFormat, m_decimal, m_thousands}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(24);
    }
    auto *wordsLayout = new QVBoxLayout;
    wordsLayout->addWidget(m_typeWords);
    auto *wordsBox = new QGroupBox(tr("Type words"), box);
    wordsBox->setLayout(wordsLayout);
    grid->addWidget(wordsBox, 0, 2);
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(2, 3);

    connect(m_preset, &QComboBox::activated, this, &ImportMappingPage::choosePreset);
    for (QComboBox *combo : {m_delimiter, m_decimal, m_thousands})
        connect(combo, &QComboBox::activated, this, &ImportMappingPage::formatsChanged);
    connect(m_dateFormat, &QComboBox::currentTextChanged, this, &ImportMappingPage::formatsChanged);
    return box;
}

QWidget *ImportMappingPage::createPreview()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(box);
    m_status->setObjectName(QStringLiteral("mappingStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);
    auto *split = new QSplitter(Qt::Vertical, box);
    m_previewView = createTable(split, QStringLiteral("previewView"));
    m_previewView->setModel(m_previewModel);
    m_issuesView = createTable(split, QStringLiteral("mappingIssuesView"));
    m_issuesView->setModel(m_issuesModel);
    split->addWidget(m_previewView);
    split->addWidget(m_issuesView);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    // An error's row in the preview, when it is among the rows shown.
    connect(m_issuesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return;
                const qint64 row = m_issuesModel->issue(current.row()).row;
                for (int r = 0; r < m_previewModel->rowCount(); ++r) {
                    const QModelIndex index = m_previewModel->index(r, ImportPreviewModel::RowColumn);
                    if (index.data(RawValueRole).toLongLong() == row) {
                        m_previewView->setCurrentIndex(index);
                        m_previewView->scrollTo(index);
                        break;
                    }
                }
            });
    return box;
}

void ImportMappingPage::initializePage()
{
    m_mapping = m_wizard->mapping();
    // The layout a preset describes, when the mapping is still one.
    for (int i = 0; i < m_preset->count(); ++i) {
        const io::ImportPreset *preset = io::findImportPreset(m_preset->itemData(i).toString());
        if (preset && preset->mapping.delimiter == m_mapping.delimiter
            && preset->mapping.dateFormat == m_mapping.dateFormat && preset->mapping.numbers == m_mapping.numbers) {
            m_preset->setCurrentIndex(i);
            break;
        }
    }
    showFormats();
    m_readable = false;
    m_previewModel->clear();
    m_issuesModel->setIssues({});
    startPreview();
}

void ImportMappingPage::cleanupPage()
{
    cancelPreview();
    m_pause.stop();
}

bool ImportMappingPage::isComplete() const
{
    return m_readable && !m_job && !m_pause.isActive();
}

bool ImportMappingPage::validatePage()
{
    if (!isComplete())
        return false;
    m_wizard->setMapping(m_mapping);
    return true;
}

void ImportMappingPage::choosePreset(int index)
{
    const io::ImportPreset *preset = io::findImportPreset(m_preset->itemData(index).toString());
    if (!preset)
        return;
    m_mapping = preset->mapping;
    showFormats();
    schedulePreview();
}

void ImportMappingPage::chooseColumn(ImportField field, int index)
{
    // Item 0 is "not read"; the others are the header's names.
    m_mapping.setColumn(field, index <= 0 ? QString() : m_columns[std::size_t(field)]->itemText(index));
    schedulePreview();
}

void ImportMappingPage::chooseTypeWord(const QString &word, int index)
{
    if (index < 0 || index >= int(ImportableTypes.size()))
        return;
    m_mapping.typeWords.add(word, ImportableTypes[std::size_t(index)]);
    schedulePreview();
}

void ImportMappingPage::formatsChanged()
{
    m_mapping.delimiter = separatorOf(m_delimiter);
    const QChar decimal = separatorOf(m_decimal);
    QChar thousands = separatorOf(m_thousands);
    // A decimal separator chosen that was the thousands one: they swap, as
    // 1.234,56 and 1,234.56 do.
    if (decimal == thousands && decimal != m_mapping.numbers.decimal)
        thousands = m_mapping.numbers.decimal;
    m_mapping.numbers = io::NumberFormat{decimal, thousands};
    selectSeparator(m_thousands, thousands);
    m_mapping.dateFormat = m_dateFormat->currentText().trimmed();
    schedulePreview();
}

void ImportMappingPage::showFormats()
{
    const QSignalBlocker blockDate(m_dateFormat);
    selectSeparator(m_delimiter, m_mapping.delimiter);
    selectSeparator(m_decimal, m_mapping.numbers.decimal);
    selectSeparator(m_thousands, m_mapping.numbers.thousands);
    m_dateFormat->setCurrentText(m_mapping.dateFormat);
}

void ImportMappingPage::schedulePreview()
{
    m_pause.start();
    Q_EMIT completeChanged();
}

void ImportMappingPage::cancelPreview()
{
    if (m_job)
        m_job->cancelled = true;
    m_job.reset();
    ++m_generation; // whatever comes back now is for a layout no longer shown
}

void ImportMappingPage::startPreview()
{
    cancelPreview();
    m_job = std::make_shared<ImportJob>();
    io::ImportPreviewOptions options;
    options.maxRows = PreviewRows;
    options.sampleRows = PreviewRows;
    options.maxIssues = PreviewRows;
    m_status->setText(tr("Reading the first rows…"));
    const quint64 generation = m_generation;
    whenReady(startImportPreview(m_wizard->database(), m_wizard->portfolio().id, m_wizard->fileName(), m_mapping,
                                 options, m_job),
              this, [this, generation](const std::shared_ptr<PreviewOutcome> &outcome) {
                  if (generation != m_generation)
                      return;
                  m_job.reset();
                  showPreview(outcome);
              });
    Q_EMIT completeChanged();
}

void ImportMappingPage::showPreview(const std::shared_ptr<PreviewOutcome> &outcome)
{
    const io::ImportPreview &preview = outcome->preview;
    m_readable = outcome->error.isEmpty() && preview.fileError.isEmpty();
    showColumns(preview.header, preview.columnOf);
    showTypeWords(*outcome);
    m_previewModel->setPreview(preview, outcome->symbols);
    m_issuesModel->setIssues(preview.issues);
    m_previewView->resizeColumnsToContents();
    m_issuesView->resizeColumnsToContents();
    if (!outcome->error.isEmpty()) {
        m_status->setText(tr("The file cannot be read: %1").arg(outcome->error));
    } else if (!preview.fileError.isEmpty()) {
        m_status->setText(tr("The file cannot be imported this way: %1").arg(preview.fileError));
    } else {
        QString text = tr("First rows: %1 read, %2 new, %3 already present, %4 with errors.")
                           .arg(preview.rows)
                           .arg(preview.newRows)
                           .arg(preview.alreadyPresent)
                           .arg(preview.rowsWithIssues);
        if (preview.truncated)
            text += u' ' + tr("The next step reads the whole file.");
        m_status->setText(text);
    }
    Q_EMIT completeChanged();
    Q_EMIT m_wizard->previewUpdated();
}

void ImportMappingPage::showColumns(const QStringList &header, const std::array<int, io::ImportFieldCount> &columnOf)
{
    for (const ImportField field : io::allImportFields()) {
        QComboBox *combo = m_columns[std::size_t(field)];
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItem(tr("(not read)"));
        combo->addItems(header);
        const int column = columnOf[std::size_t(field)];
        combo->setCurrentIndex(column >= 0 ? column + 1 : 0);
        // A column chosen but missing from the file stays visible as chosen.
        if (column < 0 && m_mapping.isChosen(field)) {
            combo->addItem(m_mapping.names(field).value(0));
            combo->setCurrentIndex(combo->count() - 1);
        }
    }
}

void ImportMappingPage::showTypeWords(const PreviewOutcome &outcome)
{
    const io::ImportPreview &preview = outcome.preview;
    const int typeColumn = preview.columnOf[std::size_t(ImportField::Type)];
    QStringList words;
    QSet<QString> seen;
    for (const io::ImportRow &row : preview.sample) {
        const QString word = typeColumn >= 0 ? row.fields.value(typeColumn).simplified() : QString();
        if (!word.isEmpty() && !seen.contains(word.toCaseFolded())) {
            seen.insert(word.toCaseFolded());
            words << word;
        }
    }
    m_typeWords->setRowCount(int(words.size()));
    for (int r = 0; r < words.size(); ++r) {
        const QString &word = words[r];
        auto *item = new QTableWidgetItem(word);
        m_typeWords->setItem(r, 0, item);
        auto *combo = new QComboBox(m_typeWords);
        combo->setObjectName(QStringLiteral("typeWordCombo_") + word);
        for (const TransactionType type : ImportableTypes)
            combo->addItem(transactionTypeLabel(type), toKey(type));
        const auto known = m_mapping.typeWords.find(word);
        const auto at = known ? std::find(ImportableTypes.begin(), ImportableTypes.end(), *known) : ImportableTypes.end();
        if (at == ImportableTypes.end()) {
            combo->insertItem(0, tr("(unknown: choose)"));
            combo->setCurrentIndex(0);
            item->setBackground(QColor(220, 50, 47, 70));
        } else {
            combo->setCurrentIndex(int(at - ImportableTypes.begin()));
        }
        connect(combo, &QComboBox::activated, this, [this, combo, word](int index) {
            // Without the "unknown" item the indices are those of ImportableTypes.
            const bool hasUnknown = combo->count() > int(ImportableTypes.size());
            chooseTypeWord(word, hasUnknown ? index - 1 : index);
        });
        m_typeWords->setCellWidget(r, 1, combo);
    }
    m_typeWords->resizeColumnToContents(0);
}

// --- Step 3 -------------------------------------------------------------

ImportConfirmPage::ImportConfirmPage(ImportWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setTitle(tr("Check the Whole File"));
    setSubTitle(tr("Every row is read and checked; rows the portfolio already has are skipped. The import writes "
                   "all new rows or none."));
    setCommitPage(true);
    m_issuesModel = new ImportIssuesModel(this);
    auto *layout = new QVBoxLayout(this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("readProgress"));
    m_progress->setRange(0, 100);
    layout->addWidget(m_progress);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("countsLabel"));
    m_counts->setTextFormat(Qt::PlainText);
    layout->addWidget(m_counts);
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("verdictLabel"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    layout->addWidget(m_verdict);
    m_issuesView = createTable(this, QStringLiteral("confirmIssuesView"));
    m_issuesView->setModel(m_issuesModel);
    layout->addWidget(m_issuesView, 1);

    m_poll.setInterval(ProgressPollMs);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (m_job)
            m_progress->setValue(m_job->percent());
    });
}

ImportConfirmPage::~ImportConfirmPage()
{
    cancel();
}

void ImportConfirmPage::cancel()
{
    if (m_job)
        m_job->cancelled = true;
    m_job.reset();
    m_poll.stop();
    ++m_generation;
}

void ImportConfirmPage::initializePage()
{
    cancel();
    m_ready = false;
    m_wizard->setParsed({});
    m_issuesModel->setIssues({});
    m_progress->setValue(0);
    m_progress->show();
    m_counts->setText(tr("Reading %1…").arg(QFileInfo(m_wizard->fileName()).fileName()));
    m_verdict->clear();
    m_job = std::make_shared<ImportJob>();
    io::ImportPreviewOptions options;
    options.sampleRows = 0;
    options.keepTransactions = true;
    const quint64 generation = m_generation;
    whenReady(startImportPreview(m_wizard->database(), m_wizard->portfolio().id, m_wizard->fileName(),
                                 m_wizard->mapping(), options, m_job),
              this, [this, generation](const std::shared_ptr<PreviewOutcome> &outcome) {
                  if (generation != m_generation)
                      return;
                  m_job.reset();
                  m_poll.stop();
                  showCounts(outcome);
              });
    m_poll.start();
    Q_EMIT completeChanged();
}

void ImportConfirmPage::cleanupPage()
{
    cancel();
    m_wizard->setParsed({});
}

bool ImportConfirmPage::isComplete() const
{
    return m_ready;
}

void ImportConfirmPage::showCounts(const std::shared_ptr<PreviewOutcome> &outcome)
{
    const io::ImportPreview &preview = outcome->preview;
    m_progress->setValue(100);
    m_issuesModel->setIssues(preview.issues);
    m_issuesView->resizeColumnsToContents();
    if (!outcome->error.isEmpty() || !preview.fileError.isEmpty()) {
        m_counts->clear();
        m_verdict->setText(tr("The file cannot be imported: %1")
                               .arg(outcome->error.isEmpty() ? preview.fileError : outcome->error));
    } else {
        m_counts->setText(tr("Rows: %1\nNew: %2\nAlready present: %3\nWith errors: %4")
                              .arg(preview.rows)
                              .arg(preview.newRows)
                              .arg(preview.alreadyPresent)
                              .arg(preview.rowsWithIssues));
        if (preview.rowsWithIssues > 0) {
            QString text = tr("Nothing can be imported while rows have errors: correct the file, or go back and "
                              "change how it is read.");
            if (preview.issueCount > qint64(preview.issues.size()))
                text += u' ' + tr("The first %1 of %n errors are listed.", "", int(preview.issueCount))
                                   .arg(preview.issues.size());
            m_verdict->setText(text);
        } else if (preview.newRows == 0) {
            m_verdict->setText(tr("Nothing to import: the portfolio already has every row of this file."));
        } else {
            m_verdict->setText(tr("Ready to import %n new transaction(s) into %1. Rows already present are "
                                  "skipped.", "", int(preview.newRows))
                                   .arg(m_wizard->portfolio().name));
            m_ready = true;
            m_wizard->setParsed(outcome);
        }
    }
    Q_EMIT completeChanged();
    Q_EMIT m_wizard->countsUpdated();
}

// --- Step 4 -------------------------------------------------------------

ImportResultPage::ImportResultPage(ImportWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setTitle(tr("Import"));
    auto *layout = new QVBoxLayout(this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, 0); // one transaction: no steps to show
    layout->addWidget(m_progress);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    layout->addWidget(m_result);
    layout->addStretch(1);
}

ImportResultPage::~ImportResultPage() = default;

void ImportResultPage::initializePage()
{
    m_done = false;
    m_progress->show();
    m_result->setText(tr("Checking the books and writing the transactions…"));
    const std::shared_ptr<PreviewOutcome> parsed = m_wizard->parsed();
    if (!parsed) {
        m_done = true;
        m_progress->hide();
        m_result->setText(tr("Nothing was imported."));
        return;
    }
    m_wizard->setImporting(true);
    const RowId portfolioId = m_wizard->portfolio().id;
    whenReady(startImportCommit(m_wizard->database(), portfolioId, parsed), this,
              [this, portfolioId](const std::shared_ptr<Result<io::ImportOutcome>> &committed) {
                  m_done = true;
                  m_progress->hide();
                  m_wizard->setImporting(false);
                  m_wizard->setParsed({});
                  if (!*committed) {
                      m_result->setText(tr("Nothing was imported: %1").arg(committed->error()));
                      Q_EMIT m_wizard->importFinished(0, committed->error());
                  } else {
                      const io::ImportOutcome &outcome = **committed;
                      m_result->setText(
                          tr("Imported %n transaction(s) into %1.", "", int(outcome.added))
                              .arg(m_wizard->portfolio().name)
                          + u' ' + tr("%n row(s) of the file were already present.", "", int(outcome.alreadyPresent)));
                      Q_EMIT m_wizard->importFinished((*committed)->added, QString());
                      if ((*committed)->added > 0)
                          Q_EMIT m_wizard->imported(portfolioId, (*committed)->added);
                  }
                  Q_EMIT completeChanged();
              });
    Q_EMIT completeChanged();
}

bool ImportResultPage::isComplete() const
{
    return m_done;
}

} // namespace pt::gui
