// finagent-bench-burst: a fixed number of tools/call requests from many concurrent MCP clients.
//
// Opens --clients connections to a Streamable HTTP endpoint, each with its own MCP session
// (initialize + notifications/initialized). Once every session is open, all clients start at the
// same moment and send their share of exactly --calls tools/call requests, one after another on
// their keep-alive connection. Prints a JSON summary on stdout: calls that succeeded and failed,
// the wall-clock start (ms since the epoch), the elapsed time, calls/s and latency percentiles.
//
// Usage: finagent-bench-burst --url http://127.0.0.1:PORT/mcp [--token-file F] [--clients 50]
//        [--calls 1000] [--tool get_spot_price] [--arguments '{"symbol":"BTCUSDT"}'] [--no-session]
#include "burstclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace
{

constexpr int kOverallTimeoutMs = 300000;

double percentile(const std::vector<double>& sorted, double p)
{
    if (sorted.empty())
        return 0;
    const size_t rank = size_t(std::ceil(p * double(sorted.size())));
    return sorted[std::min(sorted.size(), std::max<size_t>(rank, 1)) - 1];
}

int usageError(const char* message)
{
    std::fprintf(stderr, "finagent-bench-burst: %s Run with --help.\n", message);
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("finagent-bench-burst"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Exactly N tools/call requests over Streamable HTTP from M concurrent MCP clients."));
    parser.addHelpOption();
    const QCommandLineOption urlOption(
        QStringLiteral("url"), QStringLiteral("MCP endpoint URL."), QStringLiteral("url"));
    const QCommandLineOption tokenOption(QStringLiteral("token-file"),
        QStringLiteral("File holding the bearer token."), QStringLiteral("file"));
    const QCommandLineOption clientsOption(QStringLiteral("clients"), QStringLiteral("Concurrent clients."),
        QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption callsOption(QStringLiteral("calls"),
        QStringLiteral("Total tools/call requests."), QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption toolOption(QStringLiteral("tool"), QStringLiteral("Tool name."),
        QStringLiteral("name"), QStringLiteral("get_spot_price"));
    const QCommandLineOption argsOption(QStringLiteral("arguments"),
        QStringLiteral("Tool arguments (a JSON object)."), QStringLiteral("json"),
        QStringLiteral(R"({"symbol":"BTCUSDT"})"));
    const QCommandLineOption versionOption(QStringLiteral("protocol-version"),
        QStringLiteral("MCP protocol version."), QStringLiteral("version"), QStringLiteral("2025-11-25"));
    const QCommandLineOption noSessionOption(QStringLiteral("no-session"),
        QStringLiteral("Send the calls without initialize or Mcp-Session-Id (for the echo ceiling)."));
    parser.addOptions({urlOption, tokenOption, clientsOption, callsOption, toolOption, argsOption,
        versionOption, noSessionOption});
    parser.process(app);

    const QUrl url(parser.value(urlOption));
    if (!url.isValid() || url.scheme() != QLatin1String("http") || url.port() <= 0)
        return usageError("--url must be an http URL with a port, e.g. http://127.0.0.1:8765/mcp.");
    bool clientsOk = false;
    bool callsOk = false;
    const int clients = parser.value(clientsOption).toInt(&clientsOk);
    const int calls = parser.value(callsOption).toInt(&callsOk);
    if (!clientsOk || !callsOk || clients < 1 || calls < clients)
        return usageError("--clients must be at least 1 and --calls at least --clients.");
    const QJsonDocument arguments = QJsonDocument::fromJson(parser.value(argsOption).toUtf8());
    if (!arguments.isObject())
        return usageError("--arguments must be a JSON object.");

    QByteArray token;
    if (parser.isSet(tokenOption)) {
        QFile file(parser.value(tokenOption));
        if (!file.open(QIODevice::ReadOnly))
            return usageError("cannot read the --token-file.");
        token = file.readAll().trimmed();
    }

    const QJsonObject params {{QStringLiteral("name"), parser.value(toolOption)},
        {QStringLiteral("arguments"), arguments.object()}};
    const QByteArray callBody = R"({"jsonrpc":"2.0","id":@ID@,"method":"tools/call","params":)"
        + QJsonDocument(params).toJson(QJsonDocument::Compact) + '}';

    std::vector<BurstClient*> all;
    int opened = 0;
    int finished = 0;
    qint64 startedAtMs = 0;
    QElapsedTimer elapsed;
    double elapsedMs = 0;
    for (int i = 0; i < clients; ++i) {
        BurstClient::Config config;
        config.host = url.host();
        config.port = quint16(url.port());
        config.path = url.path().toUtf8();
        config.token = token;
        config.protocolVersion = parser.value(versionOption).toLatin1();
        config.callBody = callBody;
        config.calls = calls / clients + (i < calls % clients ? 1 : 0);
        config.openSession = !parser.isSet(noSessionOption);
        auto* client = new BurstClient(i, config, &app);
        all.push_back(client);
        QObject::connect(client, &BurstClient::opened, &app, [&]() {
            if (++opened < clients)
                return;
            startedAtMs = QDateTime::currentMSecsSinceEpoch();
            elapsed.start();
            for (BurstClient* c : all)
                c->run();
        });
        QObject::connect(client, &BurstClient::finished, &app, [&]() {
            if (++finished < clients)
                return;
            elapsedMs = double(elapsed.nsecsElapsed()) / 1.0e6;
            QCoreApplication::quit();
        });
    }
    for (BurstClient* c : all)
        c->open();
    QTimer::singleShot(kOverallTimeoutMs, &app, []() {
        std::fprintf(stderr, "finagent-bench-burst: gave up after %d s.\n", kOverallTimeoutMs / 1000);
        QCoreApplication::exit(1);
    });
    const int rc = app.exec();

    int ok = 0;
    int failed = 0;
    QString firstFailure;
    std::vector<double> latencies;
    for (const BurstClient* c : all) {
        ok += c->okCalls();
        failed += c->failedCalls();
        if (firstFailure.isEmpty())
            firstFailure = c->firstFailure();
        latencies.insert(latencies.end(), c->latenciesMs().begin(), c->latenciesMs().end());
    }
    std::sort(latencies.begin(), latencies.end());
    const QJsonObject summary {{QStringLiteral("clients"), clients}, {QStringLiteral("calls"), calls},
        {QStringLiteral("ok"), ok}, {QStringLiteral("failed"), failed},
        {QStringLiteral("first_failure"), firstFailure},
        {QStringLiteral("started_at_ms"), double(startedAtMs)}, {QStringLiteral("elapsed_ms"), elapsedMs},
        {QStringLiteral("calls_per_s"), elapsedMs > 0 ? double(ok + failed) * 1000.0 / elapsedMs : 0.0},
        {QStringLiteral("p50_ms"), percentile(latencies, 0.50)},
        {QStringLiteral("p99_ms"), percentile(latencies, 0.99)},
        {QStringLiteral("max_ms"), latencies.empty() ? 0.0 : latencies.back()}};
    std::fprintf(stdout, "%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return rc != 0 ? rc : (failed > 0 ? 1 : 0);
}
