#include "security/secretnames.h"

#include <QRegularExpression>

namespace
{

const QString kPrefix = QStringLiteral("FINAGENT_");
const QString kFileSuffix = QStringLiteral("_FILE");

const QRegularExpression& nameShape()
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9_]+(/[A-Za-z0-9_]+)*$"));
    return re;
}

const QRegularExpression& coinShape()
{
    static const QRegularExpression re(QStringLiteral("^[A-Z0-9]{2,20}$"));
    return re;
}

const QRegularExpression& coinremitterName()
{
    static const QRegularExpression re(QStringLiteral("^coinremitter/([A-Z0-9]{2,20})/(api_key|password)$"));
    return re;
}

const QRegularExpression& coinremitterVariable()
{
    static const QRegularExpression re(
        QStringLiteral("^FINAGENT_COINREMITTER_([A-Z0-9]{2,20})_(API_KEY|PASSWORD)$"));
    return re;
}

QStringList fixedNames()
{
    return {SecretNames::httpToken(), SecretNames::remoteToken(), SecretNames::coingeckoKey()};
}

} // namespace

namespace SecretNames
{

bool isValid(const QString& name, QString* why)
{
    auto fail = [why](const QString& reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (name.isEmpty())
        return fail(QStringLiteral("The secret name is empty."));
    if (name.size() > maxLength)
        return fail(QStringLiteral("The secret name is longer than %1 characters.").arg(maxLength));
    if (!nameShape().match(name).hasMatch())
        return fail(
            QStringLiteral("The secret name \"%1\" is not a lower-case path such as coingecko/api_key "
                           "(letters, digits and _ separated by /).")
                .arg(name));
    if (name == QLatin1String("finagent") || name.startsWith(QLatin1String("finagent/")))
        return fail(QStringLiteral("Names under finagent/ are reserved for FinAgent's own bookkeeping."));
    return true;
}

bool isKnown(const QString& name)
{
    return fixedNames().contains(name) || coinremitterName().match(name).hasMatch();
}

QString canonical(const QString& name)
{
    const QString lower = name.toLower();
    for (const QString& fixed : fixedNames()) {
        if (lower == fixed)
            return fixed;
    }
    const QStringList parts = lower.split(QLatin1Char('/'));
    if (parts.size() == 3 && parts.at(0) == QLatin1String("coinremitter")) {
        const QString coin = parts.at(1).toUpper();
        if (!isValidCoin(coin))
            return {};
        if (parts.at(2) == QLatin1String("api_key"))
            return coinremitterKey(coin);
        if (parts.at(2) == QLatin1String("password"))
            return coinremitterPassword(coin);
    }
    return {};
}

bool isValidCoin(const QString& coin)
{
    return coinShape().match(coin).hasMatch();
}

QStringList validForms()
{
    return {httpToken(), remoteToken(), coingeckoKey(), QStringLiteral("coinremitter/<COIN>/api_key"),
        QStringLiteral("coinremitter/<COIN>/password")};
}

QStringList describeForms()
{
    return {
        QStringLiteral("http/token                     token of the local HTTP endpoint"),
        QStringLiteral("remote/token                   token for the remote FinAgent instance"),
        QStringLiteral("coingecko/api_key              CoinGecko demo or pro API key"),
        QStringLiteral("coinremitter/<COIN>/api_key    CoinRemitter wallet API key (COIN like USDTTRC20)"),
        QStringLiteral("coinremitter/<COIN>/password   CoinRemitter wallet password"),
    };
}

QString envVarFor(const QString& name)
{
    QString upper = name.toUpper();
    upper.replace(QLatin1Char('/'), QLatin1Char('_'));
    return kPrefix + upper;
}

QString nameForEnvVar(const QString& variable)
{
    QString var = variable;
    if (var.endsWith(kFileSuffix))
        var.chop(kFileSuffix.size());
    for (const QString& fixed : fixedNames()) {
        if (var == envVarFor(fixed))
            return fixed;
    }
    const QRegularExpressionMatch m = coinremitterVariable().match(var);
    if (m.hasMatch()) {
        return m.captured(2) == QLatin1String("API_KEY") ? coinremitterKey(m.captured(1))
                                                         : coinremitterPassword(m.captured(1));
    }
    return {};
}

QString httpToken()
{
    return QStringLiteral("http/token");
}

QString remoteToken()
{
    return QStringLiteral("remote/token");
}

QString coingeckoKey()
{
    return QStringLiteral("coingecko/api_key");
}

QString coinremitterKey(const QString& coin)
{
    return QStringLiteral("coinremitter/") + coin.toUpper() + QStringLiteral("/api_key");
}

QString coinremitterPassword(const QString& coin)
{
    return QStringLiteral("coinremitter/") + coin.toUpper() + QStringLiteral("/password");
}

} // namespace SecretNames
