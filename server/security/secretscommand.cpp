#include "security/secretscommand.h"

#include "security/secretnames.h"
#include "security/secretstore.h"

#include <QFileDevice>
#include <QIODevice>
#include <QMetaObject>
#include <QTextStream>

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <termios.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <io.h>
#endif

namespace
{

#if defined(Q_OS_UNIX)
// Turns terminal echo off for its lifetime, so a typed secret does not appear on screen.
class EchoOff
{
public:
    explicit EchoOff(int fd)
        : m_fd(fd)
    {
        m_active = ::tcgetattr(m_fd, &m_saved) == 0;
        if (m_active) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(m_fd, TCSAFLUSH, &quiet);
        }
    }
    ~EchoOff()
    {
        if (m_active)
            ::tcsetattr(m_fd, TCSAFLUSH, &m_saved);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    int m_fd;
    termios m_saved {};
    bool m_active = false;
};

// One line from a terminal, read byte by byte so nothing past the newline is consumed.
QByteArray readTerminalLine(int fd, qint64 limit)
{
    QByteArray line;
    char c = 0;
    while (line.size() <= limit) {
        const ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || c == '\n')
            break;
        line.append(c);
    }
    return line;
}
#endif

QString prefixed(const QString& message)
{
    return QStringLiteral("finagent secrets: ") + message;
}

} // namespace

SecretsCommand::SecretsCommand(
    SecretStore& store, QIODevice* in, QTextStream& out, QTextStream& err, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_in(in)
    , m_out(out)
    , m_err(err)
{ }

QString SecretsCommand::usage()
{
    QString text = QStringLiteral(
        "Usage: finagent secrets <command>\n"
        "\n"
        "Commands:\n"
        "  set <name>       store a secret; its value is read from standard input (typed at a hidden\n"
        "                   prompt, or piped), never from the command line\n"
        "  delete <name>    remove a secret\n"
        "  list             print the names of the stored secrets, one per line (never their values)\n"
        "  status [<name>]  show where secrets are kept and whether that works; with a name, also\n"
        "                   whether that secret is set (exit code 1 if it is not)\n"
        "\n"
        "Names:\n");
    const QStringList forms = SecretNames::describeForms();
    for (const QString& form : forms)
        text += QStringLiteral("  ") + form + QLatin1Char('\n');
    text += QStringLiteral("\n"
                           "Example:\n"
                           "  printf '%s' \"$COINGECKO_KEY\" | finagent secrets set coingecko/api_key\n");
    return text;
}

void SecretsCommand::start(const QStringList& args)
{
    if (m_started)
        return;
    m_started = true;

    if (args.isEmpty()) {
        usageError(QStringLiteral("Say what to do."));
        return;
    }
    const QString verb = args.first();
    const QStringList rest = args.mid(1);
    if (verb == QLatin1String("help") || verb == QLatin1String("--help") || verb == QLatin1String("-h")) {
        m_out << usage();
        finish(ExitOk);
    } else if (verb == QLatin1String("set")) {
        runSet(rest);
    } else if (verb == QLatin1String("delete") || verb == QLatin1String("remove")) {
        runDelete(rest);
    } else if (verb == QLatin1String("list")) {
        runList(rest);
    } else if (verb == QLatin1String("status") || verb == QLatin1String("get-status")) {
        runStatus(rest);
    } else {
        usageError(QStringLiteral("Unknown command \"%1\".").arg(verb));
    }
}

void SecretsCommand::runSet(const QStringList& args)
{
    if (args.isEmpty()) {
        usageError(QStringLiteral("`set` needs the name of the secret to store."));
        return;
    }
    const QString name = args.first();
    if (args.size() > 1) {
        // The value itself is not repeated in the message: it is already exposed enough.
        usageError(QStringLiteral(
            "Refusing to take a secret value from the command line: other users can see command "
            "lines in the process list, and shells keep them in their history. Nothing was stored. "
            "Pipe the value on standard input instead:\n"
            "  printf '%s' \"$VALUE\" | finagent secrets set %1\n"
            "or run `finagent secrets set %1` and type it at the hidden prompt.")
                       .replace(QStringLiteral("%1"), name));
        return;
    }
    if (!checkSetName(name))
        return;
    if (!m_store.isWritable()) {
        fail(QStringLiteral(
            "Secrets here come from %1 and cannot be changed by FinAgent: set %2 (or %2_FILE, a "
            "path to a file holding it) where FinAgent is started.")
                 .arg(m_store.backendName(), SecretNames::envVarFor(name)));
        return;
    }

    const Result<QString> value = readValue(name);
    if (!value.ok()) {
        fail(value.error().message);
        return;
    }
    m_store.write(name, value.value(), this, [this, name](const Result<void>& written) {
        if (!written.ok()) {
            fail(written.error().message);
            return;
        }
        m_out << QStringLiteral("Stored %1 in the %2.").arg(name, m_store.backendName()) << '\n';
        finish(ExitOk);
    });
}

void SecretsCommand::runDelete(const QStringList& args)
{
    if (args.size() != 1) {
        usageError(QStringLiteral("`delete` takes exactly one name."));
        return;
    }
    const QString name = args.first();
    if (!checkName(name))
        return;
    m_store.remove(name, this, [this, name](const Result<void>& removed) {
        if (!removed.ok()) {
            fail(removed.error().message);
            return;
        }
        m_out << QStringLiteral("Removed %1 from the %2.").arg(name, m_store.backendName()) << '\n';
        finish(ExitOk);
    });
}

void SecretsCommand::runList(const QStringList& args)
{
    if (!args.isEmpty()) {
        usageError(QStringLiteral("`list` takes no arguments."));
        return;
    }
    m_store.list(this, [this](const Result<QStringList>& names) {
        if (!names.ok()) {
            fail(names.error().message);
            return;
        }
        if (names->isEmpty())
            m_err << prefixed(QStringLiteral("No secrets are stored in the %1.").arg(m_store.backendName()))
                  << '\n';
        for (const QString& name : *names)
            m_out << name << '\n';
        finish(ExitOk);
    });
}

void SecretsCommand::runStatus(const QStringList& args)
{
    if (args.size() > 1) {
        usageError(QStringLiteral("`status` takes at most one name."));
        return;
    }
    const QString name = args.value(0);
    if (!name.isEmpty() && !checkName(name))
        return;

    m_out << QStringLiteral("Backend: %1").arg(m_store.backendName()) << '\n'
          << QStringLiteral("Writable: %1")
                 .arg(m_store.isWritable() ? QStringLiteral("yes") : QStringLiteral("no"))
          << '\n';
    m_store.probe(this, [this, name](const Result<void>& probed) {
        if (!probed.ok()) {
            m_out << "Status: not working" << '\n';
            fail(probed.error().message);
            return;
        }
        m_out << "Status: working" << '\n';
        if (name.isEmpty()) {
            finish(ExitOk);
            return;
        }
        // The value is only looked at to learn whether it exists; it is dropped at once.
        m_store.read(name, this, [this, name](const Result<QString>& value) {
            if (value.ok()) {
                m_out << name << ": set" << '\n';
                finish(ExitOk);
            } else if (value.error().code == QLatin1String("secret_not_found")) {
                m_out << name << ": not set" << '\n';
                finish(ExitFailure);
            } else {
                fail(value.error().message);
            }
        });
    });
}

bool SecretsCommand::checkName(const QString& name)
{
    QString why;
    if (SecretNames::isValid(name, &why))
        return true;
    usageError(why);
    return false;
}

bool SecretsCommand::checkSetName(const QString& name)
{
    if (!checkName(name))
        return false;
    if (SecretNames::isKnown(name))
        return true;
    const QString meant = SecretNames::canonical(name);
    if (!meant.isEmpty())
        usageError(QStringLiteral("FinAgent reads no secret named %1; did you mean %2?").arg(name, meant));
    else
        usageError(QStringLiteral("FinAgent reads no secret named %1.").arg(name));
    return false;
}

int SecretsCommand::terminalHandle() const
{
    const auto* file = qobject_cast<const QFileDevice*>(m_in);
    if (!file || file->handle() < 0)
        return -1;
#if defined(Q_OS_UNIX)
    return ::isatty(file->handle()) ? file->handle() : -1;
#elif defined(Q_OS_WIN)
    return ::_isatty(file->handle()) ? file->handle() : -1;
#else
    return -1;
#endif
}

Result<QString> SecretsCommand::readValue(const QString& name)
{
    if (!m_in || !m_in->isReadable()) {
        return Error(QStringLiteral("no_input"),
            QStringLiteral("Standard input cannot be read; pipe the value of %1 in.").arg(name));
    }

    QByteArray data;
    const int tty = terminalHandle();
    if (tty >= 0) {
        m_err << QStringLiteral("Value for %1 (typing is hidden): ").arg(name) << Qt::flush;
#if defined(Q_OS_UNIX)
        {
            const EchoOff quiet(tty);
            data = readTerminalLine(tty, maxValueBytes);
        }
        m_err << '\n' << Qt::flush;
#else
        data = m_in->readLine(maxValueBytes + 2);
#endif
    } else {
        // Piped input: everything up to end of file.
        while (data.size() <= maxValueBytes) {
            const QByteArray chunk = m_in->read(maxValueBytes + 1 - data.size());
            if (chunk.isEmpty())
                break;
            data.append(chunk);
        }
    }

    if (data.endsWith('\n'))
        data.chop(1);
    if (data.endsWith('\r'))
        data.chop(1);
    if (data.size() > maxValueBytes) {
        return Error(QStringLiteral("secret_too_large"),
            QStringLiteral("The value for %1 is longer than %2 bytes; nothing was stored.")
                .arg(name)
                .arg(maxValueBytes));
    }
    if (data.isEmpty()) {
        return Error(QStringLiteral("secret_empty"),
            QStringLiteral("No value was given for %1, so nothing was stored: type it at the prompt or "
                           "pipe it on standard input. To remove a secret use `finagent secrets delete "
                           "%1`.")
                .arg(name));
    }
    return QString::fromUtf8(data);
}

void SecretsCommand::usageError(const QString& message)
{
    m_err << prefixed(message) << '\n' << '\n' << usage();
    finish(ExitUsage);
}

void SecretsCommand::fail(const QString& message)
{
    m_err << prefixed(message) << '\n';
    finish(ExitFailure);
}

void SecretsCommand::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_out.flush();
    m_err.flush();
    QMetaObject::invokeMethod(
        this, [this, exitCode]() { Q_EMIT finished(exitCode); }, Qt::QueuedConnection);
}
