#pragma once

#include "store/database.h"

#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <memory>

namespace pt::bench {

// A fresh SQLite store in a temporary folder on the same disk as the build.
struct ScratchStore
{
    QTemporaryDir folder;
    std::shared_ptr<store::Database> database;

    ScratchStore()
    {
        auto opened = store::Database::openSqlite(folder.filePath(QStringLiteral("bench.sqlite")));
        if (!opened)
            qFatal("cannot open the benchmark store: %s", qPrintable(opened.error()));
        database = std::move(opened).value();
    }
};

} // namespace pt::bench
