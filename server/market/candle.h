#pragma once

#include <QString>
#include <QtGlobal>

// One kline as Binance reports it. The doubles feed the indicator maths only; anything shown to a
// person or returned by a tool uses the exact decimal strings, because prices are never rounded
// through a double on their way out.
struct Candle
{
    qint64 openTime = 0; // ms since epoch (UTC)
    qint64 closeTime = 0; // ms since epoch (UTC)
    double open = 0;
    double high = 0;
    double low = 0;
    double close = 0;
    double volume = 0;
    QString openText;
    QString highText;
    QString lowText;
    QString closeText;
    QString volumeText;
};
