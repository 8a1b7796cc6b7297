#include "fakemultipart.h"

namespace FakeMultipart
{

QByteArray build(const Fields& fields, const QByteArray& boundary)
{
    QByteArray body;
    for (const auto& field : fields) {
        body += "--" + boundary + "\r\n";
        body += "Content-Disposition: form-data; name=\"" + field.first.toUtf8() + "\"\r\n\r\n";
        body += field.second.toUtf8() + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return body;
}

QByteArray boundaryOf(const QByteArray& contentType)
{
    const QList<QByteArray> parts = contentType.split(';');
    if (parts.isEmpty() || parts.first().trimmed().toLower() != "multipart/form-data")
        return QByteArray();
    for (const QByteArray& part : parts) {
        const QByteArray p = part.trimmed();
        if (p.toLower().startsWith("boundary=")) {
            QByteArray b = p.mid(9);
            if (b.size() >= 2 && b.startsWith('"') && b.endsWith('"'))
                b = b.mid(1, b.size() - 2);
            return b;
        }
    }
    return QByteArray();
}

Fields parse(const QByteArray& body, const QByteArray& contentType)
{
    Fields fields;
    const QByteArray boundary = boundaryOf(contentType);
    if (boundary.isEmpty())
        return fields;
    const QByteArray delimiter = "--" + boundary;
    const QByteArray separator = "\r\n" + delimiter;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            break; // closing delimiter
        if (body.mid(pos, 2) == "\r\n")
            pos += 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", pos);
        if (headersEnd < 0)
            return Fields();
        const QByteArray headerBlock = body.mid(pos, headersEnd - pos);
        const qsizetype next = body.indexOf(separator, headersEnd + 4);
        if (next < 0)
            return Fields();
        const QByteArray content = body.mid(headersEnd + 4, next - headersEnd - 4);

        QString name;
        for (const QByteArray& line : headerBlock.split('\n')) {
            const QByteArray l = line.trimmed();
            if (!l.toLower().startsWith("content-disposition:"))
                continue;
            const qsizetype at = l.indexOf("name=\"");
            if (at >= 0) {
                const qsizetype end = l.indexOf('"', at + 6);
                name = QString::fromUtf8(l.mid(at + 6, end - at - 6));
            }
        }
        fields.append({name, QString::fromUtf8(content)});
        pos = next + 2;
        pos = body.indexOf(delimiter, pos);
    }
    return fields;
}

QString value(const Fields& fields, const QString& name)
{
    for (const auto& field : fields) {
        if (field.first == name)
            return field.second;
    }
    return QString();
}

} // namespace FakeMultipart
