#include "tsfile.h"

#include <QFile>
#include <QXmlStreamReader>

QString TsMessage::label() const
{
    QString text = source;
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return QStringLiteral("%1 \"%2\"%3")
        .arg(context, text, comment.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(comment));
}

QString TsMessage::key() const
{
    return context + QChar(0) + source + QChar(0) + comment + QChar(0) + (numerus ? u'n' : u's');
}

namespace
{

void readTranslation(QXmlStreamReader& xml, TsMessage& message)
{
    message.translationType = xml.attributes().value(QLatin1String("type")).toString();
    if (!message.numerus) {
        message.translations << xml.readElementText(QXmlStreamReader::IncludeChildElements);
        return;
    }
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("numerusform"))
            message.translations << xml.readElementText();
        else
            xml.skipCurrentElement();
    }
}

TsMessage readMessage(QXmlStreamReader& xml, const QString& context)
{
    TsMessage message;
    message.context = context;
    message.line = xml.lineNumber();
    message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("source"))
            message.source = xml.readElementText();
        else if (xml.name() == QLatin1String("comment"))
            message.comment = xml.readElementText();
        else if (xml.name() == QLatin1String("translation"))
            readTranslation(xml, message);
        else
            xml.skipCurrentElement();
    }
    return message;
}

void readContext(QXmlStreamReader& xml, TsFile& file)
{
    QString name;
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("name"))
            name = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            file.messages << readMessage(xml, name);
        else
            xml.skipCurrentElement();
    }
}

} // namespace

TsFile readTsFile(const QString& path)
{
    TsFile file;
    file.path = path;
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        file.error = QStringLiteral("%1 could not be opened: %2").arg(path, in.errorString());
        return file;
    }
    QXmlStreamReader xml(&in);
    if (!xml.readNextStartElement() || xml.name() != QLatin1String("TS")) {
        file.error = QStringLiteral("%1 is not a Qt Linguist .ts file (no <TS> element).").arg(path);
        return file;
    }
    file.language = xml.attributes().value(QLatin1String("language")).toString();
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("context"))
            readContext(xml, file);
        else
            xml.skipCurrentElement();
    }
    if (xml.hasError())
        file.error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return file;
}
