#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// One <message> of a Qt Linguist .ts file.
struct TsMessage
{
    QString context;
    QString source;
    QString comment; // the disambiguation passed to tr()
    QString translationType; // "unfinished", "vanished", "obsolete" or empty when finished
    bool numerus = false;
    QStringList translations; // one entry, or one per numerus form
    qint64 line = 0; // line of the <message> in the .ts file

    // "Context \"source\"" for failure messages.
    QString label() const;
    // Messages are the same string when context, source, comment and numerus agree.
    QString key() const;
};

struct TsFile
{
    QString path;
    QString language;
    QList<TsMessage> messages;
    QString error; // empty when the file was read
};

// Reads a .ts file; on failure TsFile::error says what is wrong and where.
TsFile readTsFile(const QString& path);
