#pragma once

#include "core/result.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QVariant>

class QSettings;

// FinAgent's settings, in layers: built-in defaults < the settings file (<config dir>/finagent.ini)
// < environment variables (FINAGENT_*) < the command line. Secrets are never settings: they live in
// the keychain (desktop, stdio) or come from the environment (serve).
class Settings : public QObject
{
    Q_OBJECT
public:
    struct Key
    {
        QString name;  // "http.port"
        QString env;   // "FINAGENT_PORT"
        QVariant defaultValue;
        QString help;  // one line for --help and the README table
    };
    enum class Source {
        Default,
        File,
        Environment,
        CommandLine
    };

    // Reads the settings file in `configDir` (created on first write) and the process environment.
    explicit Settings(const QString& configDir = defaultConfigDir(), QObject* parent = nullptr);
    ~Settings() override;

    static const QList<Key>& keys();
    static const Key* findKey(const QString& name);
    static QString defaultConfigDir(); // FINAGENT_CONFIG_DIR, else the platform's app config folder
    static QString defaultDataDir();   // FINAGENT_DATA_DIR, else the platform's app data folder

    QString configDir() const { return m_configDir; }
    QString dataDir() const;
    QString filePath() const;

    QVariant value(const QString& name) const;
    QString string(const QString& name) const { return value(name).toString(); }
    int integer(const QString& name) const { return value(name).toInt(); }
    bool boolean(const QString& name) const;
    QStringList list(const QString& name) const; // comma-separated values, trimmed, empty ones dropped
    Source source(const QString& name) const;
    static QString sourceName(Source s);

    // Command-line values win over everything else for this process.
    void setOverride(const QString& name, const QVariant& value);
    // Writes to the settings file (the window's Settings page). Unknown names are refused.
    Result<void> setValue(const QString& name, const QVariant& value);
    void reload();

    // For tests: replace the environment the settings read.
    void setEnvironment(const QHash<QString, QString>& env);

Q_SIGNALS:
    void changed(const QString& name);

private:
    QString m_configDir;
    QSettings* m_file = nullptr;
    QHash<QString, QVariant> m_overrides;
    QHash<QString, QString> m_env;
};
