#pragma once

// A real portfolio-server process for tests (header-only): a config file and a
// token key file (mode 0600) in a temporary folder, listening on a free
// loopback port, against a database on the test PostgreSQL server
// (postgresstore.h makes one). Keeps what the server writes on stderr.

#include "store/storelocation.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

namespace pt::test {

// One portfolio-server process and what it wrote on stderr.
class ServerProcess
{
public:
    ServerProcess(const QString &binary, const store::PostgresLocation &database, const QString &extraConfig)
    {
        QFile key(m_folder.filePath(QStringLiteral("token.key")));
        if (!key.open(QIODevice::WriteOnly))
            qFatal("cannot write the key file");
        m_key = QByteArray(32, Qt::Uninitialized);
        QRandomGenerator::system()->generate(m_key.begin(), m_key.end());
        key.write(m_key);
        key.close();
        key.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);

        m_configPath = m_folder.filePath(QStringLiteral("portfolio-server.conf"));
        QFile config(m_configPath);
        if (!config.open(QIODevice::WriteOnly))
            qFatal("cannot write the config file");
        config.write(QStringLiteral("listen_address = 127.0.0.1\nlisten_port = 0\n"
                                    "database_host = %1\ndatabase_port = %2\ndatabase_name = %3\n"
                                    "database_user = %4\ndatabase_sslmode = %5\ntoken_key_file = %6\n"
                                    "worker_threads = 4\n%7\n")
                         .arg(database.host)
                         .arg(database.port)
                         .arg(database.database, database.user, database.sslMode, key.fileName(), extraConfig)
                         .toUtf8());
        config.close();

        m_process.setProgram(binary);
        m_process.setArguments({ QStringLiteral("--config"), m_configPath });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                         [this] { m_log += m_process.readAllStandardError(); });
        m_process.start();
    }
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    // Waits for the "listening" line; its port.
    bool waitUntilListening()
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60'000 && m_process.state() != QProcess::NotRunning) {
            for (const QByteArray &line : m_log.split('\n')) {
                const QJsonObject object = QJsonDocument::fromJson(line).object();
                if (object.value(QStringLiteral("msg")) == QStringLiteral("listening")) {
                    m_port = object.value(QStringLiteral("port")).toInt();
                    return m_port > 0;
                }
            }
            m_process.waitForReadyRead(100);
            m_log += m_process.readAllStandardError();
        }
        qWarning("portfolio-server did not start: %s", m_log.constData());
        return false;
    }

    // SIGTERM; whether it ended by itself with exit code 0.
    bool stop()
    {
        m_process.terminate();
        const bool ended = m_process.waitForFinished(20'000);
        m_log += m_process.readAllStandardError();
        return ended && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }

    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    const QByteArray &log() const { return m_log; }
    const QByteArray &key() const { return m_key; }

private:
    QTemporaryDir m_folder;
    QString m_configPath;
    QByteArray m_key;
    QProcess m_process;
    QByteArray m_log;
    int m_port = 0;
};

} // namespace pt::test
