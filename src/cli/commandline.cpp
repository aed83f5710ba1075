#include "commandline.h"

#include "context.h"

#include <algorithm>

namespace pt::cli {

namespace {

// Wraps prose at word boundaries for an 80-column terminal, as Qt does the options.
QString wrapped(const QString &text, qsizetype width = 79)
{
    QString result;
    qsizetype lineLength = 0;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (lineLength > 0 && lineLength + 1 + word.size() > width) {
            result += u'\n';
            lineLength = 0;
        } else if (lineLength > 0) {
            result += u' ';
            ++lineLength;
        }
        result += word;
        lineLength += word.size();
    }
    return result;
}

} // namespace

CommandLine::CommandLine(const QString &command, const QString &description)
    : m_command(command), m_description(description)
{
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addHelpOption();
    addValueOption(QStringLiteral("db"), QStringLiteral("The store, an SQLite file (default: the app's store)."),
                   QStringLiteral("path"));
}

void CommandLine::addValueOption(const QString &name, const QString &description, const QString &valueName)
{
    m_parser.addOption(QCommandLineOption(name, description, valueName));
}

void CommandLine::addFlag(const QString &name, const QString &description)
{
    m_parser.addOption(QCommandLineOption(name, description));
}

void CommandLine::addJsonFlag()
{
    addFlag(QStringLiteral("json"), QStringLiteral("Print JSON instead of a table; decimals are exact strings."));
}

void CommandLine::addArgument(const QString &name, const QString &description, bool required)
{
    m_parser.addPositionalArgument(name, description, required ? name : u'[' + name + u']');
    m_argumentSyntax << (required ? name : u'[' + name + u']');
    if (required)
        ++m_requiredArguments;
    ++m_maximumArguments;
}

QString CommandLine::helpText() const
{
    // Qt's own usage line names the executable only; ours names the command.
    QString text = m_parser.helpText();
    const qsizetype options = text.indexOf(QStringLiteral("Options:"));
    QString usage = QStringLiteral("Usage: portfolio-cli [--db path] %1 [options]").arg(m_command);
    if (!m_argumentSyntax.isEmpty())
        usage += u' ' + m_argumentSyntax.join(u' ');
    return usage + u"\n\n" + wrapped(m_description) + u"\n\n" + (options >= 0 ? text.mid(options) : text);
}

std::optional<int> CommandLine::parse(Context &context, const QStringList &arguments)
{
    // Qt's parser skips the first element as the program name; the command
    // words stand in for it.
    const qsizetype words = m_command.count(u' ') + 1;
    QStringList list{u"portfolio-cli " + m_command};
    list += arguments.mid(words);
    if (!m_parser.parse(list))
        return context.badInput(m_parser.errorText() + QStringLiteral(" (see '%1 --help')").arg(m_command));
    if (m_parser.isSet(QStringLiteral("help"))) {
        context.out() << helpText();
        return ExitSuccess;
    }
    const qsizetype count = m_parser.positionalArguments().size();
    if (count < m_requiredArguments)
        return context.badInput(QStringLiteral("%1: missing %2 (see '%1 --help')")
                                    .arg(m_command, m_argumentSyntax.value(int(count))));
    if (count > m_maximumArguments)
        return context.badInput(QStringLiteral("%1: unexpected argument '%2'")
                                    .arg(m_command, m_parser.positionalArguments().value(m_maximumArguments)));
    if (m_parser.isSet(QStringLiteral("db")))
        context.setDatabasePath(m_parser.value(QStringLiteral("db")));
    return std::nullopt;
}

int runGroup(Context &context, const QString &group, const QString &summary,
             const std::vector<Action> &actions, const QStringList &arguments)
{
    const QString action = arguments.value(1);
    for (const Action &candidate : actions) {
        if (candidate.name == action)
            return candidate.run(context, arguments);
    }
    const bool help = action == u"--help" || action == u"-h" || action == u"help";
    QString text = QStringLiteral("Usage: portfolio-cli [--db path] %1 <action> [options]\n\n%2\n\nActions:\n")
                       .arg(group, wrapped(summary));
    qsizetype nameWidth = 0;
    for (const Action &candidate : actions)
        nameWidth = std::max(nameWidth, candidate.name.size());
    for (const Action &candidate : actions)
        text += QStringLiteral("  %1%2\n").arg(candidate.name.leftJustified(nameWidth + 2), candidate.summary);
    text += QStringLiteral("\nRun 'portfolio-cli %1 <action> --help' for the options of an action.\n").arg(group);
    if (help) {
        context.out() << text;
        return ExitSuccess;
    }
    context.err() << text;
    return action.isEmpty() ? context.badInput(QStringLiteral("%1: missing action").arg(group))
                            : context.badInput(QStringLiteral("%1: unknown action '%2'").arg(group, action));
}

} // namespace pt::cli
