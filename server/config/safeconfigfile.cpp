#include "config/safeconfigfile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace
{

const QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QString backupPrefix(const QString& fileName)
{
    return fileName + QStringLiteral(".finagent-backup-");
}

} // namespace

SafeConfigFile::SafeConfigFile(QString path)
    : m_path(std::move(path))
{ }

QString SafeConfigFile::targetPath() const
{
    QString path = m_path;
    // A bounded walk: a link cycle must not hang.
    for (int hops = 0; hops < 16; ++hops) {
        const QFileInfo info(path);
        if (!info.isSymLink())
            break;
        path = info.symLinkTarget();
    }
    return path;
}

Result<std::optional<QByteArray>> SafeConfigFile::read() const
{
    const QString target = targetPath();
    const QFileInfo info(target);
    if (!info.exists())
        return std::optional<QByteArray>();
    if (info.isDir())
        return Error(
            QStringLiteral("config_is_folder"), QStringLiteral("%1 is a folder, not a file.").arg(m_path));
    if (info.size() > maxBytes)
        return Error(QStringLiteral("config_too_large"),
            QStringLiteral("%1 is larger than %2 MB, too large for a config file.")
                .arg(m_path)
                .arg(maxBytes / (1024 * 1024)));
    QFile file(target);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("config_unreadable"),
            QStringLiteral("Cannot read %1: %2.").arg(m_path, file.errorString()));
    return std::optional<QByteArray>(file.readAll());
}

Result<QString> SafeConfigFile::replace(
    const std::optional<QByteArray>& previous, const QByteArray& content) const
{
    const QString target = targetPath();
    const QString folder = QFileInfo(target).absolutePath();
    if (!QDir().mkpath(folder))
        return Error(QStringLiteral("config_folder_unwritable"),
            QStringLiteral("Cannot create the folder %1.").arg(folder));

    // Someone else (the client itself) may have saved the file since it was read.
    const Result<std::optional<QByteArray>> now = read();
    if (!now.ok())
        return now.error();
    if (now.value() != previous)
        return Error(QStringLiteral("config_changed"),
            QStringLiteral("%1 changed while FinAgent was updating it.").arg(m_path));

    QString backup;
    if (previous) {
        const Result<QString> written = writeBackup(*previous);
        if (!written.ok())
            return written.error();
        backup = written.value();
    }

    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly)) {
        if (!backup.isEmpty())
            QFile::remove(backup);
        return Error(QStringLiteral("config_unwritable"),
            QStringLiteral("Cannot write %1: %2.").arg(m_path, file.errorString()));
    }
    // Before any byte is written: the file may hold a bearer token.
    file.setPermissions(previous ? QFile::permissions(target) : kOwnerOnly);
    file.write(content);
    if (!file.commit()) {
        if (!backup.isEmpty())
            QFile::remove(backup);
        return Error(QStringLiteral("config_unwritable"),
            QStringLiteral("Cannot write %1: %2.").arg(m_path, file.errorString()));
    }
    pruneBackups();
    return backup;
}

Result<QString> SafeConfigFile::writeBackup(const QByteArray& content) const
{
    const QString target = targetPath();
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    QString path = backupPrefix(target) + stamp;
    // Two backups in the same millisecond get a counter, which still sorts after the first.
    for (int n = 1; QFileInfo::exists(path); ++n)
        path = backupPrefix(target) + stamp + QStringLiteral("-%1").arg(n);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Error(QStringLiteral("backup_failed"),
            QStringLiteral("Cannot write the backup %1: %2.").arg(path, file.errorString()));
    // Backups are for this user only, whatever the file's own mode.
    file.setPermissions(kOwnerOnly);
    if (file.write(content) != content.size() || !file.flush()) {
        file.close();
        QFile::remove(path);
        return Error(
            QStringLiteral("backup_failed"), QStringLiteral("Cannot write the backup %1.").arg(path));
    }
    return path;
}

QStringList SafeConfigFile::backups() const
{
    const QFileInfo target(targetPath());
    QDir folder = target.absoluteDir();
    const QString prefix = backupPrefix(target.fileName());
    QStringList found;
    QStringList names = folder.entryList(QDir::Files | QDir::Hidden);
    // Timestamps in the names sort by plain byte order, oldest first.
    std::sort(names.begin(), names.end());
    for (const QString& name : names) {
        if (name.startsWith(prefix))
            found << folder.filePath(name);
    }
    return found;
}

void SafeConfigFile::pruneBackups() const
{
    QStringList all = backups();
    while (all.size() > maxBackups)
        QFile::remove(all.takeFirst());
}
