#include "stopsignals.h"

#include <QSocketNotifier>

#include <csignal>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#else
#include <QTimer>
#include <atomic>
#endif

namespace pt::cli {

namespace {

#ifdef Q_OS_UNIX
// The self-pipe: written by the handler, read by the notifier. One per
// process, as signal handlers are.
int s_pipe[2] = {-1, -1};
struct sigaction s_previousInt;
struct sigaction s_previousTerm;

void onSignal(int signalNumber)
{
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    // Nothing to do if the pipe is full: a stop is already pending.
    [[maybe_unused]] const auto written = ::write(s_pipe[1], &byte, 1);
}
#else
std::atomic<int> s_pending{0};
void onSignal(int signalNumber)
{
    s_pending.store(signalNumber);
}
#endif

} // namespace

StopSignals::StopSignals(QObject *parent) : QObject(parent)
{
#ifdef Q_OS_UNIX
    if (::pipe(s_pipe) != 0)
        return;
    for (const int fd : s_pipe) {
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    m_notifier = new QSocketNotifier(s_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StopSignals::readPipe);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &s_previousInt);
    ::sigaction(SIGTERM, &action, &s_previousTerm);
#else
    // No pipes for signals here: the handler sets a flag that a timer reads.
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &StopSignals::readPipe);
    timer->start(200);
#endif
}

StopSignals::~StopSignals()
{
#ifdef Q_OS_UNIX
    ::sigaction(SIGINT, &s_previousInt, nullptr);
    ::sigaction(SIGTERM, &s_previousTerm, nullptr);
    delete m_notifier;
    m_notifier = nullptr;
    for (int &fd : s_pipe) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
#else
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
#endif
}

void StopSignals::readPipe()
{
#ifdef Q_OS_UNIX
    unsigned char byte = 0;
    int last = 0;
    while (::read(s_pipe[0], &byte, 1) == 1)
        last = byte;
    if (last != 0)
        Q_EMIT stopRequested(last);
#else
    if (const int pending = s_pending.exchange(0); pending != 0)
        Q_EMIT stopRequested(pending);
#endif
}

} // namespace pt::cli
