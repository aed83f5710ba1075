// Every provider against a real HTTP server on loopback, answering in the
// providers' real formats (tests/data/marketdata). One executable, a test
// class per file: providers_yahoo.cpp, providers_crypto.cpp, providers_ecb.cpp.

#include <QCoreApplication>
#include <QTest>

int runYahooProviderTests(int argc, char **argv);
int runCryptoProviderTests(int argc, char **argv);
int runEcbAndCommonTests(int argc, char **argv);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failures = 0;
    for (auto run : { runYahooProviderTests, runCryptoProviderTests, runEcbAndCommonTests })
        failures += run(argc, argv);
    return failures;
}
