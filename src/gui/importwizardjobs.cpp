#include "gui/importwizardjobs.h"

#include "store/database.h"

#include <QFile>
#include <QtConcurrent>

#include <algorithm>

namespace pt::gui {

int ImportJob::percent() const
{
    if (fileSize <= 0)
        return 0;
    return int(std::clamp<qint64>(bytesRead.load() * 100 / fileSize, 0, 100));
}

QFuture<std::shared_ptr<PreviewOutcome>> startImportPreview(std::shared_ptr<store::Database> database,
                                                            RowId portfolioId, const QString &fileName,
                                                            const io::ImportMapping &mapping,
                                                            io::ImportPreviewOptions options,
                                                            std::shared_ptr<ImportJob> job)
{
    job->fileSize = QFileInfo(fileName).size();
    return QtConcurrent::run([database = std::move(database), portfolioId, fileName, mapping,
                              options = std::move(options), job = std::move(job)]() mutable {
        auto outcome = std::make_shared<PreviewOutcome>();
        auto target = io::ImportTarget::load(*database, portfolioId);
        if (!target) {
            outcome->error = target.error();
            return outcome;
        }
        QFile file(fileName);
        if (!file.open(QIODevice::ReadOnly)) {
            outcome->error = file.errorString();
            return outcome;
        }
        options.progress = [job](qint64 bytes) {
            job->bytesRead = bytes;
            return !job->cancelled.load();
        };
        outcome->preview = io::previewImport(file, mapping, *target, options);
        for (const io::ImportRow &row : outcome->preview.sample) {
            if (row.transaction && row.transaction->assetId != 0) {
                if (const Asset *asset = target->asset(row.transaction->assetId))
                    outcome->symbols.insert(asset->id, asset->symbol);
            }
        }
        return outcome;
    });
}

QFuture<std::shared_ptr<Result<io::ImportOutcome>>> startImportCommit(std::shared_ptr<store::Database> database,
                                                                      RowId portfolioId,
                                                                      std::shared_ptr<PreviewOutcome> parsed)
{
    return QtConcurrent::run([database = std::move(database), portfolioId, parsed = std::move(parsed)] {
        io::ImportPreview &preview = parsed->preview;
        auto committed = io::commitImport(*database, portfolioId, std::move(preview.transactions),
                                          preview.transactionRows);
        preview.transactions = {};
        return std::make_shared<Result<io::ImportOutcome>>(std::move(committed));
    });
}

} // namespace pt::gui
