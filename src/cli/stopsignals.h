#pragma once

#include <QObject>

class QSocketNotifier;

namespace pt::cli {

// Turns SIGINT and SIGTERM into a queued Qt signal, so a long-running command
// (daemon, fetch) can stop cleanly from its event loop: the handler only
// writes a byte to a pipe (the one thing that is safe in a signal handler),
// and a QSocketNotifier reads it on the main thread. While an object exists,
// the signals do not kill the process; the previous handlers come back with
// its destruction.
class StopSignals final : public QObject
{
    Q_OBJECT

public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;
    Q_DISABLE_COPY_MOVE(StopSignals)

Q_SIGNALS:
    void stopRequested(int signalNumber);

private:
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace pt::cli
