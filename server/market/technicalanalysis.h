#pragma once

#include "market/candle.h"
#include "market/indicators.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

// A technical reading of a candle series: the latest value of each indicator, support and
// resistance levels, a trend call and sentences a person (or an assistant) can read as they are.
// Indicators that need more candles than were given stay std::nullopt and are named in `notes`.
struct TechnicalAnalysis
{
    int candleCount = 0;
    double lastClose = 0;
    std::optional<double> sma20, sma50, sma200, ema20, ema50, ema200, rsi14, atr14;
    std::optional<double> macd, macdSignal, macdHistogram;
    std::optional<double> bbUpper, bbMiddle, bbLower;
    QList<Indicators::Level> levels;
    QString trend; // "uptrend" | "downtrend" | "sideways" | "insufficient_data"
    QStringList
        signals_; // short sentences: "RSI 74.2: overbought", "MACD crossed above signal 2 candles ago"
    QString summary; // 2-4 sentences with the numbers that matter, what was skipped, and the caveat
    QStringList notes; // e.g. "SMA200 needs 200 candles; got 120"
};

// Pure and thread-safe; fine to run on a worker thread for long series.
TechnicalAnalysis analyze(const QVector<Candle>& candles);
