#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

class QWidget;

namespace pt::gui {

// Shows a widget while work runs and hides it only once nothing has run for
// a moment. A job queue running one job after another would otherwise hide
// and show it between every two jobs, and each toggle lays the window out
// again on the GUI thread (the progress bars did, for every job of a
// thousand-asset backfill).
class LingeringVisibility final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LingeringVisibility)

public:
    explicit LingeringVisibility(QWidget *widget, std::chrono::milliseconds linger = std::chrono::seconds(1));
    ~LingeringVisibility() override;

    void setBusy(bool busy);

private:
    QWidget *m_widget;
    QTimer m_hide;
};

} // namespace pt::gui
