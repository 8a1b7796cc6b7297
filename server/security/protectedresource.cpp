#include "security/protectedresource.h"

#include <QJsonArray>
#include <QUrl>

QJsonObject ProtectedResource::document() const
{
    return QJsonObject {{QStringLiteral("resource"), resource()},
        {QStringLiteral("authorization_servers"), QJsonArray::fromStringList(authorizationServers)},
        {QStringLiteral("bearer_methods_supported"), QJsonArray {QStringLiteral("header")}},
        {QStringLiteral("resource_name"), QStringLiteral("FinAgent")}};
}

QString ProtectedResource::normalizePublicUrl(const QString& text, QString* why)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty() || url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty()) {
        if (why)
            *why = QStringLiteral("The public URL must be an absolute http(s) URL without query, like "
                                  "https://mcp.example.com; \"%1\" is not.")
                       .arg(text.left(200));
        return {};
    }
    QString out = url.toString(QUrl::FullyEncoded);
    while (out.endsWith(QLatin1Char('/')))
        out.chop(1);
    return out;
}
