#include "backend/remoteendpoint.h"

#include <QFile>
#include <QHostAddress>

namespace RemoteEndpoint
{

namespace
{

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    static const QByteArray extra = QByteArrayLiteral("!#$%&'*+-.^_`|~");
    return extra.contains(c);
}

// Headers the client owns: letting an argument replace them would break the protocol.
bool isReserved(const QByteArray& lowerName)
{
    static const QList<QByteArray> reserved {"mcp-session-id", "mcp-protocol-version", "content-type",
        "content-length", "accept", "host", "transfer-encoding", "connection", "last-event-id"};
    return reserved.contains(lowerName);
}

} // namespace

Result<QString> expandVariables(const QString& text, const QProcessEnvironment& env)
{
    QString out;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype open = text.indexOf(QLatin1String("${"), i);
        if (open < 0) {
            out += text.mid(i);
            break;
        }
        const qsizetype close = text.indexOf(QLatin1Char('}'), open + 2);
        if (close < 0) {
            out += text.mid(i);
            break;
        }
        out += text.mid(i, open - i);
        const QString name = text.mid(open + 2, close - open - 2);
        if (!env.contains(name)) {
            return Error(QStringLiteral("variable_not_set"),
                QStringLiteral(
                    "The header refers to ${%1}, but %1 is not set in the environment; set it in the "
                    "\"env\" block of the MCP host's config.")
                    .arg(name));
        }
        out += env.value(name);
        i = close + 1;
    }
    return out;
}

Result<QPair<QByteArray, QByteArray>> parseHeader(const QString& text, const QProcessEnvironment& env)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        return Error(QStringLiteral("bad_header"),
            QStringLiteral("A header must look like \"Name: value\"; \"%1\" has no name before a colon.")
                .arg(text.left(colon < 0 ? 40 : colon)));
    }
    const QByteArray name = text.left(colon).trimmed().toLatin1();
    for (const char c : name) {
        if (!isTokenChar(c)) {
            return Error(QStringLiteral("bad_header"),
                QStringLiteral("\"%1\" is not a valid HTTP header name.").arg(QString::fromLatin1(name)));
        }
    }
    if (name.isEmpty())
        return Error(
            QStringLiteral("bad_header"), QStringLiteral("A header must look like \"Name: value\"."));
    if (isReserved(name.toLower())) {
        return Error(QStringLiteral("reserved_header"),
            QStringLiteral("The %1 header is set by FinAgent itself and cannot be given.")
                .arg(QString::fromLatin1(name)));
    }
    const Result<QString> value = expandVariables(text.mid(colon + 1), env);
    if (!value)
        return value.error();
    const QByteArray bytes = value.value().trimmed().toUtf8();
    if (bytes.contains('\r') || bytes.contains('\n') || bytes.contains('\0')) {
        return Error(QStringLiteral("bad_header"),
            QStringLiteral("The value of the %1 header contains a line break.")
                .arg(QString::fromLatin1(name)));
    }
    return qMakePair(name, bytes);
}

Result<HttpHeaderList> readHeaderFile(const QString& path, const QProcessEnvironment& env)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return Error(QStringLiteral("header_file_unreadable"),
            QStringLiteral("Cannot read the header file %1: %2.").arg(path, f.errorString()));
    }
    const QByteArray content = f.read(256 * 1024);
    HttpHeaderList headers;
    int lineNo = 0;
    for (const QByteArray& raw : content.split('\n')) {
        ++lineNo;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const auto header = parseHeader(line, env);
        if (!header) {
            return Error(header.error().code,
                QStringLiteral("%1, line %2: %3").arg(path).arg(lineNo).arg(header.error().message));
        }
        headers.append(header.value());
    }
    return headers;
}

Result<QByteArray> readTokenFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return Error(QStringLiteral("token_file_unreadable"),
            QStringLiteral("Cannot read the token file %1: %2.").arg(path, f.errorString()));
    }
    const QByteArray token = f.read(16 * 1024).trimmed();
    if (token.isEmpty())
        return Error(
            QStringLiteral("token_file_empty"), QStringLiteral("The token file %1 is empty.").arg(path));
    for (const char c : token) {
        if (c < 0x21 || c > 0x7e) {
            return Error(QStringLiteral("token_file_invalid"),
                QStringLiteral("The token in %1 contains spaces or control characters; put only the token "
                               "in the file.")
                    .arg(path));
        }
    }
    return token;
}

bool isLoopback(const QUrl& url)
{
    const QString host = url.host().toLower();
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Result<void> checkUrl(const QUrl& url, bool allowHttp)
{
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty()) {
        return Error(QStringLiteral("bad_url"),
            QStringLiteral("\"%1\" is not an http:// or https:// URL of an MCP endpoint (for example "
                           "https://finagent.example.com/mcp).")
                .arg(display(url)));
    }
    if (scheme == QLatin1String("http") && !allowHttp && !isLoopback(url)) {
        return Error(QStringLiteral("insecure_url"),
            QStringLiteral(
                "%1 uses plain http to a host that is not this machine, so the token would cross "
                "the network unencrypted; use an https:// URL (the bridge also accepts --allow-http on "
                "a trusted network).")
                .arg(display(url)));
    }
    return {};
}

QString display(const QUrl& url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

} // namespace RemoteEndpoint
