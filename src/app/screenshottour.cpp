#include "screenshottour.h"

#include "gui/assetdetailview.h"
#include "gui/dashboardview.h"
#include "gui/itemroles.h"
#include "gui/mainwindow.h"
#include "gui/settingsdialog.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

ScreenshotTour::ScreenshotTour(QString folder, pt::gui::MainWindow *window)
    : QObject(window)
    , m_folder(std::move(folder))
    , m_window(window)
{
    auto *dashboard = window->findChild<pt::gui::DashboardView *>();
    // The dashboard's figures and its allocation and gains are in: begin.
    connect(dashboard, &pt::gui::DashboardView::detailsShown, this, &ScreenshotTour::start);
    QTimer::singleShot(120'000, this, [this] {
        QTextStream(stderr) << "screenshots: the window did not finish loading within 2 minutes\n";
        finish(1);
    });
}

ScreenshotTour::~ScreenshotTour() = default;

void ScreenshotTour::save(QWidget *widget, const QString &name)
{
    const QString path = QDir(m_folder).filePath(name);
    if (!widget->grab().save(path)) {
        QTextStream(stderr) << "screenshots: cannot write " << path << '\n';
        finish(1);
        return;
    }
    QTextStream(stdout) << path << '\n';
}

void ScreenshotTour::start()
{
    if (m_started)
        return;
    m_started = true;
    // Let the last layout and paint settle first.
    QTimer::singleShot(500, this, [this] {
        auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("tabs"));
        tabs->setCurrentIndex(0);
        save(m_window, QStringLiteral("dashboard.png"));
        tabs->setCurrentWidget(m_window->findChild<QWidget *>(QStringLiteral("holdingsTab")));
        QTimer::singleShot(300, this, [this] {
            save(m_window, QStringLiteral("holdings.png"));
            shootAssetDetail();
        });
    });
}

void ScreenshotTour::shootAssetDetail()
{
    auto *holdings = m_window->findChild<QTableView *>(QStringLiteral("holdingsView"));
    const pt::RowId assetId = holdings->model()->index(0, 0).data(pt::gui::IdRole).toLongLong();
    auto *detail = m_window->findChild<pt::gui::AssetDetailView *>();
    if (assetId == 0 || !detail) {
        shootSettings();
        return;
    }
    connect(detail, &pt::gui::AssetDetailView::loaded, this, [this] {
        QTimer::singleShot(500, this, [this] {
            save(m_window, QStringLiteral("asset-detail.png"));
            shootSettings();
        });
    }, Qt::SingleShotConnection);
    m_window->showAssetDetail(assetId, m_window->currentPortfolioId());
}

void ScreenshotTour::shootSettings()
{
    m_window->findChild<QAction *>(QStringLiteral("actionSettings"))->trigger();
    QTimer::singleShot(500, this, [this] {
        if (auto *dialog = m_window->findChild<pt::gui::SettingsDialog *>()) {
            // The market-data page: the one with the most to configure.
            if (auto *pages = dialog->findChild<QTabWidget *>())
                pages->setCurrentIndex(1);
            QTimer::singleShot(300, this, [this, dialog] {
                save(dialog, QStringLiteral("settings.png"));
                finish(0);
            });
            return;
        }
        finish(0);
    });
}

void ScreenshotTour::finish(int status)
{
    QCoreApplication::exit(status);
}
