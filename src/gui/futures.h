#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace pt::gui {

// Runs `handler(result)` on `receiver`'s thread when `future` has its result,
// unless `receiver` is gone by then; then the result is dropped.
//
// A QFutureWatcher owned by the receiver, rather than QFuture::then(context,
// ...), because in Qt 6.4 that continuation is unreliable: a context destroyed
// before the future finishes trips an assertion (Qt 6.6 made it a cancel), and
// under load a continuation attached to a future that had already finished was
// seen never to run. A watcher reports a finished future at once, and dies with
// its receiver.
template<typename T, typename Handler>
void whenReady(QFuture<T> future, QObject *receiver, Handler &&handler)
{
    auto *watcher = new QFutureWatcher<T>(receiver);
    QObject::connect(watcher, &QFutureWatcherBase::finished, receiver,
                     [watcher, handler = std::forward<Handler>(handler)]() mutable {
                         watcher->deleteLater();
                         handler(watcher->result());
                     });
    watcher->setFuture(std::move(future));
}

} // namespace pt::gui
