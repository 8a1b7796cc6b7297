#pragma once

#include "payments/networkcatalog.h"

#include <QString>
#include <QStringList>

class Settings;

// The payments settings, read once when the payments area is wired.
struct PaymentsConfig
{
    QString provider = QStringLiteral("sandbox"); // "sandbox" or "coinremitter"
    QString coinremitterUrl = QStringLiteral("https://api.coinremitter.com/v1");
    NetworkCatalog networks;
    QStringList problems; // sentences about settings that were ignored
    int invoiceExpiryMinutes = 60;
    int refreshIntervalMs = 30000;
    QString publicUrl; // serve: the public base URL, for webhooks and payment pages
    // Base URL of the HTTP endpoint that serves the sandbox payment pages, when no public URL is
    // set: http://<http.host>:<http.port> of the settings (the desktop app's endpoint).
    QString endpointUrl;

    // How often other processes' changes are looked for, and how long the refresh lease lasts.
    int changePollIntervalMs = 2000;
    int leaseTtlMs() const { return qMax(15000, 3 * refreshIntervalMs); }
    int requestTimeoutMs = 15000; // one CoinRemitter request

    bool isSandbox() const { return provider == QLatin1String("sandbox"); }
    static QStringList providers() { return {QStringLiteral("sandbox"), QStringLiteral("coinremitter")}; }

    static PaymentsConfig fromSettings(const Settings& settings);
    // The webhook URL CoinRemitter should call, or empty without a public URL.
    QString notifyUrl() const;
};
