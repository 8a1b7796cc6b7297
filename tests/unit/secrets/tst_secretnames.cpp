#include "security/secretnames.h"

#include <QTest>

class TstSecretNames : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validity_data();
    void validity();
    void reasonIsASentence();
    void known_data();
    void known();
    void canonicalSpelling();
    void helpers();
    void envVarFor_data();
    void envVarFor();
    void nameForEnvVar_data();
    void nameForEnvVar();
    void envMappingRoundTrips();
};

void TstSecretNames::validity_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("http token") << QStringLiteral("http/token") << true;
    QTest::newRow("coinremitter key") << QStringLiteral("coinremitter/USDTTRC20/api_key") << true;
    QTest::newRow("single segment") << QStringLiteral("token") << true;
    QTest::newRow("upper first segment") << QStringLiteral("Coingecko/api_key") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("leading slash") << QStringLiteral("/http/token") << false;
    QTest::newRow("trailing slash") << QStringLiteral("http/token/") << false;
    QTest::newRow("double slash") << QStringLiteral("http//token") << false;
    QTest::newRow("dash") << QStringLiteral("coin-gecko/api_key") << false;
    QTest::newRow("space") << QStringLiteral("coingecko/api key") << false;
    QTest::newRow("dot dot") << QStringLiteral("../etc/passwd") << false;
    QTest::newRow("unicode") << QStringLiteral("coingecko/ключ") << false;
    QTest::newRow("128 chars") << QString(128, QLatin1Char('a')) << true;
    QTest::newRow("129 chars") << QString(129, QLatin1Char('a')) << false;
    QTest::newRow("reserved index") << QStringLiteral("finagent/index") << false;
    QTest::newRow("reserved root") << QStringLiteral("finagent") << false;
    QTest::newRow("prefix is not reserved") << QStringLiteral("finagentx/token") << true;
}

void TstSecretNames::validity()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QString why;
    QCOMPARE(SecretNames::isValid(name, &why), valid);
    QCOMPARE(why.isEmpty(), valid);
}

void TstSecretNames::reasonIsASentence()
{
    QString why;
    QVERIFY(!SecretNames::isValid(QStringLiteral("finagent/index"), &why));
    QVERIFY2(why.contains(QLatin1String("reserved")), qPrintable(why));
    QVERIFY(!SecretNames::isValid(QStringLiteral("Bad Name"), &why));
    QVERIFY2(why.contains(QLatin1String("Bad Name")) && why.endsWith(QLatin1Char('.')), qPrintable(why));
    QVERIFY(!SecretNames::isValid(QString(), nullptr));
}

void TstSecretNames::known_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("known");
    QTest::newRow("http") << QStringLiteral("http/token") << true;
    QTest::newRow("remote") << QStringLiteral("remote/token") << true;
    QTest::newRow("coingecko") << QStringLiteral("coingecko/api_key") << true;
    QTest::newRow("coinremitter key") << QStringLiteral("coinremitter/USDTTRC20/api_key") << true;
    QTest::newRow("coinremitter password") << QStringLiteral("coinremitter/USDTERC20/password") << true;
    QTest::newRow("lower coin") << QStringLiteral("coinremitter/usdttrc20/api_key") << false;
    QTest::newRow("coin too short") << QStringLiteral("coinremitter/U/api_key") << false;
    QTest::newRow("coin too long") << QStringLiteral("coinremitter/ABCDEFGHIJKLMNOPQRSTU/api_key") << false;
    QTest::newRow("typo") << QStringLiteral("coingecko/apikey") << false;
    QTest::newRow("other field") << QStringLiteral("coinremitter/BTC/secret") << false;
}

void TstSecretNames::known()
{
    QFETCH(QString, name);
    QFETCH(bool, known);
    QCOMPARE(SecretNames::isKnown(name), known);
}

void TstSecretNames::canonicalSpelling()
{
    QCOMPARE(SecretNames::canonical(QStringLiteral("coinremitter/usdttrc20/api_key")),
        QStringLiteral("coinremitter/USDTTRC20/api_key"));
    QCOMPARE(SecretNames::canonical(QStringLiteral("coinremitter/Btc/password")),
        QStringLiteral("coinremitter/BTC/password"));
    QCOMPARE(
        SecretNames::canonical(QStringLiteral("coingecko/API_KEY")), QStringLiteral("coingecko/api_key"));
    QCOMPARE(SecretNames::canonical(QStringLiteral("http/token")), QStringLiteral("http/token"));
    QVERIFY(SecretNames::canonical(QStringLiteral("coingecko/apikey")).isEmpty());
    QVERIFY(SecretNames::canonical(QStringLiteral("coinremitter/b/api_key")).isEmpty());
}

void TstSecretNames::helpers()
{
    QCOMPARE(SecretNames::httpToken(), QStringLiteral("http/token"));
    QCOMPARE(SecretNames::remoteToken(), QStringLiteral("remote/token"));
    QCOMPARE(SecretNames::coingeckoKey(), QStringLiteral("coingecko/api_key"));
    QCOMPARE(SecretNames::coinremitterKey(QStringLiteral("USDTTRC20")),
        QStringLiteral("coinremitter/USDTTRC20/api_key"));
    QCOMPARE(SecretNames::coinremitterPassword(QStringLiteral("usdterc20")),
        QStringLiteral("coinremitter/USDTERC20/password"));
    QVERIFY(SecretNames::isValidCoin(QStringLiteral("USDTTRC20")));
    QVERIFY(!SecretNames::isValidCoin(QStringLiteral("usdt")));
    QVERIFY(!SecretNames::isValidCoin(QStringLiteral("USDT_TRC20")));
    const QStringList helperNames {SecretNames::httpToken(), SecretNames::remoteToken(),
        SecretNames::coingeckoKey(), SecretNames::coinremitterKey(QStringLiteral("BTC")),
        SecretNames::coinremitterPassword(QStringLiteral("BTC"))};
    for (const QString& name : helperNames) {
        QVERIFY2(SecretNames::isValid(name), qPrintable(name));
        QVERIFY2(SecretNames::isKnown(name), qPrintable(name));
    }
    QCOMPARE(SecretNames::validForms().size(), SecretNames::describeForms().size());
}

void TstSecretNames::envVarFor_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("variable");
    QTest::newRow("coinremitter") << QStringLiteral("coinremitter/USDTTRC20/api_key")
                                  << QStringLiteral("FINAGENT_COINREMITTER_USDTTRC20_API_KEY");
    QTest::newRow("password") << QStringLiteral("coinremitter/USDTERC20/password")
                              << QStringLiteral("FINAGENT_COINREMITTER_USDTERC20_PASSWORD");
    QTest::newRow("http") << QStringLiteral("http/token") << QStringLiteral("FINAGENT_HTTP_TOKEN");
    QTest::newRow("remote") << QStringLiteral("remote/token") << QStringLiteral("FINAGENT_REMOTE_TOKEN");
    QTest::newRow("coingecko") << QStringLiteral("coingecko/api_key")
                               << QStringLiteral("FINAGENT_COINGECKO_API_KEY");
}

void TstSecretNames::envVarFor()
{
    QFETCH(QString, name);
    QFETCH(QString, variable);
    QCOMPARE(SecretNames::envVarFor(name), variable);
}

void TstSecretNames::nameForEnvVar_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("name");
    QTest::newRow("http") << QStringLiteral("FINAGENT_HTTP_TOKEN") << QStringLiteral("http/token");
    QTest::newRow("http file") << QStringLiteral("FINAGENT_HTTP_TOKEN_FILE") << QStringLiteral("http/token");
    QTest::newRow("coingecko") << QStringLiteral("FINAGENT_COINGECKO_API_KEY")
                               << QStringLiteral("coingecko/api_key");
    QTest::newRow("coinremitter key") << QStringLiteral("FINAGENT_COINREMITTER_USDTTRC20_API_KEY")
                                      << QStringLiteral("coinremitter/USDTTRC20/api_key");
    QTest::newRow("coinremitter password file") << QStringLiteral("FINAGENT_COINREMITTER_BTC_PASSWORD_FILE")
                                                << QStringLiteral("coinremitter/BTC/password");
    QTest::newRow("settings variable") << QStringLiteral("FINAGENT_DATA_DIR") << QString();
    QTest::newRow("no prefix") << QStringLiteral("COINGECKO_API_KEY") << QString();
    QTest::newRow("lower case") << QStringLiteral("finagent_http_token") << QString();
    QTest::newRow("bad coin") << QStringLiteral("FINAGENT_COINREMITTER_USDT_TRC20_API_KEY") << QString();
}

void TstSecretNames::nameForEnvVar()
{
    QFETCH(QString, variable);
    QFETCH(QString, name);
    QCOMPARE(SecretNames::nameForEnvVar(variable), name);
}

void TstSecretNames::envMappingRoundTrips()
{
    const QStringList names {SecretNames::httpToken(), SecretNames::remoteToken(),
        SecretNames::coingeckoKey(), SecretNames::coinremitterKey(QStringLiteral("USDTTRC20")),
        SecretNames::coinremitterPassword(QStringLiteral("X2"))};
    for (const QString& name : names)
        QCOMPARE(SecretNames::nameForEnvVar(SecretNames::envVarFor(name)), name);
}

QTEST_APPLESS_MAIN(TstSecretNames)
#include "tst_secretnames.moc"
