#pragma once

#include "io/importmapping.h"

#include <QString>

#include <vector>

namespace pt::io {

// A named layout to start a mapping from. docs/IMPORT.md lists every preset's
// columns, formats and type words; the broker layouts are our own, modelled
// on common broker exports, not any broker's official format.
struct ImportPreset
{
    QString key;         // "generic", "de-broker", "us-broker": for --preset
    QString title;       // English, for --help (the app translates its own)
    QString description;
    ImportMapping mapping;
};

// generic: what `portfolio-cli export transactions` writes, so an export
// imports again as it was. Then the broker layouts.
const std::vector<ImportPreset> &importPresets();
// Null when there is no preset of that key.
const ImportPreset *findImportPreset(QStringView key);
QStringList importPresetKeys();

} // namespace pt::io
