#include "security/envsecretstore.h"

#include "security/secretnames.h"

#include <QFile>

#include <algorithm>

EnvSecretStore::EnvSecretStore(QProcessEnvironment env, QObject* parent)
    : SecretStore(parent)
    , m_env(std::move(env))
{ }

QString EnvSecretStore::backendName() const
{
    return QStringLiteral("environment variables");
}

Result<QString> EnvSecretStore::value(const QString& name)
{
    const Error bad = checkName(name);
    if (!bad.isNull())
        return bad;

    const QString variable = SecretNames::envVarFor(name);
    const QString fileVariable = variable + QStringLiteral("_FILE");
    const QString direct = m_env.value(variable);
    const QString path = m_env.value(fileVariable);

    if (!direct.isEmpty()) {
        if (!path.isEmpty() && !m_warnedBothSet.contains(name)) {
            m_warnedBothSet.insert(name);
            qCWarning(lcSecrets).noquote() << "Both" << variable << "and" << fileVariable << "are set; using"
                                           << variable << "and ignoring the file.";
        }
        return direct;
    }
    if (!path.isEmpty())
        return readFile(fileVariable, path);

    return Error(QStringLiteral("secret_not_found"),
        QStringLiteral("The secret %1 is not set: set %2, or %3 to the path of a file holding it "
                       "(a container secret), and restart FinAgent.")
            .arg(name, variable, fileVariable),
        QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("variable"), variable}});
}

Result<QString> EnvSecretStore::readFile(const QString& variable, const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(QStringLiteral("secret_file_unreadable"),
            QStringLiteral("Could not read the file %1 names (%2): %3. Check the path and that "
                           "FinAgent's user may read it.")
                .arg(variable, path, file.errorString()));
    }
    QByteArray data = file.read(maxFileSize + 1);
    if (data.size() > maxFileSize) {
        return Error(QStringLiteral("secret_too_large"),
            QStringLiteral("The file %1 names (%2) is larger than %3 bytes; it should hold only the "
                           "secret.")
                .arg(variable, path)
                .arg(maxFileSize));
    }
    // Files written by editors and `echo` end with a newline that is not part of the secret.
    if (data.endsWith("\r\n"))
        data.chop(2);
    else if (data.endsWith('\n'))
        data.chop(1);
    if (data.isEmpty()) {
        return Error(QStringLiteral("secret_empty"),
            QStringLiteral("The file %1 names (%2) is empty: put the secret in it.").arg(variable, path));
    }
    return QString::fromUtf8(data);
}

Error EnvSecretStore::readOnlyError(const QString& name) const
{
    const QString variable = SecretNames::envVarFor(name);
    return Error(QStringLiteral("read_only"),
        QStringLiteral("Secrets come from environment variables here and cannot be changed by FinAgent: "
                       "set or unset %1 (or %1_FILE, a path to a file holding it) where FinAgent is "
                       "started, and restart it.")
            .arg(variable),
        QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("variable"), variable}});
}

void EnvSecretStore::read(const QString& name, QObject* ctx, Callback done)
{
    deliver<Result<QString>>(ctx, std::move(done), value(name));
}

void EnvSecretStore::write(const QString& name, const QString& value, QObject* ctx, VoidCallback done)
{
    Q_UNUSED(value)
    const Error bad = checkName(name);
    deliver<Result<void>>(ctx, std::move(done), bad.isNull() ? readOnlyError(name) : bad);
}

void EnvSecretStore::remove(const QString& name, QObject* ctx, VoidCallback done)
{
    const Error bad = checkName(name);
    deliver<Result<void>>(ctx, std::move(done), bad.isNull() ? readOnlyError(name) : bad);
}

void EnvSecretStore::list(QObject* ctx, ListCallback done)
{
    QStringList names;
    const QStringList keys = m_env.keys();
    for (const QString& key : keys) {
        if (m_env.value(key).isEmpty())
            continue;
        const QString name = SecretNames::nameForEnvVar(key);
        if (!name.isEmpty() && !names.contains(name))
            names.append(name);
    }
    std::sort(names.begin(), names.end());
    deliver<Result<QStringList>>(ctx, std::move(done), names);
}

void EnvSecretStore::probe(QObject* ctx, VoidCallback done)
{
    deliver<Result<void>>(ctx, std::move(done), Result<void>());
}
