#include "housekeeping.h"

#include "jsonlog.h"

#include <QDateTime>
#include <QJsonObject>
#include <QThreadPool>

namespace pt::server {

Housekeeping::Housekeeping(std::shared_ptr<const store::Database> database, TokenSettings tokens, QThreadPool &pool,
                           QObject *parent)
    : QObject(parent), m_database(std::move(database)), m_accounts(*m_database, std::move(tokens)), m_pool(pool)
{
    m_timer.setInterval(IntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Housekeeping::runOnce);
}

void Housekeeping::start()
{
    runOnce();
    m_timer.start();
}

void Housekeeping::runOnce()
{
    // The task keeps what it uses: it may still run while the server stops.
    m_pool.start([database = m_database, accounts = m_accounts] {
        const auto purged = accounts.purgeExpired(QDateTime::currentMSecsSinceEpoch());
        if (!purged) {
            jsonlog::error(QStringLiteral("purging expired logins failed (the reason is logged above)"));
            return;
        }
        if (purged->refreshTokens > 0 || purged->sessions > 0)
            jsonlog::info(QStringLiteral("purged expired logins"),
                          {{QStringLiteral("refreshTokens"), purged->refreshTokens},
                           {QStringLiteral("sessions"), purged->sessions}});
    });
}

} // namespace pt::server
