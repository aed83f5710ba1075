#include "screenshottour.h"

#include "gui/assetdetailview.h"
#include "gui/dashboardview.h"
#include "gui/itemroles.h"
#include "gui/mainwindow.h"
#include "gui/importwizard.h"
#include "gui/settingsdialog.h"
#include "io/csvexport.h"
#include "store/portfoliorepository.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QCoreApplication>
#include <QDir>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

ScreenshotTour::ScreenshotTour(QString folder, pt::gui::MainWindow *window,
                               std::shared_ptr<pt::store::Database> database)
    : QObject(window)
    , m_folder(std::move(folder))
    , m_window(window)
    , m_database(std::move(database))
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
                shootStoreSettings(dialog);
            });
            return;
        }
        finish(0);
    });
}

void ScreenshotTour::shootStoreSettings(pt::gui::SettingsDialog *dialog)
{
    // The Store tab as someone choosing a PostgreSQL server sees it. The dialog
    // is rejected afterwards: nothing of this reaches the settings.
    auto *pages = dialog->findChild<QTabWidget *>();
    auto *storeTab = dialog->findChild<QWidget *>(QStringLiteral("storeTab"));
    auto *backend = dialog->findChild<QComboBox *>(QStringLiteral("storeBackendCombo"));
    if (!pages || !storeTab || !backend) {
        dialog->reject();
        shootImportWizard();
        return;
    }
    pages->setCurrentWidget(storeTab);
    backend->setCurrentIndex(backend->count() - 1);
    const auto fill = [dialog](const char *name, const QString &text) {
        if (auto *edit = dialog->findChild<QLineEdit *>(QLatin1String(name)))
            edit->setText(text);
    };
    fill("hostEdit", QStringLiteral("db.example.org"));
    fill("databaseEdit", QStringLiteral("portfolio"));
    fill("userEdit", QStringLiteral("alice"));
    QTimer::singleShot(300, this, [this, dialog] {
        save(dialog, QStringLiteral("settings-store.png"));
        shootSyncSettings(dialog);
    });
}

void ScreenshotTour::shootSyncSettings(pt::gui::SettingsDialog *dialog)
{
    // The Sync tab as someone about to sign in sees it (nothing is sent).
    auto *pages = dialog->findChild<QTabWidget *>();
    auto *syncTab = dialog->findChild<QWidget *>(QStringLiteral("syncTab"));
    if (pages && syncTab) {
        pages->setCurrentWidget(syncTab);
        if (auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("syncServerEdit")))
            edit->setText(QStringLiteral("https://sync.example.org"));
        if (auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("syncEmailEdit")))
            edit->setText(QStringLiteral("alice@example.org"));
        if (auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("syncPasswordEdit")))
            edit->setText(QStringLiteral("not a real password"));
    }
    QTimer::singleShot(300, this, [this, dialog, shot = pages && syncTab] {
        if (shot)
            save(dialog, QStringLiteral("settings-sync.png"));
        dialog->reject();
        shootImportWizard();
    });
}

void ScreenshotTour::shootImportWizard()
{
    // The mapping page on a file of the shown portfolio's own entries, as our
    // CSV export writes them: the preview then says they are already present.
    const auto portfolios = pt::store::PortfolioRepository(*m_database).list();
    const QString file = m_scratch.filePath(QStringLiteral("entries.csv"));
    QFile out(file);
    if (!portfolios || portfolios->empty() || !out.open(QIODevice::WriteOnly)
        || !pt::io::exportTransactions(*m_database, portfolios->front().id, out)) {
        finish(0);
        return;
    }
    out.close();
    auto *wizard = new pt::gui::ImportWizard(m_database, portfolios->front(), m_window);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setFileName(file);
    connect(wizard, &pt::gui::ImportWizard::previewUpdated, this, [this, wizard] {
        QTimer::singleShot(500, this, [this, wizard] {
            save(wizard, QStringLiteral("import.png"));
            wizard->reject();
            finish(0);
        });
    }, Qt::SingleShotConnection);
    wizard->open();
    wizard->next();
}

void ScreenshotTour::finish(int status)
{
    QCoreApplication::exit(status);
}
