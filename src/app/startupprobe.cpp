#include "startupprobe.h"

#include "gui/dashboardview.h"
#include "gui/mainwindow.h"
#include "gui/valuationservice.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTextStream>
#include <QTimer>

StartupProbe::StartupProbe(const QElapsedTimer &sinceStart, pt::gui::MainWindow *window)
    : QObject(window)
    , m_sinceStart(sinceStart)
    , m_window(window)
{
    window->installEventFilter(this);
    connect(window, &pt::gui::MainWindow::loaded, this, [this] {
        if (m_tables < 0)
            m_tables = m_sinceStart.elapsed();
        check();
    });
    const auto valued = [this] {
        if (m_dashboard < 0)
            m_dashboard = m_sinceStart.elapsed();
        check();
    };
    if (auto *dashboard = window->findChild<pt::gui::DashboardView *>()) {
        connect(dashboard, &pt::gui::DashboardView::figuresShown, this, valued);
        // An empty store or a failed valuation shows a message, not figures.
        const auto settled = [this, dashboard, valued] {
            if (dashboard->state() != pt::gui::DashboardView::State::Ready
                && dashboard->state() != pt::gui::DashboardView::State::Valuing)
                valued();
        };
        connect(window->valuationService(), &pt::gui::ValuationService::ready, this, settled, Qt::QueuedConnection);
        connect(window->valuationService(), &pt::gui::ValuationService::failed, this, settled, Qt::QueuedConnection);
    }
    // Never wait for ever: a store that cannot be valued still reports.
    QTimer::singleShot(60'000, this, [this] {
        QTextStream(stderr) << "start-up probe: gave up after 60 s\n";
        QCoreApplication::exit(1);
    });
}

StartupProbe::~StartupProbe() = default;

bool StartupProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Paint && m_firstPaint < 0) {
        // Measured after the paint itself, once control is back in the loop.
        QTimer::singleShot(0, this, [this] {
            if (m_firstPaint < 0)
                m_firstPaint = m_sinceStart.elapsed();
            check();
        });
    }
    return QObject::eventFilter(watched, event);
}

void StartupProbe::check()
{
    if (m_tables < 0 && !m_window->isLoading() && m_firstPaint >= 0)
        m_tables = m_sinceStart.elapsed();
    if (m_firstPaint < 0 || m_tables < 0 || m_dashboard < 0)
        return;
    QTextStream out(stdout);
    out << "first paint: " << m_firstPaint << " ms\n"
        << "holdings and transactions: " << m_tables << " ms\n"
        << "dashboard drawn: " << m_dashboard << " ms\n";
    out.flush();
    QCoreApplication::exit(0);
}
