#pragma once

#include <QObject>

class QSocketNotifier;

namespace pt::server {

// SIGTERM and SIGINT as a Qt signal on the event loop (through a self-pipe:
// a POSIX signal handler may do almost nothing, writing a byte is allowed).
class ShutdownSignals final : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;
    Q_DISABLE_COPY_MOVE(ShutdownSignals)

Q_SIGNALS:
    void received(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace pt::server
