// Symbols as people type them, checked against a symbol directory (or read textually without one),
// and the close matches offered for unknown ones.
#include "market/coinaliases.h"
#include "market/symbolresolver.h"

#include <QJsonArray>
#include <QTest>

namespace
{

SymbolDirectory directory()
{
    SymbolDirectory d;
    const char* rows[][4] = {
        {"BTCUSDT", "BTC", "USDT", "TRADING"},
        {"BTCUSDC", "BTC", "USDC", "TRADING"},
        {"BTCFDUSD", "BTC", "FDUSD", "TRADING"},
        {"BTCEUR", "BTC", "EUR", "TRADING"},
        {"ETHUSDT", "ETH", "USDT", "TRADING"},
        {"ETHBTC", "ETH", "BTC", "TRADING"},
        {"SOLUSDT", "SOL", "USDT", "TRADING"},
        {"1000SHIBUSDT", "1000SHIB", "USDT", "TRADING"},
        {"SHIBUSDC", "SHIB", "USDC", "TRADING"},
        {"LUNAUSDT", "LUNA", "USDT", "BREAK"},
        {"XRPUSDT", "XRP", "USDT", "TRADING"},
        {"POLUSDT", "POL", "USDT", "TRADING"},
    };
    for (const auto& r : rows) {
        d.add(
            SymbolInfo {QLatin1String(r[0]), QLatin1String(r[1]), QLatin1String(r[2]), QLatin1String(r[3])});
    }
    return d;
}

} // namespace

class TestSymbolResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolvesWithDirectory_data();
    void resolvesWithDirectory();
    void readsTextuallyWithoutDirectory_data();
    void readsTextuallyWithoutDirectory();
    void unknownSymbolsGetSuggestions_data();
    void unknownSymbolsGetSuggestions();
    void notTradingIsSaidSo();
    void refusesWhatIsNotASymbol_data();
    void refusesWhatIsNotASymbol();
    void editDistance();
    void completionsPreferUsdtPairs();
    void aliases();
};

void TestSymbolResolver::resolvesWithDirectory_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("quote");
    QTest::newRow("BTC") << "BTC"
                         << "BTCUSDT"
                         << "BTC"
                         << "USDT";
    QTest::newRow("btc") << "btc"
                         << "BTCUSDT"
                         << "BTC"
                         << "USDT";
    QTest::newRow("BTCUSDT") << "BTCUSDT"
                             << "BTCUSDT"
                             << "BTC"
                             << "USDT";
    QTest::newRow("btcusdc") << "btcusdc"
                             << "BTCUSDC"
                             << "BTC"
                             << "USDC";
    QTest::newRow("BTC/USDT") << "BTC/USDT"
                              << "BTCUSDT"
                              << "BTC"
                              << "USDT";
    QTest::newRow("btc-usdt") << "btc-usdt"
                              << "BTCUSDT"
                              << "BTC"
                              << "USDT";
    QTest::newRow("btc_usdt") << "btc_usdt"
                              << "BTCUSDT"
                              << "BTC"
                              << "USDT";
    QTest::newRow("BTC:EUR") << "BTC:EUR"
                             << "BTCEUR"
                             << "BTC"
                             << "EUR";
    QTest::newRow("eth btc") << " eth btc "
                             << "ETHBTC"
                             << "ETH"
                             << "BTC";
    QTest::newRow("bitcoin") << "bitcoin"
                             << "BTCUSDT"
                             << "BTC"
                             << "USDT";
    QTest::newRow("Bitcoin") << "Bitcoin"
                             << "BTCUSDT"
                             << "BTC"
                             << "USDT";
    QTest::newRow("ethereum/bitcoin") << "ethereum/bitcoin"
                                      << "ETHBTC"
                                      << "ETH"
                                      << "BTC";
    QTest::newRow("bitcoin/tether") << "bitcoin/tether"
                                    << "BTCUSDT"
                                    << "BTC"
                                    << "USDT";
    QTest::newRow("ripple") << "ripple"
                            << "XRPUSDT"
                            << "XRP"
                            << "USDT";
    QTest::newRow("matic") << "matic"
                           << "POLUSDT"
                           << "POL"
                           << "USDT";
    QTest::newRow("1000SHIBUSDT") << "1000SHIBUSDT"
                                  << "1000SHIBUSDT"
                                  << "1000SHIB"
                                  << "USDT";
    QTest::newRow("1000shib") << "1000shib"
                              << "1000SHIBUSDT"
                              << "1000SHIB"
                              << "USDT";
}

void TestSymbolResolver::resolvesWithDirectory()
{
    QFETCH(QString, input);
    QFETCH(QString, symbol);
    QFETCH(QString, base);
    QFETCH(QString, quote);
    const SymbolDirectory d = directory();
    const Result<ResolvedSymbol> r = SymbolResolver::resolve(input, &d);
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    QCOMPARE(r->symbol, symbol);
    QCOMPARE(r->baseAsset, base);
    QCOMPARE(r->quoteAsset, quote);
    QVERIFY(r->validated);
    QCOMPARE(r->input, input.trimmed());
}

void TestSymbolResolver::readsTextuallyWithoutDirectory_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("quote");
    QTest::newRow("bare") << "sol"
                          << "SOLUSDT"
                          << "SOL"
                          << "USDT";
    QTest::newRow("symbol") << "ETHUSDT"
                            << "ETHUSDT"
                            << "ETH"
                            << "USDT";
    QTest::newRow("cross") << "ETHBTC"
                           << "ETHBTC"
                           << "ETH"
                           << "BTC";
    QTest::newRow("fdusd wins over usd") << "BTCFDUSD"
                                         << "BTCFDUSD"
                                         << "BTC"
                                         << "FDUSD";
    QTest::newRow("base that is a quote") << "BNB"
                                          << "BNBUSDT"
                                          << "BNB"
                                          << "USDT";
    QTest::newRow("digits") << "1000SHIBUSDT"
                            << "1000SHIBUSDT"
                            << "1000SHIB"
                            << "USDT";
    QTest::newRow("name") << "dogecoin"
                          << "DOGEUSDT"
                          << "DOGE"
                          << "USDT";
    QTest::newRow("slash") << "sol/eth"
                           << "SOLETH"
                           << "SOL"
                           << "ETH";
}

void TestSymbolResolver::readsTextuallyWithoutDirectory()
{
    QFETCH(QString, input);
    QFETCH(QString, symbol);
    QFETCH(QString, base);
    QFETCH(QString, quote);
    const Result<ResolvedSymbol> r = SymbolResolver::resolve(input, nullptr);
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    QCOMPARE(r->symbol, symbol);
    QCOMPARE(r->baseAsset, base);
    QCOMPARE(r->quoteAsset, quote);
    QVERIFY(!r->validated);
}

void TestSymbolResolver::unknownSymbolsGetSuggestions_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<QStringList>("firstSuggestions");
    QTest::newRow("BTCUSD") << "BTCUSD"
                            << "BTCUSD" << QStringList {QStringLiteral("BTCUSDT"), QStringLiteral("BTCUSDC")};
    QTest::newRow("typo") << "BTCUSTD"
                          << "BTCUSTD" << QStringList {QStringLiteral("BTCUSDT")};
    QTest::newRow("base typo") << "ETHH"
                               << "ETHH" << QStringList {QStringLiteral("ETHUSDT"), QStringLiteral("ETHBTC")};
    QTest::newRow("contained") << "SHIBUSDT"
                               << "SHIBUSDT" << QStringList {QStringLiteral("SHIBUSDC")};
    QTest::newRow("pair") << "SOL/BTC"
                          << "SOLBTC" << QStringList {QStringLiteral("SOLUSDT")};
}

void TestSymbolResolver::unknownSymbolsGetSuggestions()
{
    QFETCH(QString, input);
    QFETCH(QString, symbol);
    QFETCH(QStringList, firstSuggestions);
    const SymbolDirectory d = directory();
    const Result<ResolvedSymbol> r = SymbolResolver::resolve(input, &d);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("invalid_symbol"));
    const QJsonArray suggestions = r.error().details.value(QStringLiteral("suggestions")).toArray();
    QVERIFY(suggestions.size() <= 5);
    for (int i = 0; i < firstSuggestions.size(); ++i)
        QCOMPARE(suggestions.at(i).toString(), firstSuggestions.at(i));
    QCOMPARE(r.error().details.value(QStringLiteral("symbol")).toString(), symbol);
    QVERIFY(r.error().message.startsWith(
        QStringLiteral("Unknown symbol %1; did you mean %2").arg(symbol, firstSuggestions.first())));
    QVERIFY(r.error().message.contains(QStringLiteral("search_coins")));
    // The delisted LUNAUSDT is never offered.
    QVERIFY(!suggestions.contains(QStringLiteral("LUNAUSDT")));
}

void TestSymbolResolver::notTradingIsSaidSo()
{
    const SymbolDirectory d = directory();
    const Result<ResolvedSymbol> r = SymbolResolver::resolve(QStringLiteral("luna"), &d);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("symbol_not_trading"));
    QVERIFY(r.error().message.contains(QStringLiteral("LUNAUSDT")));
    QVERIFY(r.error().message.contains(QStringLiteral("BREAK")));

    const Result<ResolvedSymbol> none = SymbolResolver::resolve(QStringLiteral("ZZZZQQQQ"), &d);
    QCOMPARE(none.error().code, QStringLiteral("invalid_symbol"));
    QVERIFY(none.error().message.contains(QStringLiteral("nothing close")));
}

void TestSymbolResolver::refusesWhatIsNotASymbol_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("empty") << "";
    QTest::newRow("spaces") << "   ";
    QTest::newRow("dollar") << "BTC$";
    QTest::newRow("quote only") << "usdt";
    QTest::newRow("three parts") << "a/b/c";
    QTest::newRow("too long") << QString(60, QLatin1Char('A'));
}

void TestSymbolResolver::refusesWhatIsNotASymbol()
{
    QFETCH(QString, input);
    const SymbolDirectory d = directory();
    for (const SymbolDirectory* dir : {&d, static_cast<const SymbolDirectory*>(nullptr)}) {
        const Result<ResolvedSymbol> r = SymbolResolver::resolve(input, dir);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("invalid_symbol"));
        QVERIFY(!r.error().message.isEmpty());
    }
}

void TestSymbolResolver::editDistance()
{
    QCOMPARE(SymbolDirectory::editDistance(QStringLiteral("BTCUSD"), QStringLiteral("BTCUSDT")), 1);
    QCOMPARE(SymbolDirectory::editDistance(QStringLiteral("BTCUSDT"), QStringLiteral("BTCUSDT")), 0);
    QCOMPARE(SymbolDirectory::editDistance(QStringLiteral("KITTEN"), QStringLiteral("SITTING")), 3);
    QCOMPARE(SymbolDirectory::editDistance(QString(), QStringLiteral("ABC")), 3);
}

void TestSymbolResolver::completionsPreferUsdtPairs()
{
    const SymbolDirectory d = directory();
    QCOMPARE(d.completions(QStringLiteral("btc")),
        (QStringList {QStringLiteral("BTCUSDT"), QStringLiteral("BTCUSDC"), QStringLiteral("BTCFDUSD"),
            QStringLiteral("BTCEUR")}));
    QCOMPARE(d.completions(QStringLiteral("ETH"), 1), QStringList {QStringLiteral("ETHUSDT")});
    QVERIFY(d.completions(QStringLiteral("LUNA")).isEmpty());
}

void TestSymbolResolver::aliases()
{
    QCOMPARE(CoinAliases::byName(QStringLiteral("Shiba Inu"))->baseAsset, QStringLiteral("SHIB"));
    QCOMPARE(CoinAliases::byName(QStringLiteral("shiba-inu"))->coingeckoId, QStringLiteral("shiba-inu"));
    QCOMPARE(CoinAliases::byName(QStringLiteral("binancecoin"))->baseAsset, QStringLiteral("BNB"));
    QCOMPARE(CoinAliases::byBaseAsset(QStringLiteral("eth"))->coingeckoId, QStringLiteral("ethereum"));
    QVERIFY(!CoinAliases::byName(QStringLiteral("BTCUSDT")).has_value());
    QVERIFY(!CoinAliases::byName(QString()).has_value());
}

QTEST_GUILESS_MAIN(TestSymbolResolver)
#include "tst_symbolresolver.moc"
