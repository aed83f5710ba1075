#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

class QIODevice;

namespace pt::exchange {

// Writes JSON to a device as it goes, for documents too large to build in
// memory first (a book's millions of daily bars). The caller says where
// members and elements go: a container opened with `breakLines` puts each of
// its items on a line of its own, indented; the others stay on one line.
// Output errors are sticky: check ok() (or finish()) at the end.
class JsonWriter final
{
public:
    explicit JsonWriter(QIODevice &device);
    ~JsonWriter();
    Q_DISABLE_COPY_MOVE(JsonWriter)

    void beginObject(bool breakLines = false);
    void endObject();
    void beginArray(bool breakLines = false);
    void endArray();
    // The name of the next member of the current object.
    void name(QStringView name);

    void string(QStringView text);
    void latin1String(QByteArrayView text); // ASCII text, quoted as is (no escapes needed)
    void integer(std::int64_t value);
    void boolean(bool value);
    void null();

    // Flushes what is buffered; false when the device refused some of it.
    bool finish();
    bool ok() const { return m_ok; }
    QString errorString() const { return m_error; }
    std::int64_t bytesWritten() const { return m_written + m_buffer.size(); }

private:
    struct Level
    {
        bool breakLines = false;
        bool empty = true;
        bool isObject = false;
    };
    void beforeValue();
    void newline(int depth);
    void flushIfFull();

    QIODevice &m_device;
    QByteArray m_buffer;
    std::vector<Level> m_levels;
    bool m_afterName = false;
    bool m_ok = true;
    QString m_error;
    std::int64_t m_written = 0;
};

} // namespace pt::exchange
