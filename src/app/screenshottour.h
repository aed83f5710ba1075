#pragma once

#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace pt::store {
class Database;
}

namespace pt::gui {
class MainWindow;
class SettingsDialog;
}

// --screenshots <folder>: once the window has loaded and valued its book,
// saves what a newcomer sees — the dashboard, the holdings, an asset's detail
// the settings dialog (market data, and the Store tab with a PostgreSQL server
// filled in but never saved) and the import wizard's mapping page — as PNGs into <folder>, then quits. Grabs the
// widgets themselves (QWidget::grab), so it works on any platform plugin;
// scripts/screenshots runs it under Xvfb on the sample portfolio.
class ScreenshotTour final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotTour)

public:
    ScreenshotTour(QString folder, pt::gui::MainWindow *window, std::shared_ptr<pt::store::Database> database);
    ~ScreenshotTour() override;

private:
    void start();
    void save(QWidget *widget, const QString &name);
    void shootAssetDetail();
    void shootSettings();
    void shootStoreSettings(pt::gui::SettingsDialog *dialog);
    void shootSyncSettings(pt::gui::SettingsDialog *dialog);
    void shootImportWizard();
    void finish(int status);

    QString m_folder;
    QTemporaryDir m_scratch;
    pt::gui::MainWindow *m_window;
    std::shared_ptr<pt::store::Database> m_database;
    bool m_started = false;
};
