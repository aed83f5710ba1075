#pragma once

#include <QString>

#include <optional>

namespace pt::cli {

class Context;

// Secrets typed by the user, never taken from the command line (which other
// users of the computer can see): on a terminal asked for on standard error
// and read without echo; from a pipe or a file, one line each.

// Whether standard input is a terminal.
bool stdinIsTerminal();

// One line from standard input, without its line end; nullopt at end of input.
std::optional<QString> readLine();

// The next secret: on a terminal, prompted for with `prompt` ("Password for
// x: ") without echo and, when `confirm`, asked for again and compared; else
// the next line of standard input. On failure nullopt, with `problem` saying
// why ("no password on standard input", "the two passwords differ").
std::optional<QString> readSecret(Context &context, const QString &prompt, bool confirm, QString &problem);

} // namespace pt::cli
