#include "testenv.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>

TestEnv::TestEnv()
{
    QStandardPaths::setTestModeEnabled(true);
    QDir(m_dir.path()).mkpath(QStringLiteral("data"));
    QDir(m_dir.path()).mkpath(QStringLiteral("config"));
    set("FINAGENT_DATA_DIR", dataDir().toUtf8());
    set("FINAGENT_CONFIG_DIR", configDir().toUtf8());
}

TestEnv::~TestEnv()
{
    for (auto it = m_saved.crbegin(); it != m_saved.crend(); ++it) {
        if (it->second == QByteArray("\0", 1))
            qunsetenv(it->first.constData());
        else
            qputenv(it->first.constData(), it->second);
    }
}

QString TestEnv::dataDir() const
{
    return m_dir.filePath(QStringLiteral("data"));
}

QString TestEnv::configDir() const
{
    return m_dir.filePath(QStringLiteral("config"));
}

void TestEnv::set(const char* name, const QByteArray& value)
{
    m_saved.append({QByteArray(name), qEnvironmentVariableIsSet(name) ? qgetenv(name) : QByteArray("\0", 1)});
    qputenv(name, value);
}

void TestEnv::unset(const char* name)
{
    m_saved.append({QByteArray(name), qEnvironmentVariableIsSet(name) ? qgetenv(name) : QByteArray("\0", 1)});
    qunsetenv(name);
}

QStringList TestEnv::allFiles() const
{
    QStringList out;
    QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    return out;
}

QByteArray readWholeFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString finagentBinary()
{
    return qEnvironmentVariable("FINAGENT_BINARY");
}
