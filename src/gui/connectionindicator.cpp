#include "gui/connectionindicator.h"

#include "jobs/jobrunner.h"
#include "marketdata/httpclient.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace pt::gui {

ConnectionIndicator::ConnectionIndicator(QWidget *parent)
    : QWidget(parent)
    , m_stateLabel(new QLabel(this))
    , m_refreshLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("connectionIndicator"));
    m_stateLabel->setObjectName(QStringLiteral("onlineLabel"));
    m_refreshLabel->setObjectName(QStringLiteral("lastRefreshLabel"));
    m_stateLabel->setTextFormat(Qt::RichText);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2 * fontMetrics().averageCharWidth());
    layout->addWidget(m_stateLabel);
    layout->addWidget(m_refreshLabel);
    updateText();
}

ConnectionIndicator::~ConnectionIndicator() = default;

void ConnectionIndicator::setHttpClient(const marketdata::HttpClient *http)
{
    if (!http)
        return;
    // Emitted on the client's own thread: queued to this one.
    connect(http, &marketdata::HttpClient::onlineChanged, this, &ConnectionIndicator::setOnline,
            Qt::QueuedConnection);
    setOnline(http->isOnline());
}

void ConnectionIndicator::follow(const jobs::JobRunner *runner)
{
    connect(runner, &jobs::JobRunner::jobFinished, this, [this](const store::Job &job) {
        if (job.kind != store::Job::Kind::Refresh || job.state != store::Job::State::Done)
            return;
        setLastRefresh(job.finishedAt > 0 ? QDateTime::fromMSecsSinceEpoch(job.finishedAt).toLocalTime()
                                          : QDateTime::currentDateTime());
    });
}

void ConnectionIndicator::setOnline(bool online)
{
    m_online = online;
    updateText();
}

void ConnectionIndicator::setLastRefresh(const QDateTime &when)
{
    if (!when.isValid() || (m_lastRefresh.isValid() && when <= m_lastRefresh))
        return;
    m_lastRefresh = when;
    updateText();
}

void ConnectionIndicator::updateText()
{
    // A coloured dot, then the word: the word alone carries the meaning.
    const QString dot = QStringLiteral("<span style=\"color:%1\">&#x25CF;</span> ")
                            .arg(m_online ? QStringLiteral("#2e9e44") : QStringLiteral("#d23c3c"));
    m_stateLabel->setText(dot + (m_online ? tr("Online") : tr("Offline")).toHtmlEscaped());
    m_stateLabel->setToolTip(m_online
                                 ? tr("The market-data providers answered the last request.")
                                 : tr("The market-data providers could not be reached. Prices are "
                                      "shown from the store; jobs retry later."));

    if (!m_lastRefresh.isValid()) {
        m_refreshLabel->setText(tr("Last refresh: never"));
        return;
    }
    const QLocale locale;
    const bool today = m_lastRefresh.date() == QDate::currentDate();
    const QString when = today ? locale.toString(m_lastRefresh.time(), QLocale::ShortFormat)
                               : locale.toString(m_lastRefresh, QLocale::ShortFormat);
    m_refreshLabel->setText(tr("Last refresh: %1").arg(when));
    m_refreshLabel->setToolTip(tr("Latest prices fetched %1").arg(locale.toString(m_lastRefresh, QLocale::LongFormat)));
}

} // namespace pt::gui
