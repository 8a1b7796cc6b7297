#pragma once

#include <QString>
#include <QStringList>

// The names secrets are stored under, and how they map to environment variables.
//
// Names are lower-case paths: "http/token", "remote/token", "coingecko/api_key",
// "coinremitter/<COIN>/api_key", "coinremitter/<COIN>/password" (COIN like USDTTRC20).
namespace SecretNames
{

// Longest accepted name, in characters.
constexpr int maxLength = 128;

// True if the name has the shape [a-z0-9_]+(/[A-Za-z0-9_]+)*, is at most maxLength characters
// and is not under "finagent/" (reserved for the store's own bookkeeping). *why gets a sentence.
bool isValid(const QString& name, QString* why = nullptr);

// True if the name is one FinAgent reads (one of the canonical forms above).
bool isKnown(const QString& name);

// The known name a valid but differently spelled name was probably meant to be
// ("coinremitter/usdttrc20/api_key" -> "coinremitter/USDTTRC20/api_key"), or an empty string.
QString canonical(const QString& name);

// True for a CoinRemitter wallet code: [A-Z0-9]{2,20}.
bool isValidCoin(const QString& coin);

// The known forms: "http/token", ..., "coinremitter/<COIN>/password".
QStringList validForms();

// One line per known form, "form  what it holds", aligned for usage texts.
QStringList describeForms();

// "coinremitter/USDTTRC20/api_key" -> "FINAGENT_COINREMITTER_USDTTRC20_API_KEY".
QString envVarFor(const QString& name);

// The known name an environment variable holds ("FINAGENT_COINGECKO_API_KEY" or
// "FINAGENT_COINGECKO_API_KEY_FILE" -> "coingecko/api_key"), or an empty string.
QString nameForEnvVar(const QString& variable);

QString httpToken();
QString remoteToken();
QString coingeckoKey();
QString coinremitterKey(const QString& coin);
QString coinremitterPassword(const QString& coin);

} // namespace SecretNames
