// finagent-bench-echo: the throughput ceiling for FinAgent's Streamable HTTP benchmark.
//
// A bare QHttpServer on 127.0.0.1 that answers POST /mcp with a JSON-RPC result echoing the
// request's id and params, padded to about the size of a real tools/call answer. It parses and
// serialises JSON like any JSON-RPC server must, and does nothing else: no sessions, no auth, no
// Host/Origin checks, no connection guard and no FinAgent code. FinAgent's calls/s divided by this
// server's calls/s, measured in the same run on the same machine, is the ratio the targets use.
//
// Usage: finagent-bench-echo [--port N] [--reply-bytes N]
// Prints "echo serving at http://127.0.0.1:PORT/mcp" on stdout, then serves until killed.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace
{

QJsonObject answer(const QJsonValue& id, const QJsonValue& params, const QString& padding)
{
    const QJsonObject text {
        {QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), padding}};
    const QJsonObject result {{QStringLiteral("content"), QJsonArray {text}},
        {QStringLiteral("structuredContent"), QJsonObject {{QStringLiteral("echo"), params}}},
        {QStringLiteral("isError"), false}};
    return QJsonObject {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("id"), id},
        {QStringLiteral("result"), result}};
}

// The padding that brings a typical answer (id 1, a tools/call of health_check) to replyBytes.
QString paddingFor(qsizetype replyBytes)
{
    const QJsonObject params {{QStringLiteral("name"), QStringLiteral("health_check")},
        {QStringLiteral("arguments"), QJsonObject()}};
    const qsizetype base = QJsonDocument(answer(1, params, QString())).toJson(QJsonDocument::Compact).size();
    return QString(qMax<qsizetype>(0, replyBytes - base), QLatin1Char('x'));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("finagent-bench-echo"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Raw QHttpServer JSON-RPC echo on 127.0.0.1: the benchmark ceiling."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port (0 = any free port)."),
        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption bytesOption(QStringLiteral("reply-bytes"),
        QStringLiteral("Approximate size of each answer body in bytes."), QStringLiteral("bytes"),
        QStringLiteral("1200"));
    parser.addOptions({portOption, bytesOption});
    parser.process(app);

    bool portOk = false;
    bool bytesOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    const int replyBytes = parser.value(bytesOption).toInt(&bytesOk);
    if (!portOk || port > 65535 || !bytesOk || replyBytes < 0 || replyBytes > 16 * 1024 * 1024) {
        std::fprintf(stderr, "finagent-bench-echo: --port must be 0-65535 and --reply-bytes 0-16777216.\n");
        return 2;
    }
    const QString padding = paddingFor(replyBytes);

    QHttpServer server;
    server.route(QStringLiteral("/mcp"), QHttpServerRequest::Method::Post,
        [padding](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            QJsonParseError error {};
            const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                responder.write(
                    QByteArrayLiteral(
                        R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}})"),
                    {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}},
                    QHttpServerResponder::StatusCode::BadRequest);
                return;
            }
            const QJsonObject message = doc.object();
            const QJsonObject reply =
                answer(message.value(QStringLiteral("id")), message.value(QStringLiteral("params")), padding);
            responder.write(QJsonDocument(reply).toJson(QJsonDocument::Compact),
                {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}});
        });

    const quint16 bound = server.listen(QHostAddress::LocalHost, quint16(port));
    if (bound == 0) {
        std::fprintf(stderr, "finagent-bench-echo: cannot listen on 127.0.0.1:%u.\n", port);
        return 1;
    }
    std::fprintf(stdout, "echo serving at http://127.0.0.1:%u/mcp\n", uint(bound));
    std::fflush(stdout);
    return app.exec();
}
