#pragma once

#include "domain/types.h"
#include "io/importmapping.h"

#include <QWizard>

#include <memory>

namespace pt::store {
class Database;
}

namespace pt::gui {

class ImportConfirmPage;
class ImportFilePage;
class ImportMappingPage;
class ImportResultPage;
struct PreviewOutcome;

// File ▸ Import Transactions…: CSV entries into one portfolio, in four steps.
//  1. the file;
//  2. the layout: a preset, then the column of each field, the date format,
//     separators, delimiter and type words, with a live preview of the first
//     rows (errors highlighted) and their error list;
//  3. the whole file read (on a worker, with progress): how many rows are new,
//     already present or wrong; Import only when none is wrong;
//  4. the import on a worker (io::commitImport: all or nothing, one replay
//     of the book), and what it did.
// Every read of the file and the store runs on the global thread pool with
// its own connection; the GUI thread never waits. The wizard cannot be closed
// while the import writes. See docs/IMPORT.md.
class ImportWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportWizard)

public:
    enum PageId { FilePageId, MappingPageId, ConfirmPageId, ResultPageId };

    ImportWizard(std::shared_ptr<store::Database> database, Portfolio portfolio, QWidget *parent = nullptr);
    ~ImportWizard() override;

    const Portfolio &portfolio() const { return m_portfolio; }
    const std::shared_ptr<store::Database> &database() const { return m_database; }

    QString fileName() const { return m_fileName; }
    void setFileName(const QString &fileName);

    // The layout chosen on the mapping page (a preset until changed).
    const io::ImportMapping &mapping() const { return m_mapping; }
    void setMapping(const io::ImportMapping &mapping) { m_mapping = mapping; }

    // The whole file as read on the confirm page: what the import writes.
    std::shared_ptr<PreviewOutcome> parsed() const { return m_parsed; }
    void setParsed(std::shared_ptr<PreviewOutcome> parsed) { m_parsed = std::move(parsed); }

    // The import is writing: the wizard stays open until it is done.
    bool isImporting() const { return m_importing; }
    void setImporting(bool importing);

Q_SIGNALS:
    void fileNameChanged(const QString &fileName);
    // The mapping page's preview of the first rows is in (also after an error).
    void previewUpdated();
    // The confirm page has read the whole file.
    void countsUpdated();
    // The import ended: `added` entries written, or `error` (nothing written).
    void importFinished(qint64 added, const QString &error);
    // Entries were written into `portfolioId`: the window shows them.
    void imported(pt::RowId portfolioId, qint64 added);

public Q_SLOTS:
    void reject() override;

private:
    std::shared_ptr<store::Database> m_database;
    Portfolio m_portfolio;
    QString m_fileName;
    io::ImportMapping m_mapping;
    std::shared_ptr<PreviewOutcome> m_parsed;
    bool m_importing = false;
};

} // namespace pt::gui
