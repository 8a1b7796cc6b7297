#include "klinegenerator.h"

#include "fakedecimal.h"

#include <algorithm>
#include <cmath>

namespace
{

constexpr quint64 kSaltBlock = 1;
constexpr quint64 kSaltStep = 2;
constexpr quint64 kSaltHigh = 3;
constexpr quint64 kSaltLow = 4;
constexpr quint64 kSaltVolume = 5;
constexpr quint64 kSaltTaker = 6;
constexpr double kSecondsPerYear = 365.0 * 24 * 3600;
constexpr double kAverageTradeQuote = 450.0; // quote units per trade, for the trade count

quint64 splitmix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

quint64 fnv1a(const QByteArray& bytes)
{
    quint64 h = 0xcbf29ce484222325ULL;
    for (char c : bytes) {
        h ^= quint64(static_cast<unsigned char>(c));
        h *= 0x100000001b3ULL;
    }
    return h;
}

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

QString quantity(double value, qint64 stepUnits)
{
    const double step = double(stepUnits) / double(FakeDecimal::kScale);
    const double rounded = std::round(value / step) * step;
    return QString::number(std::max(0.0, rounded), 'f', 8);
}

} // namespace

KlineGenerator::KlineGenerator(
    const FakeBinanceData::SymbolSpec& spec, qint64 anchorMs, const QString& interval)
    : m_spec(spec)
    , m_interval(interval)
{
    m_seed = fnv1a(spec.symbol.toUtf8() + '|' + interval.toUtf8());
    m_anchorIndex = m_interval.indexOf(anchorMs);
    m_anchorUnits = FakeDecimal::parse(spec.price).value_or(FakeDecimal::kScale);
    m_tickUnits = std::max<qint64>(1, FakeDecimal::parse(spec.tickSize).value_or(1));
    const double stepSeconds = double(m_interval.nominalMs()) / 1000.0;
    m_stepSigma = spec.annualVolatility * std::sqrt(stepSeconds / kSecondsPerYear);
    m_anchorRaw = rawLogPrice(m_anchorIndex);
}

double KlineGenerator::uniform(quint64 key, quint64 salt) const
{
    const quint64 h = splitmix(m_seed ^ splitmix(key ^ (salt * 0xD6E8FEB86659FD93ULL)));
    return double(h >> 11) * (1.0 / 9007199254740992.0);
}

double KlineGenerator::gaussian(quint64 key, quint64 salt) const
{
    // Sum of four uniforms: close enough to a normal distribution for market noise.
    const quint64 h = splitmix(m_seed ^ splitmix(key ^ (salt * 0xD6E8FEB86659FD93ULL)));
    double sum = 0;
    for (int i = 0; i < 4; ++i)
        sum += double((h >> (16 * i)) & 0xFFFF) / 65536.0;
    return (sum - 2.0) * std::sqrt(3.0);
}

double KlineGenerator::blockIncrement(qint64 block) const
{
    return gaussian(quint64(block), kSaltBlock) * m_stepSigma * std::sqrt(double(kBlock));
}

double KlineGenerator::stepNoise(qint64 index) const
{
    return gaussian(quint64(index), kSaltStep) * m_stepSigma;
}

double KlineGenerator::blockStart(qint64 block) const
{
    const qint64 anchorBlock = floorDiv(m_anchorIndex, kBlock);
    double value = 0;
    if (block >= anchorBlock) {
        for (qint64 b = anchorBlock; b < block; ++b)
            value += blockIncrement(b);
    } else {
        for (qint64 b = block; b < anchorBlock; ++b)
            value -= blockIncrement(b);
    }
    return value;
}

double KlineGenerator::rawLogPrice(qint64 index) const
{
    const qint64 block = floorDiv(index, kBlock);
    const qint64 offset = index - block * kBlock;
    double partial = 0;
    double total = 0;
    for (qint64 t = 0; t < kBlock; ++t) {
        const double n = stepNoise(block * kBlock + t);
        if (t < offset)
            partial += n;
        total += n;
    }
    const double fraction = double(offset) / double(kBlock);
    // Brownian bridge inside the block, pinned to the coarse walk at both block edges.
    return blockStart(block) + fraction * blockIncrement(block) + partial - fraction * total;
}

double KlineGenerator::logPrice(qint64 index) const
{
    return rawLogPrice(index) - m_anchorRaw;
}

qint64 KlineGenerator::closeUnits(qint64 index) const
{
    if (index == m_anchorIndex)
        return m_anchorUnits;
    const double price = FakeDecimal::toDouble(m_anchorUnits) * std::exp(logPrice(index));
    return std::max(m_tickUnits, FakeDecimal::fromDouble(price, m_tickUnits));
}

QList<FakeBinanceData::Kline> KlineGenerator::candles(qint64 first, qint64 last) const
{
    QList<FakeBinanceData::Kline> out;
    if (last < first)
        return out;
    out.reserve(int(last - first + 1));

    // Walk the range block by block so each block's noise is summed once.
    const qint64 stepUnits = std::max<qint64>(1, FakeDecimal::parse(m_spec.stepSize).value_or(1));
    const double anchorPrice = FakeDecimal::toDouble(m_anchorUnits);
    qint64 block = floorDiv(first - 1, kBlock);
    double start = blockStart(block);
    std::vector<double> prefix(size_t(kBlock) + 1, 0.0);
    auto fillBlock = [&](qint64 b) {
        prefix[0] = 0;
        for (qint64 t = 0; t < kBlock; ++t)
            prefix[size_t(t) + 1] = prefix[size_t(t)] + stepNoise(b * kBlock + t);
    };
    fillBlock(block);
    auto logAt = [&](qint64 index) {
        const qint64 b = floorDiv(index, kBlock);
        while (block < b) {
            start += blockIncrement(block);
            ++block;
            fillBlock(block);
        }
        const qint64 offset = index - block * kBlock;
        const double fraction = double(offset) / double(kBlock);
        return start + fraction * blockIncrement(block) + prefix[size_t(offset)]
            - fraction * prefix[size_t(kBlock)] - m_anchorRaw;
    };
    auto unitsAt = [&](qint64 index, double logValue) {
        if (index == m_anchorIndex)
            return m_anchorUnits;
        return std::max(m_tickUnits, FakeDecimal::fromDouble(anchorPrice * std::exp(logValue), m_tickUnits));
    };

    qint64 previousClose = unitsAt(first - 1, logAt(first - 1));
    for (qint64 k = first; k <= last; ++k) {
        const qint64 openUnits = previousClose;
        const qint64 closeU = unitsAt(k, logAt(k));
        previousClose = closeU;

        const double open = FakeDecimal::toDouble(openUnits);
        const double close = FakeDecimal::toDouble(closeU);
        const double wickHigh = std::abs(gaussian(quint64(k), kSaltHigh)) * m_stepSigma * 0.6;
        const double wickLow = std::abs(gaussian(quint64(k), kSaltLow)) * m_stepSigma * 0.6;
        const qint64 highUnits = std::max({openUnits, closeU,
            FakeDecimal::fromDouble(std::max(open, close) * (1 + wickHigh), m_tickUnits)});
        const qint64 lowUnits = std::max(m_tickUnits,
            std::min({openUnits, closeU,
                FakeDecimal::fromDouble(std::min(open, close) * (1 - wickLow), m_tickUnits)}));

        const qint64 openTime = m_interval.openTime(k);
        const qint64 closeTime = m_interval.closeTime(k);
        const double dayFraction = double(closeTime - openTime + 1) / 86400000.0;
        const double move = m_stepSigma > 0 ? std::abs(std::log(close / open)) / m_stepSigma : 0;
        const double volume = m_spec.dailyBaseVolume * dayFraction
            * (0.4 + 1.2 * uniform(quint64(k), kSaltVolume) + 0.4 * std::min(3.0, move));
        const double quoteVolume = volume * (open + close) / 2;
        const double takerShare = 0.35 + 0.3 * uniform(quint64(k), kSaltTaker);

        FakeBinanceData::Kline kline;
        kline.openTime = openTime;
        kline.open = FakeDecimal::format(openUnits);
        kline.high = FakeDecimal::format(highUnits);
        kline.low = FakeDecimal::format(lowUnits);
        kline.close = FakeDecimal::format(closeU);
        kline.volume = quantity(volume, stepUnits);
        kline.closeTime = closeTime;
        kline.quoteVolume = QString::number(quoteVolume, 'f', 8);
        kline.trades = std::max<qint64>(1, std::llround(quoteVolume / kAverageTradeQuote));
        kline.takerBuyBaseVolume = quantity(volume * takerShare, stepUnits);
        kline.takerBuyQuoteVolume = QString::number(quoteVolume * takerShare, 'f', 8);
        out.append(kline);
    }
    return out;
}
