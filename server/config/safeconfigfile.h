#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

// Reads and replaces a config file that belongs to another application, carefully: the new
// content is written atomically (QSaveFile), the previous content is kept next to the file as
// <file>.finagent-backup-<timestamp> (the newest few are kept), a file that changed since it was
// read is left alone, a new file is readable by its owner only and an existing one keeps its
// mode. Symbolic links are followed, so a linked file is updated rather than replaced by a copy.
//
// Errors: config_unreadable, config_is_folder, config_too_large, config_changed,
// config_folder_unwritable, config_unwritable, backup_failed.
class SafeConfigFile
{
public:
    explicit SafeConfigFile(QString path);

    QString path() const { return m_path; }
    // The file the link points to, or path().
    QString targetPath() const;

    // The content, or nothing when the file does not exist.
    Result<std::optional<QByteArray>> read() const;

    // Replaces the content read before (`previous`; nothing: the file did not exist) by `content`.
    // Answers the backup's path (empty when there was no file).
    Result<QString> replace(const std::optional<QByteArray>& previous, const QByteArray& content) const;

    // The backups of this file, oldest first.
    QStringList backups() const;

    static constexpr int maxBackups = 3;
    static constexpr qint64 maxBytes = 64 * 1024 * 1024;

private:
    Result<QString> writeBackup(const QByteArray& content) const;
    void pruneBackups() const;

    QString m_path;
};
