// libFuzzer target: encoding detection and the streaming CSV reader on
// arbitrary bytes. Besides not crashing or hanging, two properties are
// checked: a streamed decode that met no error agrees with the whole-buffer
// decode, and the records do not depend on how the input is cut into chunks.

#include "io/csvreader.h"
#include "io/textdecoding.h"

#include <QBuffer>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

struct Outcome
{
    QList<QStringList> records;
    bool failed = false;
};

Outcome parse(const QByteArray &bytes, pt::io::CsvOptions options)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    pt::io::CsvReader reader(&buffer, options);
    Outcome outcome;
    QStringList record;
    while (reader.next(record))
        outcome.records.append(record);
    outcome.failed = reader.hasError();
    if (outcome.failed && reader.error().message.isEmpty())
        std::abort();
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace pt::io;
    if (size == 0)
        return 0;
    // The last byte also picks the separator and a small chunk size; it stays
    // part of the input, so the seeds are plain CSV files (BOMs included).
    const uint8_t control = data[size - 1];
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    const DecodedText whole = decodeText(bytes);
    TextDecoder streamed;
    QString text;
    const qsizetype step = 1 + (control >> 4);
    for (qsizetype at = 0; at < bytes.size(); at += step)
        text += streamed.decode(QByteArrayView(bytes).sliced(at, std::min(step, bytes.size() - at)));
    text += streamed.finish();
    if (!streamed.hasError() && !whole.hadErrors && streamed.encoding() == whole.encoding && text != whole.text)
        std::abort();

    static const QChar separators[] = {QChar(), QChar(u','), QChar(u';'), QChar(u'\t')};
    CsvOptions options;
    options.separator = separators[control & 3];
    options.requireUniformWidth = (control & 4) != 0;
    options.chunkSize = step;
    const Outcome small = parse(bytes, options);
    options.chunkSize = 64 * 1024;
    const Outcome large = parse(bytes, options);
    if (!small.failed && !large.failed && small.records != large.records)
        std::abort();
    return 0;
}
