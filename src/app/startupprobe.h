#pragma once

#include <QElapsedTimer>
#include <QObject>

namespace pt::gui {
class MainWindow;
}

// --time-to-first-paint: measures how long the app takes from the start of
// main() to the window's first paint, to the holdings and transactions of the
// selection being in, and to the dashboard's figures, prints the three times
// (one line each, in milliseconds) and quits. The benchmark of start-up on a
// large book runs the app with it.
class StartupProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartupProbe)

public:
    StartupProbe(const QElapsedTimer &sinceStart, pt::gui::MainWindow *window);
    ~StartupProbe() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void check();

    const QElapsedTimer &m_sinceStart;
    pt::gui::MainWindow *m_window;
    qint64 m_firstPaint = -1;
    qint64 m_tables = -1;
    qint64 m_dashboard = -1;
};
