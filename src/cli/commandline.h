#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace pt::cli {

class Context;

// The parser of one subcommand ("portfolio add"): its own options and --help,
// plus --db, which every subcommand also accepts so it may follow the command.
class CommandLine final
{
public:
    CommandLine(const QString &command, const QString &description);
    Q_DISABLE_COPY_MOVE(CommandLine)

    // An option taking a value, e.g. addValueOption(u"quantity", u"Units bought", u"N").
    void addValueOption(const QString &name, const QString &description, const QString &valueName);
    void addFlag(const QString &name, const QString &description);
    void addJsonFlag();
    // A positional argument; `required` ones come first.
    void addArgument(const QString &name, const QString &description, bool required = true);

    // Parses `arguments` (the command words first). Returns an exit code when
    // the command is over: 0 after printing --help, 2 after a parse error.
    std::optional<int> parse(Context &context, const QStringList &arguments);

    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    // Every value of an option given more than once (--map a=A --map b=B).
    QStringList values(const QString &name) const { return m_parser.values(name); }
    bool json() const { return m_parser.isSet(QStringLiteral("json")); }
    // Positional arguments after the command words.
    QStringList arguments() const { return m_parser.positionalArguments(); }
    QString argument(int index) const { return arguments().value(index); }

    QString helpText() const;

private:
    QCommandLineParser m_parser;
    QString m_command;
    QString m_description;
    QStringList m_argumentSyntax;
    int m_requiredArguments = 0;
    int m_maximumArguments = 0;
};

// One action of a command group ("add" of "portfolio").
struct Action
{
    QString name;
    QString summary;
    std::function<int(Context &, const QStringList &)> run;
};

// Runs `arguments` ("portfolio", "add", ...) through the matching action, or
// prints the group's help.
int runGroup(Context &context, const QString &group, const QString &summary,
             const std::vector<Action> &actions, const QStringList &arguments);

} // namespace pt::cli
