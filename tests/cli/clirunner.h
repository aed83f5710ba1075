#pragma once

#include <QString>
#include <QStringList>

namespace pt::test {

// What one run of portfolio-cli gave.
struct CliRun
{
    int exitCode = -1;
    bool finished = false; // false: it crashed or timed out
    QString out;
    QString err;
};

// The executable under test, from the environment variable PT_CLI.
QString cliPath();

// Runs portfolio-cli with `arguments` and waits for it.
CliRun runCli(const QStringList &arguments, int timeoutMs = 300'000);

// A folder for the test's files: under PT_TEST_TMP when set (ctest), else the system's.
QString testTempRoot();

} // namespace pt::test
