#pragma once

#include <QObject>
#include <QString>

namespace pt::gui {
class MainWindow;
}

// --screenshots <folder>: once the window has loaded and valued its book,
// saves what a newcomer sees — the dashboard, the holdings, an asset's detail
// and the settings dialog — as PNGs into <folder>, then quits. Grabs the
// widgets themselves (QWidget::grab), so it works on any platform plugin;
// scripts/screenshots runs it under Xvfb on the sample portfolio.
class ScreenshotTour final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotTour)

public:
    ScreenshotTour(QString folder, pt::gui::MainWindow *window);
    ~ScreenshotTour() override;

private:
    void start();
    void save(QWidget *widget, const QString &name);
    void shootAssetDetail();
    void shootSettings();
    void finish(int status);

    QString m_folder;
    pt::gui::MainWindow *m_window;
    bool m_started = false;
};
