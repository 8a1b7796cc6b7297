#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QTemporaryDir>

// Gives a test its own data and config folders (FINAGENT_DATA_DIR, FINAGENT_CONFIG_DIR) and
// puts QStandardPaths in test mode, so no test touches the user's real files. Restores the
// environment when destroyed.
class TestEnv
{
public:
    TestEnv();
    ~TestEnv();
    TestEnv(const TestEnv&) = delete;
    TestEnv& operator=(const TestEnv&) = delete;

    QString root() const { return m_dir.path(); }
    QString dataDir() const;
    QString configDir() const;

    // Sets an environment variable for the rest of this TestEnv's life.
    void set(const char* name, const QByteArray& value);
    void unset(const char* name);

    // Every file under root(), recursively: for "no secret in any file" checks.
    QStringList allFiles() const;

private:
    QTemporaryDir m_dir;
    QList<QPair<QByteArray, QByteArray>> m_saved; // name, old value ("\0" marks unset)
};

// Reads a file's whole content, or an empty array.
QByteArray readWholeFile(const QString& path);

// Path of the finagent binary under test (FINAGENT_BINARY, set by ctest).
QString finagentBinary();
