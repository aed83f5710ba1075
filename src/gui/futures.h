#pragma once

#include <QCoreApplication>
#include <QFuture>
#include <QPointer>

#include <utility>

namespace pt::gui {

// Runs `handler(result)` on `receiver`'s thread when `future` has its result,
// unless `receiver` is gone by then; then the result is dropped.
//
// QFuture::then(context, ...) alone is not enough in Qt 6.4: a context
// destroyed before the future finishes trips an assertion (and is used after
// its destruction in release builds); Qt 6.6 changed that into a cancel. So
// the continuation's context is the application, which outlives every pool
// task (it waits for the global pool when it ends), and the receiver is
// checked through a QPointer on its own thread before the handler runs.
template<typename T, typename Handler>
void whenReady(QFuture<T> future, QObject *receiver, Handler &&handler)
{
    future.then(QCoreApplication::instance(),
                [receiver = QPointer<QObject>(receiver), handler = std::forward<Handler>(handler)](T result) mutable {
                    if (receiver)
                        handler(std::move(result));
                });
}

} // namespace pt::gui
