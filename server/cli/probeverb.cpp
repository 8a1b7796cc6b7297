#include "cli/probeverb.h"

#include "cli/verbs.h"
#include "config/settings.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

namespace
{

const char* kProbeHelp = "Usage: finagent probe <url> [--timeout-ms N]\n\n"
                         "GETs <url> and exits 0 when the answer is 2xx, 1 otherwise (no answer, timeout, or "
                         "another status).\n"
                         "For container health checks, e.g. `finagent probe http://127.0.0.1:8765/live`.\n"
                         "Redirects are not followed. --timeout-ms defaults to 5000.\n";

using Verbs::err;
using Verbs::out;

int fail(const QString& message, int code)
{
    err() << QStringLiteral("finagent probe: %1\n").arg(message);
    err().flush();
    return code;
}

} // namespace

namespace Verbs
{

int probe(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addOption(QCommandLineOption(QStringLiteral("timeout-ms"), QString(), QStringLiteral("ms")));
    if (!parse(parser, args, QStringLiteral("probe")))
        return 2;
    if (parser.isSet(QStringLiteral("help"))) {
        out() << QString::fromUtf8(kProbeHelp);
        out().flush();
        return 0;
    }
    Settings settings;
    if (!applyCommonOptions(parser, settings))
        return 2;
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("give one URL, e.g. `finagent probe http://127.0.0.1:8765/live`."), 2);
    const QUrl url(parser.positionalArguments().constFirst(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty())
        return fail(
            QStringLiteral("\"%1\" is not an http(s) URL.").arg(parser.positionalArguments().constFirst()),
            2);
    int timeoutMs = 5000;
    if (parser.isSet(QStringLiteral("timeout-ms"))) {
        bool ok = false;
        timeoutMs = parser.value(QStringLiteral("timeout-ms")).toInt(&ok);
        if (!ok || timeoutMs < 1 || timeoutMs > 600000)
            return fail(QStringLiteral("--timeout-ms must be a number from 1 to 600000."), 2);
    }

    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("finagent-probe"));
    QNetworkReply* reply = nam.get(request);
    int exitCode = 1;
    QObject::connect(reply, &QNetworkReply::finished, &nam, [reply, &exitCode]() {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300) {
            exitCode = 0;
        } else if (status != 0) {
            fail(QStringLiteral("%1 answered HTTP %2.").arg(reply->url().toString()).arg(status), 1);
        } else {
            fail(QStringLiteral("no answer from %1: %2").arg(reply->url().toString(), reply->errorString()),
                1);
        }
        reply->deleteLater();
        QCoreApplication::exit(exitCode);
    });
    QCoreApplication::exec();
    return exitCode;
}

} // namespace Verbs
