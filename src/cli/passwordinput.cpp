#include "passwordinput.h"

#include "context.h"

#include <QTextStream>

#include <cstdio>
#include <string>

#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace pt::cli {

namespace {

// Turns the terminal's echo off for as long as it lives.
class EchoOff final
{
public:
    EchoOff()
    {
#ifdef Q_OS_WIN
        m_handle = GetStdHandle(STD_INPUT_HANDLE);
        m_active = GetConsoleMode(m_handle, &m_mode) && SetConsoleMode(m_handle, m_mode & ~ENABLE_ECHO_INPUT);
#else
        if (::tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios silent = m_saved;
            silent.c_lflag &= ~tcflag_t(ECHO);
            silent.c_lflag |= ECHONL;
            m_active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0;
        }
#endif
    }
    ~EchoOff()
    {
        if (!m_active)
            return;
#ifdef Q_OS_WIN
        SetConsoleMode(m_handle, m_mode);
#else
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
#endif
    }
    Q_DISABLE_COPY_MOVE(EchoOff)

private:
    bool m_active = false;
#ifdef Q_OS_WIN
    HANDLE m_handle = nullptr;
    DWORD m_mode = 0;
#else
    termios m_saved {};
#endif
};

} // namespace

bool stdinIsTerminal()
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stdin)) != 0;
#else
    return ::isatty(STDIN_FILENO) != 0;
#endif
}

std::optional<QString> readLine()
{
    std::string line;
    int c = 0;
    bool any = false;
    while ((c = std::getchar()) != EOF) {
        any = true;
        if (c == '\n')
            break;
        line.push_back(char(c));
    }
    if (!any)
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

std::optional<QString> readSecret(Context &context, const QString &prompt, bool confirm, QString &problem)
{
    if (!stdinIsTerminal()) {
        auto line = readLine();
        if (!line)
            problem = QStringLiteral("no password on standard input");
        return line;
    }
    EchoOff echoOff;
    context.err() << prompt << Qt::flush;
    const auto first = readLine();
    if (!first) {
        problem = QStringLiteral("no password entered");
        return std::nullopt;
    }
    if (!confirm)
        return first;
    context.err() << "Again, to be sure: " << Qt::flush;
    const auto second = readLine();
    if (!second) {
        problem = QStringLiteral("no password entered");
        return std::nullopt;
    }
    if (*first != *second) {
        problem = QStringLiteral("the two passwords differ; nothing was stored");
        return std::nullopt;
    }
    return first;
}

} // namespace pt::cli
