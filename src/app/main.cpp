#include "gui/mainwindow.h"
#include "store/database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>

#include <cstring>

namespace {

void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("Portfolio Tracker"));
    QCoreApplication::setOrganizationName(QStringLiteral("PortfolioTracker"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PT_VERSION));
}

QCommandLineOption addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Tracks investment portfolios offline, exactly."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption database(
        QStringLiteral("db"),
        QCoreApplication::translate("main", "Open the SQLite store at <path> instead of the default one."),
        QCoreApplication::translate("main", "path"));
    parser.addOption(database);
    return database;
}

// --help and --version print and exit: they need no display.
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *option : {"-h", "--help", "--help-all", "-v", "--version", "-?"}) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (onlyPrints(argc, argv)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QCommandLineParser parser;
        addOptions(parser);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setIdentity();
    QGuiApplication::setDesktopFileName(QStringLiteral("portfolio-tracker"));

    QCommandLineParser parser;
    const QCommandLineOption databaseOption = addOptions(parser);
    parser.process(app);

    // The default store lives in the application data folder named above.
    const QString path = parser.isSet(databaseOption) ? parser.value(databaseOption)
                                                      : pt::store::Database::defaultSqlitePath();
    auto database = pt::store::Database::openSqlite(path);
    if (!database) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Portfolio Tracker"),
                              QCoreApplication::translate("main", "The store %1 could not be opened.\n\n%2")
                                  .arg(QDir::toNativeSeparators(path), database.error()));
        return 1;
    }

    pt::gui::MainWindow window(std::move(database).value());
    window.show();
    return QApplication::exec();
}
