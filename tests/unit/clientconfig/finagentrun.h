#pragma once

#include "testenv.h"

#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

// Runs the real finagent binary (FINAGENT_BINARY) with HOME and XDG_CONFIG_HOME in a temporary
// folder, so clients' config files land there and nowhere else.
struct FinagentRun
{
    bool finished = false;
    int exitCode = -1;
    QString out;
    QString err;
};

class FinagentRunner
{
public:
    explicit FinagentRunner(const QString& home)
        : m_home(home)
    { }

    QString home() const { return m_home; }
    QString xdgConfigHome() const { return m_home + QStringLiteral("/.config"); }

    FinagentRun run(
        const QStringList& args, const QByteArray& input = QByteArray(), int timeoutMs = 60000) const
    {
        FinagentRun result;
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), xdgConfigHome());
        env.remove(QStringLiteral("APPIMAGE"));
        process.setProcessEnvironment(env);
        QSignalSpy done(&process, &QProcess::finished);
        process.start(finagentBinary(), args);
        if (!input.isEmpty())
            process.write(input);
        process.closeWriteChannel();
        result.finished = done.wait(timeoutMs) || !done.isEmpty();
        if (!result.finished) {
            process.kill();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    static QString program() { return QFileInfo(finagentBinary()).canonicalFilePath(); }

private:
    QString m_home;
};
