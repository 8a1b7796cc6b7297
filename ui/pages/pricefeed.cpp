#include "pages/pricefeed.h"

#include "backend/backend.h"
#include "pages/watchlistmodel.h"
#include "widgets/priceformat.h"

#include <QJsonArray>

namespace
{

constexpr int kSparklinePoints = 24;

} // namespace

PriceFeed::PriceFeed(Backend& backend, WatchlistModel& model, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
    , m_model(model)
{
    m_clock.start();
}

PriceFeed::~PriceFeed() = default;

bool PriceFeed::refresh()
{
    if (m_pending > 0) {
        ++m_skipped;
        return false;
    }
    const QStringList symbols = m_model.symbols();
    if (symbols.isEmpty()) {
        ++m_completed;
        Q_EMIT roundFinished();
        return true;
    }
    delete m_round;
    m_round = new QObject(this);
    const qint64 now = m_clock.elapsed();
    // Count every request first, so an answer that comes back at once cannot end the round early.
    QStringList sparklines;
    for (const QString& s : symbols) {
        if (!m_sparklineAt.contains(s) || now - m_sparklineAt.value(s) >= m_sparklineMaxAgeMs)
            sparklines.append(s);
    }
    m_pending = int(symbols.size() + sparklines.size());
    for (const QString& s : symbols)
        fetchTicker(s, m_round, true);
    for (const QString& s : sparklines)
        fetchSparkline(s, m_round, true);
    return true;
}

void PriceFeed::refreshSymbol(const QString& symbol)
{
    fetchTicker(symbol, this, false);
    fetchSparkline(symbol, this, false);
}

void PriceFeed::fetchTicker(const QString& symbol, QObject* ctx, bool counted)
{
    m_backend.callTool(QStringLiteral("get_ticker_24h"), QJsonObject {{QStringLiteral("symbol"), symbol}},
        ctx, [this, symbol, counted](ToolOutcome out) {
            if (out.ok)
                m_model.setTicker(symbol, out.structured);
            else
                m_model.setError(symbol, out.error.message);
            settle(counted);
        });
}

void PriceFeed::fetchSparkline(const QString& symbol, QObject* ctx, bool counted)
{
    const QJsonObject args {{QStringLiteral("symbol"), symbol},
        {QStringLiteral("interval"), QStringLiteral("1h")}, {QStringLiteral("limit"), kSparklinePoints}};
    m_backend.callTool(QStringLiteral("get_klines"), args, ctx, [this, symbol, counted](ToolOutcome out) {
        // A missing sparkline is not worth an error of its own: the ticker reports the symbol's problems.
        if (out.ok) {
            QVector<double> closes;
            const QJsonArray rows = out.structured.value(QStringLiteral("klines")).toArray();
            for (const QJsonValue& row : rows)
                closes.append(
                    PriceFormat::toDouble(row.toObject().value(QStringLiteral("close")).toString()));
            m_model.setSparkline(symbol, closes);
            m_sparklineAt.insert(symbol, m_clock.elapsed());
        }
        settle(counted);
    });
}

void PriceFeed::settle(bool counted)
{
    if (!counted || m_pending == 0)
        return;
    if (--m_pending == 0) {
        ++m_completed;
        if (m_round)
            m_round->deleteLater();
        m_round = nullptr;
        Q_EMIT roundFinished();
    }
}
