#include "payments/multipartform.h"

namespace MultipartForm
{

namespace
{

Error bad(const QString& why)
{
    return Error(QStringLiteral("invalid_multipart"),
        QStringLiteral("The body is not valid multipart/form-data: %1.").arg(why));
}

// The value of a parameter (name="x") in a Content-Disposition header; a null array when absent.
QByteArray parameter(const QByteArray& header, const QByteArray& name)
{
    const QList<QByteArray> parts = header.split(';');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray p = parts.at(i).trimmed();
        const qsizetype eq = p.indexOf('=');
        if (eq <= 0 || p.left(eq).trimmed().toLower() != name)
            continue;
        QByteArray v = p.mid(eq + 1).trimmed();
        if (v.size() >= 2 && v.startsWith('"') && v.endsWith('"'))
            v = v.mid(1, v.size() - 2);
        return v.isNull() ? QByteArray("") : v;
    }
    return QByteArray();
}

} // namespace

QByteArray boundaryOf(const QByteArray& contentType)
{
    const QList<QByteArray> parts = contentType.split(';');
    if (parts.isEmpty() || parts.first().trimmed().toLower() != "multipart/form-data")
        return {};
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray p = parts.at(i).trimmed();
        if (!p.toLower().startsWith("boundary="))
            continue;
        QByteArray b = p.mid(9);
        if (b.size() >= 2 && b.startsWith('"') && b.endsWith('"'))
            b = b.mid(1, b.size() - 2);
        if (b.isEmpty() || b.size() > 70)
            return {};
        for (const char c : b) {
            if (c < 0x20 || c > 0x7e)
                return {};
        }
        return b;
    }
    return {};
}

Result<Fields> parse(const QByteArray& body, const QByteArray& contentType, const Limits& limits)
{
    if (body.size() > limits.maxBodyBytes)
        return bad(QStringLiteral("it is larger than %1 bytes").arg(limits.maxBodyBytes));
    const QByteArray boundary = boundaryOf(contentType);
    if (boundary.isEmpty())
        return bad(QStringLiteral("the Content-Type is not multipart/form-data with a boundary"));
    const QByteArray delimiter = "--" + boundary;
    const QByteArray separator = "\r\n" + delimiter;

    Fields fields;
    // The first delimiter starts the body or follows a preamble line.
    qsizetype pos = body.startsWith(delimiter) ? 0 : body.indexOf(separator);
    if (pos < 0)
        return bad(QStringLiteral("the boundary never appears"));
    if (pos > 0)
        pos += 2;
    for (;;) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            return fields; // the closing delimiter; an epilogue after it is ignored
        // Transport padding (spaces, tabs) may follow a delimiter before its line break.
        while (pos < body.size() && (body.at(pos) == ' ' || body.at(pos) == '\t'))
            ++pos;
        if (body.mid(pos, 2) != "\r\n")
            return bad(QStringLiteral("a boundary line does not end with CRLF"));
        pos += 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", pos);
        if (headersEnd < 0 || headersEnd - pos > limits.maxHeaderBytes)
            return bad(
                QStringLiteral("a part has no end of headers within %1 bytes").arg(limits.maxHeaderBytes));
        const qsizetype next = body.indexOf(separator, headersEnd + 4);
        if (next < 0)
            return bad(QStringLiteral("a part is not closed by a boundary"));
        const qsizetype contentSize = next - headersEnd - 4;

        QByteArray name;
        bool isFile = false;
        bool disposition = false;
        for (const QByteArray& line : body.mid(pos, headersEnd - pos).split('\n')) {
            const QByteArray l = line.trimmed();
            const qsizetype colon = l.indexOf(':');
            if (colon <= 0 || l.left(colon).trimmed().toLower() != "content-disposition")
                continue;
            const QByteArray value = l.mid(colon + 1).trimmed();
            if (!value.toLower().startsWith("form-data"))
                return bad(QStringLiteral("a part is not form-data"));
            disposition = true;
            name = parameter(value, "name");
            isFile = !parameter(value, "filename").isNull();
        }
        if (!disposition || name.isEmpty())
            return bad(QStringLiteral("a part has no Content-Disposition with a name"));
        if (!isFile) {
            if (contentSize > limits.maxFieldBytes)
                return bad(QStringLiteral("the field \"%1\" is larger than %2 bytes")
                               .arg(QString::fromUtf8(name.left(64)))
                               .arg(limits.maxFieldBytes));
            if (fields.size() >= limits.maxFields)
                return bad(QStringLiteral("it has more than %1 fields").arg(limits.maxFields));
            fields.append(
                {QString::fromUtf8(name), QString::fromUtf8(body.mid(headersEnd + 4, contentSize))});
        }
        pos = next + 2;
    }
}

QString value(const Fields& fields, const QString& name)
{
    for (const auto& f : fields) {
        if (f.first == name)
            return f.second;
    }
    return QString();
}

} // namespace MultipartForm
