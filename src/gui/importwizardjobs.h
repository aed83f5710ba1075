#pragma once

#include "io/importcommit.h"
#include "io/importmapping.h"
#include "io/transactionimport.h"

#include <QFuture>
#include <QHash>
#include <QString>

#include <atomic>
#include <memory>

namespace pt::store {
class Database;
}

namespace pt::gui {

// One read of the file on a worker, shared with the page that started it: the
// page polls how far it got and may cancel it; the worker only reads the
// atomics it is given.
struct ImportJob
{
    std::atomic<bool> cancelled{false};
    std::atomic<qint64> bytesRead{0};
    qint64 fileSize = 0;

    // 0 to 100, from the bytes read so far.
    int percent() const;
};

struct PreviewOutcome
{
    io::ImportPreview preview;
    QHash<RowId, QString> symbols; // of the assets the kept rows refer to
    QString error;                 // the store or the file could not be read at all
};

// Reads `fileName` through `mapping` into a preview, on the global thread
// pool with that thread's own store connection.
QFuture<std::shared_ptr<PreviewOutcome>> startImportPreview(std::shared_ptr<store::Database> database,
                                                            RowId portfolioId, const QString &fileName,
                                                            const io::ImportMapping &mapping,
                                                            io::ImportPreviewOptions options,
                                                            std::shared_ptr<ImportJob> job);

// Commits a preview's parsed entries (io::commitImport), on the pool.
QFuture<std::shared_ptr<Result<io::ImportOutcome>>> startImportCommit(std::shared_ptr<store::Database> database,
                                                                      RowId portfolioId,
                                                                      std::shared_ptr<PreviewOutcome> parsed);

} // namespace pt::gui
