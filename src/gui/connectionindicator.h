#pragma once

#include <QDateTime>
#include <QWidget>

class QLabel;

namespace pt::marketdata {
class HttpClient;
}

namespace pt::jobs {
class JobRunner;
}

namespace pt::gui {

// A status-bar widget: whether the market-data providers answered the last
// request ("Online") or could not be reached ("Offline"), and when the latest
// prices were last refreshed. Follows the HTTP client's onlineChanged, which
// it receives queued on its own thread, and the runner's finished refresh jobs.
class ConnectionIndicator final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionIndicator)

public:
    explicit ConnectionIndicator(QWidget *parent = nullptr);
    ~ConnectionIndicator() override;

    // Shows the client's state now and follows its changes.
    void setHttpClient(const marketdata::HttpClient *http);
    // Notes the end of every successful refresh job of the runner.
    void follow(const jobs::JobRunner *runner);

    bool isOnline() const { return m_online; }
    void setOnline(bool online);
    QDateTime lastRefresh() const { return m_lastRefresh; }
    // Keeps the later of `when` and the time already shown.
    void setLastRefresh(const QDateTime &when);

private:
    void updateText();

    QLabel *m_stateLabel;
    QLabel *m_refreshLabel;
    bool m_online = true;
    QDateTime m_lastRefresh;
};

} // namespace pt::gui
