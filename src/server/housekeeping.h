#pragma once

#include "auth/accountservice.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QThreadPool;

namespace pt::server {

// The server's periodic chores, run on the request pool (never on the event
// loop). One so far: deleting the refresh tokens and sessions that can no
// longer be used (AccountService::purgeExpired), at start and every hour, with
// a JSON log line saying what went.
class Housekeeping final : public QObject
{
    Q_OBJECT

public:
    Housekeeping(std::shared_ptr<const store::Database> database, TokenSettings tokens, QThreadPool &pool,
                 QObject *parent = nullptr);

    static constexpr int IntervalMs = 60 * 60 * 1000;

    void start();

private:
    void runOnce();

    std::shared_ptr<const store::Database> m_database;
    AccountService m_accounts;
    QThreadPool &m_pool;
    QTimer m_timer;
};

} // namespace pt::server
