// finagent-fakes: runs the fake Binance, CoinGecko and CoinRemitter servers on 127.0.0.1 with
// demo data, for screenshot scripts and benchmarks. Prints one JSON line with their base URLs,
// then serves until SIGTERM/SIGINT or, when stdin is a pipe or terminal, until stdin closes.
#include "fakebinance.h"
#include "fakecoingecko.h"
#include "fakecoinremitter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace
{

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
    static_cast<void>(written);
}

QString env(const char* name, const char* fallback)
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? QString::fromLatin1(fallback) : value;
}

bool stdinIsWatchable()
{
    // A pipe or a terminal can report end of input; /dev/null (a background job) would end
    // the server at once, so it is not watched.
    struct stat info
    { };
    if (::fstat(STDIN_FILENO, &info) != 0)
        return false;
    return ::isatty(STDIN_FILENO) || S_ISFIFO(info.st_mode) || S_ISSOCK(info.st_mode);
}

quint16 portOption(const QCommandLineParser& parser, const QString& name, bool& ok)
{
    const uint port = parser.value(name).toUInt(&ok);
    ok = ok && port <= 65535;
    return quint16(port);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("finagent-fakes"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fake Binance, CoinGecko and CoinRemitter APIs on 127.0.0.1 with demo data.\n"
        "CoinRemitter wallets USDTTRC20 and USDTERC20 take their keys from FAKE_COINREMITTER_TRC20_KEY,\n"
        "FAKE_COINREMITTER_TRC20_PASSWORD, FAKE_COINREMITTER_ERC20_KEY and "
        "FAKE_COINREMITTER_ERC20_PASSWORD."));
    parser.addHelpOption();
    const QCommandLineOption binancePort(QStringLiteral("binance-port"),
        QStringLiteral("Port of the Binance fake (0 = any)."), QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption coingeckoPort(QStringLiteral("coingecko-port"),
        QStringLiteral("Port of the CoinGecko fake (0 = any)."), QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption coinremitterPort(QStringLiteral("coinremitter-port"),
        QStringLiteral("Port of the CoinRemitter fake (0 = any)."), QStringLiteral("port"),
        QStringLiteral("0"));
    const QCommandLineOption coingeckoMode(QStringLiteral("coingecko-mode"),
        QStringLiteral("CoinGecko key tier: keyless, demo or pro."), QStringLiteral("mode"),
        QStringLiteral("keyless"));
    const QCommandLineOption delay(QStringLiteral("delay"),
        QStringLiteral("Delay every answer by this many ms."), QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption noStdin(
        QStringLiteral("no-stdin"), QStringLiteral("Do not stop when stdin closes."));
    const QCommandLineOption verbose(
        QStringLiteral("verbose"), QStringLiteral("Print each request's method and path to stderr."));
    parser.addOptions({binancePort, coingeckoPort, coinremitterPort, coingeckoMode, delay, noStdin, verbose});
    parser.process(app);

    bool ok = true;
    bool allOk = true;
    const quint16 bPort = portOption(parser, binancePort.names().constFirst(), ok);
    allOk = allOk && ok;
    const quint16 gPort = portOption(parser, coingeckoPort.names().constFirst(), ok);
    allOk = allOk && ok;
    const quint16 rPort = portOption(parser, coinremitterPort.names().constFirst(), ok);
    allOk = allOk && ok;
    const int delayMs = parser.value(delay).toInt(&ok);
    allOk = allOk && ok && delayMs >= 0;
    const QString mode = parser.value(coingeckoMode).toLower();
    if (!allOk
        || (mode != QLatin1String("keyless") && mode != QLatin1String("demo")
            && mode != QLatin1String("pro"))) {
        std::fprintf(stderr,
            "finagent-fakes: a port must be 0-65535, --delay a whole number of ms, and "
            "--coingecko-mode keyless, demo or pro.\n");
        return 2;
    }

    FakeBinance binance;
    FakeCoinGecko coingecko;
    FakeCoinRemitter coinremitter;

    if (mode == QLatin1String("demo")) {
        coingecko.setMode(FakeCoinGecko::Mode::Demo);
        coingecko.setApiKey(env("FAKE_COINGECKO_KEY", "CG-fake-demo-key"));
    } else if (mode == QLatin1String("pro")) {
        coingecko.setMode(FakeCoinGecko::Mode::Pro);
        coingecko.setApiKey(env("FAKE_COINGECKO_KEY", "CG-fake-pro-key"));
    }
    coinremitter.addWallet(QStringLiteral("USDTTRC20"),
        env("FAKE_COINREMITTER_TRC20_KEY", "fake-trc20-api-key"),
        env("FAKE_COINREMITTER_TRC20_PASSWORD", "fake-trc20-password"),
        env("FAKE_COINREMITTER_TRC20_BALANCE", "84.73000000"));
    coinremitter.addWallet(QStringLiteral("USDTERC20"),
        env("FAKE_COINREMITTER_ERC20_KEY", "fake-erc20-api-key"),
        env("FAKE_COINREMITTER_ERC20_PASSWORD", "fake-erc20-password"),
        env("FAKE_COINREMITTER_ERC20_BALANCE", "1250.00000000"));
    coinremitter.setRate(QStringLiteral("USDTTRC20"), QStringLiteral("USD"), QStringLiteral("1.00010000"));
    coinremitter.setRate(QStringLiteral("USDTERC20"), QStringLiteral("USD"), QStringLiteral("1.00010000"));

    for (FakeUpstream* fake : std::initializer_list<FakeUpstream*> {&binance, &coingecko, &coinremitter}) {
        fake->setDelay(delayMs);
        if (parser.isSet(verbose)) {
            QObject::connect(fake, &FakeUpstream::requestReceived, fake, [fake](const RecordedRequest& r) {
                // The path only: queries and headers may carry API keys.
                std::fprintf(stderr, "%s %s %s\n", fake->metaObject()->className(), qPrintable(r.method),
                    qPrintable(r.path));
            });
        }
    }
    if (!binance.start(bPort) || !coingecko.start(gPort) || !coinremitter.start(rPort)) {
        std::fprintf(stderr, "finagent-fakes: could not listen on 127.0.0.1; is a port already in use?\n");
        return 1;
    }

    const QString b = binance.baseUrl().toString();
    const QString g = coingecko.baseUrl().toString();
    const QString r = coinremitter.baseUrl().toString();
    const QJsonObject urls {{QStringLiteral("binance"), b}, {QStringLiteral("coingecko"), g},
        {QStringLiteral("coinremitter"), r},
        {QStringLiteral("coingecko_api"), QString(g + QStringLiteral("/api/v3"))},
        {QStringLiteral("coinremitter_api"), QString(r + QStringLiteral("/v1"))}};
    std::fprintf(stdout, "%s\n", QJsonDocument(urls).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);

    if (::pipe(g_signalPipe) == 0) {
        struct sigaction action
        { };
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGTERM, &action, nullptr);
        sigaction(SIGINT, &action, nullptr);
        auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, []() { QCoreApplication::quit(); });
    }
    if (!parser.isSet(noStdin) && stdinIsWatchable()) {
        auto* input = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, &app);
        QObject::connect(input, &QSocketNotifier::activated, &app, [input]() {
            char buffer[256];
            const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (n <= 0) {
                input->setEnabled(false);
                QCoreApplication::quit();
            }
        });
    }
    return app.exec();
}
