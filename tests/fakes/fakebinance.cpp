#include "fakebinance.h"

#include "fakedecimal.h"
#include "klinegenerator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace
{

constexpr qint64 kMinuteMs = 60 * 1000;
const QByteArray kJsonType = QByteArrayLiteral("application/json;charset=UTF-8");

// Binance writes these patterns in its messages; the matching uses an equivalent form.
const QString kSymbolRange = QStringLiteral("^[A-Z0-9-_.]{1,20}$");
const QString kSymbolsRange =
    QStringLiteral("^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$");
const QString kNumberRange = QStringLiteral("^[0-9]{1,20}$");

const QRegularExpression& symbolPattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Z0-9_.\\-]{1,20}$"));
    return re;
}

const QRegularExpression& symbolsPattern()
{
    static const QRegularExpression re(
        QStringLiteral("^\\[(\"[A-Z0-9_.\\-]{1,20}\"(,\"[A-Z0-9_.\\-]{1,20}\")*)?\\]$"));
    return re;
}

const QRegularExpression& numberPattern()
{
    static const QRegularExpression re(QStringLiteral("^[0-9]{1,20}$"));
    return re;
}

int symbolsCount(const QString& value)
{
    return int(value.count(QLatin1Char('"')) / 2);
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray secondsUntil(qint64 fromMs, qint64 toMs)
{
    return QByteArray::number(std::max<qint64>(1, (toMs - fromMs + 999) / 1000));
}

} // namespace

FakeBinance::FakeBinance(QObject* parent)
    : FakeUpstream(parent)
{
    m_spot.limit = 6000;
    m_futures.limit = 2400;
    setSymbols(FakeBinanceData::defaultSymbols());
}

// --- data control ---------------------------------------------------------------------------

void FakeBinance::setSymbols(const QList<SymbolSpec>& symbols)
{
    m_symbols.clear();
    m_order.clear();
    for (const auto& s : symbols)
        addSymbol(s);
}

void FakeBinance::setSymbols(const QStringList& names)
{
    const QList<SymbolSpec> demo = FakeBinanceData::defaultSymbols();
    QList<SymbolSpec> specs;
    for (const QString& name : names) {
        const auto known =
            std::find_if(demo.cbegin(), demo.cend(), [&](const SymbolSpec& s) { return s.symbol == name; });
        if (known != demo.cend()) {
            specs.append(*known);
            continue;
        }
        SymbolSpec spec;
        spec.symbol = name;
        spec.quoteAsset = QStringLiteral("USDT");
        for (const char* quote : {"FDUSD", "USDT", "USDC", "BTC", "ETH", "BNB", "EUR", "TRY"}) {
            const QString q = QLatin1String(quote);
            if (name.size() > q.size() && name.endsWith(q)) {
                spec.quoteAsset = q;
                break;
            }
        }
        spec.baseAsset =
            name.endsWith(spec.quoteAsset) ? name.left(name.size() - spec.quoteAsset.size()) : name;
        spec.price = QStringLiteral("1.00000000");
        spec.futures = spec.quoteAsset == QLatin1String("USDT");
        specs.append(spec);
    }
    setSymbols(specs);
}

void FakeBinance::addSymbol(const SymbolSpec& symbol)
{
    if (!m_symbols.contains(symbol.symbol))
        m_order.append(symbol.symbol);
    SymbolState st;
    st.spec = symbol;
    m_symbols.insert(symbol.symbol, st);
}

void FakeBinance::removeSymbol(const QString& symbol)
{
    m_symbols.remove(symbol);
    m_order.removeAll(symbol);
}

std::optional<FakeBinance::SymbolSpec> FakeBinance::symbol(const QString& symbol) const
{
    const auto it = m_symbols.constFind(symbol);
    if (it == m_symbols.constEnd())
        return std::nullopt;
    return it->spec;
}

FakeBinance::SymbolState* FakeBinance::state(const QString& symbol)
{
    const auto it = m_symbols.find(symbol);
    return it == m_symbols.end() ? nullptr : &it.value();
}

qint64 FakeBinance::anchorOf(SymbolState& st)
{
    if (!st.anchorMs)
        st.anchorMs = now();
    return *st.anchorMs;
}

void FakeBinance::setPrice(const QString& symbol, const QString& price)
{
    if (SymbolState* st = state(symbol)) {
        st->spec.price = price;
        st->anchorMs = now();
    }
}

QString FakeBinance::price(const QString& symbol) const
{
    const auto it = m_symbols.constFind(symbol);
    return it == m_symbols.constEnd() ? QString() : it->spec.price;
}

void FakeBinance::setSymbolStatus(const QString& symbol, const QString& status)
{
    if (SymbolState* st = state(symbol))
        st->spec.status = status;
}

void FakeBinance::setDelisted(const QString& symbol, bool delisted)
{
    if (SymbolState* st = state(symbol)) {
        st->delisted = delisted;
        if (delisted)
            st->spec.status = QStringLiteral("BREAK");
        else if (st->spec.status == QLatin1String("BREAK"))
            st->spec.status = QStringLiteral("TRADING");
    }
}

void FakeBinance::setTicker24h(const QString& symbol, const Ticker24h& ticker)
{
    if (SymbolState* st = state(symbol))
        st->ticker = ticker;
}

void FakeBinance::clearTicker24h(const QString& symbol)
{
    if (SymbolState* st = state(symbol))
        st->ticker.reset();
}

void FakeBinance::setKlines(const QString& symbol, const QString& interval, const QList<Kline>& rows)
{
    if (SymbolState* st = state(symbol)) {
        QList<Kline> sorted = rows;
        std::sort(sorted.begin(), sorted.end(),
            [](const Kline& a, const Kline& b) { return a.openTime < b.openTime; });
        st->klines.insert(interval, sorted);
    }
}

void FakeBinance::clearKlines(const QString& symbol, const QString& interval)
{
    if (SymbolState* st = state(symbol))
        st->klines.remove(interval);
}

QList<FakeBinance::Kline> FakeBinance::generatedKlines(
    const QString& symbol, const QString& interval, qint64 startMs, int count)
{
    SymbolState* st = state(symbol);
    if (!st || !BinanceInterval::isValid(interval) || count <= 0)
        return {};
    const KlineGenerator generator(st->spec, anchorOf(*st), interval);
    const qint64 first = generator.interval().indexOf(startMs);
    return generator.candles(first, first + count - 1);
}

void FakeBinance::setFundingRates(const QString& symbol, const QList<FundingRate>& rows)
{
    if (SymbolState* st = state(symbol)) {
        QList<FundingRate> sorted = rows;
        std::sort(sorted.begin(), sorted.end(),
            [](const FundingRate& a, const FundingRate& b) { return a.fundingTime < b.fundingTime; });
        st->funding = sorted;
    }
}

FakeBinance::Ticker24h FakeBinance::ticker24h(const QString& symbol)
{
    SymbolState* st = state(symbol);
    if (!st)
        return {};
    return st->ticker ? *st->ticker : derivedTicker(*st);
}

// --- rate limits ----------------------------------------------------------------------------

FakeBinance::WeightWindow& FakeBinance::windowFor(const QString& path)
{
    return isFutures(path) ? m_futures : m_spot;
}

void FakeBinance::roll(WeightWindow& window)
{
    const qint64 t = now();
    const qint64 start = t - (t % kMinuteMs);
    if (window.start != start) {
        window.start = start;
        window.used = 0;
    }
}

int FakeBinance::usedWeight()
{
    roll(m_spot);
    return m_spot.used;
}

int FakeBinance::futuresUsedWeight()
{
    roll(m_futures);
    return m_futures.used;
}

bool FakeBinance::isBanned()
{
    return now() < m_spot.bannedUntil || now() < m_futures.bannedUntil;
}

void FakeBinance::resetRateLimits()
{
    for (WeightWindow* w : {&m_spot, &m_futures}) {
        w->start = -1;
        w->used = 0;
        w->limitedUntil = 0;
        w->bannedUntil = 0;
    }
}

int FakeBinance::requestWeight(const RecordedRequest& request)
{
    const QString& path = request.path;
    const bool hasSymbol = request.hasQuery(QStringLiteral("symbol"));
    const bool hasSymbols = request.hasQuery(QStringLiteral("symbols"));
    if (path == QLatin1String("/api/v3/ticker/price"))
        return hasSymbol && !hasSymbols ? 2 : 4;
    if (path == QLatin1String("/api/v3/ticker/24hr")) {
        if (hasSymbol && !hasSymbols)
            return 2;
        if (!hasSymbols)
            return 80;
        const int n = symbolsCount(request.queryValue(QStringLiteral("symbols")));
        if (n <= 20)
            return 2;
        return n <= 100 ? 40 : 80;
    }
    if (path == QLatin1String("/api/v3/klines") || path == QLatin1String("/api/v3/uiKlines")
        || path == QLatin1String("/api/v3/avgPrice"))
        return 2;
    if (path == QLatin1String("/api/v3/exchangeInfo"))
        return 20;
    if (path == QLatin1String("/fapi/v1/premiumIndex"))
        return hasSymbol ? 1 : 10;
    return 1;
}

// --- request handling -----------------------------------------------------------------------

FakeUpstream::Reply FakeBinance::error(int code, const QString& message, int status)
{
    return jsonReply(status,
        compact(QJsonObject {{QStringLiteral("code"), code}, {QStringLiteral("msg"), message}}), kJsonType);
}

FakeUpstream::Reply FakeBinance::handle(const RecordedRequest& request)
{
    const QString& path = request.path;
    const bool futures = isFutures(path);
    if (!futures && !path.startsWith(QLatin1String("/api/"))) {
        Reply reply;
        reply.status = 404;
        return reply;
    }

    // Rate limiting first: Binance counts a request's weight whether or not it is valid.
    WeightWindow& window = windowFor(path);
    roll(window);
    const qint64 t = now();
    if (t < window.limitedUntil && t >= window.bannedUntil)
        window.bannedUntil = t + qint64(m_banSeconds) * 1000; // kept calling after a 429
    if (t < window.bannedUntil) {
        Reply reply = failureReply(Failure::Banned418, 0, request);
        return reply;
    }
    window.used += requestWeight(request);
    if (window.used > window.limit) {
        window.limitedUntil = window.start + kMinuteMs;
        return failureReply(Failure::RateLimited429, 0, request);
    }

    const bool known = path == QLatin1String("/api/v3/ping") || path == QLatin1String("/api/v3/time")
        || path == QLatin1String("/api/v3/ticker/price") || path == QLatin1String("/api/v3/ticker/24hr")
        || path == QLatin1String("/api/v3/klines") || path == QLatin1String("/api/v3/uiKlines")
        || path == QLatin1String("/api/v3/avgPrice") || path == QLatin1String("/api/v3/exchangeInfo")
        || path == QLatin1String("/fapi/v1/ping") || path == QLatin1String("/fapi/v1/time")
        || path == QLatin1String("/fapi/v1/premiumIndex") || path == QLatin1String("/fapi/v1/fundingRate");
    if (!known) {
        Reply reply;
        reply.status = 404;
        return reply;
    }
    if (request.method != QLatin1String("GET")) {
        Reply reply;
        reply.status = 405;
        return reply;
    }

    if (path.endsWith(QLatin1String("/ping")))
        return jsonReply(200, QByteArrayLiteral("{}"), kJsonType);
    if (path.endsWith(QLatin1String("/time")))
        return jsonReply(200, compact(QJsonObject {{QStringLiteral("serverTime"), t}}), kJsonType);
    if (path == QLatin1String("/api/v3/ticker/price"))
        return tickerPrice(request);
    if (path == QLatin1String("/api/v3/ticker/24hr"))
        return ticker24hr(request);
    if (path == QLatin1String("/api/v3/klines") || path == QLatin1String("/api/v3/uiKlines"))
        return klines(request);
    if (path == QLatin1String("/api/v3/avgPrice"))
        return avgPrice(request);
    if (path == QLatin1String("/api/v3/exchangeInfo"))
        return exchangeInfo(request);
    if (path == QLatin1String("/fapi/v1/premiumIndex"))
        return premiumIndex(request);
    return fundingRate(request);
}

void FakeBinance::finishReply(Reply& reply, const RecordedRequest& request)
{
    WeightWindow& window = windowFor(request.path);
    roll(window);
    const QByteArray used = QByteArray::number(window.used);
    reply.header("x-mbx-used-weight", used);
    reply.header("x-mbx-used-weight-1m", used);
}

FakeUpstream::Reply FakeBinance::failureReply(
    Failure failure, int retryAfterSeconds, const RecordedRequest& request)
{
    const bool futures = isFutures(request.path);
    WeightWindow& window = windowFor(request.path);
    roll(window);
    const qint64 t = now();
    switch (failure) {
    case Failure::ServerError500:
        return error(-1000, QStringLiteral("An unknown error occurred while processing the request."), 500);
    case Failure::BadGateway502:
        return htmlReply(502,
            QByteArrayLiteral("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                              "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"));
    case Failure::Unavailable503:
        return error(-1008,
            QStringLiteral("Server is currently overloaded with other requests. Please try again in a few "
                           "minutes."),
            503);
    case Failure::RateLimited429: {
        const qint64 until =
            retryAfterSeconds > 0 ? t + qint64(retryAfterSeconds) * 1000 : window.start + kMinuteMs;
        const QString message = futures
            ? QStringLiteral("Too many requests; current limit of IP(127.0.0.1) is %1 requests per minute. "
                             "Please use the websocket for live updates to avoid polling the API.")
                  .arg(window.limit)
            : QStringLiteral("Too much request weight used; current limit is %1 request weight per 1 MINUTE. "
                             "Please use WebSocket Streams for live updates to avoid polling the API.")
                  .arg(window.limit);
        Reply reply = error(-1003, message, 429);
        reply.header("Retry-After", secondsUntil(t, until));
        return reply;
    }
    case Failure::Banned418: {
        const qint64 until = retryAfterSeconds > 0 ? t + qint64(retryAfterSeconds) * 1000
            : window.bannedUntil > t               ? window.bannedUntil
                                                   : t + qint64(m_banSeconds) * 1000;
        const QString message = futures
            ? QStringLiteral("Way too many requests; IP(127.0.0.1) banned until %1. Please use the websocket "
                             "for live updates to avoid bans.")
                  .arg(until)
            : QStringLiteral("Way too much request weight used; IP banned until %1. Please use WebSocket "
                             "Streams for live updates to avoid bans.")
                  .arg(until);
        Reply reply = error(-1003, message, 418);
        reply.header("Retry-After", secondsUntil(t, until));
        return reply;
    }
    case Failure::Restricted451:
        return error(0,
            QStringLiteral("Service unavailable from a restricted location according to 'b. Eligibility' in "
                           "https://www.binance.com/en/terms. Please contact customer service if you "
                           "believe you received this message in error."),
            451);
    case Failure::WafBlocked403:
        return htmlReply(403,
            QByteArrayLiteral(
                "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" "
                "\"http://www.w3.org/TR/html4/loose.dtd\">\n<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" "
                "CONTENT=\"text/html; charset=iso-8859-1\">\n<TITLE>ERROR: The request could not be "
                "satisfied</TITLE>\n</HEAD><BODY>\n<H1>403 ERROR</H1>\n<H2>The request could not be "
                "satisfied.</H2>\n<HR noshade size=\"1px\">\nRequest blocked.\nWe can't connect to the "
                "server "
                "for this app or website at this time. There might be too much traffic or a configuration "
                "error. Try again later, or contact the app or website owner.\n<BR clear=\"all\">\n<HR "
                "noshade "
                "size=\"1px\">\n<PRE>\nGenerated by cloudfront (CloudFront)\n</PRE>\n<ADDRESS>\n</ADDRESS>\n"
                "</BODY></HTML>"));
    case Failure::HtmlRateLimit429: {
        Reply reply = htmlReply(429,
            QByteArrayLiteral("<html>\r\n<head><title>429 Too Many Requests</title></head>"
                              "\r\n<body>\r\n<center><h1>429 Too Many Requests</h1>"
                              "</center>\r\n</body>\r\n</html>\r\n"));
        if (retryAfterSeconds > 0)
            reply.header("Retry-After", QByteArray::number(retryAfterSeconds));
        return reply;
    }
    case Failure::ConnectionDrop:
        break;
    }
    return FakeUpstream::failureReply(failure, retryAfterSeconds, request);
}

// --- validation helpers ---------------------------------------------------------------------

std::optional<FakeUpstream::Reply> FakeBinance::checkNumber(
    const RecordedRequest& request, const QString& name, qint64& value, bool& present)
{
    present = request.hasQuery(name);
    if (!present)
        return std::nullopt;
    const QString text = request.queryValue(name);
    if (text.isEmpty())
        return error(-1105, QStringLiteral("Parameter '%1' was empty.").arg(name));
    if (!numberPattern().match(text).hasMatch())
        return error(-1100,
            QStringLiteral("Illegal characters found in parameter '%1'; legal range is '%2'.")
                .arg(name, kNumberRange));
    value = text.toLongLong();
    return std::nullopt;
}

std::optional<FakeUpstream::Reply> FakeBinance::selectSymbols(
    const RecordedRequest& request, bool listAllowed, bool required, Scope scope, Selection& out)
{
    const QString symbolKey = QStringLiteral("symbol");
    const QString symbolsKey = QStringLiteral("symbols");
    const bool hasSymbol = request.hasQuery(symbolKey);
    const bool hasSymbols = listAllowed && request.hasQuery(symbolsKey);
    const auto usable = [&](const QString& name) {
        const SymbolState* st = state(name);
        if (!st)
            return false;
        if (scope == Scope::ExchangeInfo)
            return true;
        return !st->delisted && (scope != Scope::Futures || st->spec.futures);
    };
    const auto mandatory = [](const QString& name) {
        return error(-1102,
            QStringLiteral("Mandatory parameter '%1' was not sent, was empty/null, or malformed.").arg(name));
    };

    if (hasSymbol && hasSymbols)
        return error(-1128, QStringLiteral("Combination of optional parameters invalid."));

    if (hasSymbol) {
        const QString value = request.queryValue(symbolKey);
        if (value.isEmpty())
            return required ? mandatory(symbolKey)
                            : error(-1105, QStringLiteral("Parameter 'symbol' was empty."));
        if (!symbolPattern().match(value).hasMatch())
            return error(-1100,
                QStringLiteral("Illegal characters found in parameter 'symbol'; legal range is '%1'.")
                    .arg(kSymbolRange));
        if (!usable(value))
            return error(-1121, QStringLiteral("Invalid symbol."));
        out.symbols = {value};
        out.single = true;
        return std::nullopt;
    }

    if (hasSymbols) {
        const QString value = request.queryValue(symbolsKey);
        if (value.isEmpty())
            return error(-1105, QStringLiteral("Parameter 'symbols' was empty."));
        if (!symbolsPattern().match(value).hasMatch())
            return error(-1100,
                QStringLiteral("Illegal characters found in parameter 'symbols'; legal range is '%1'.")
                    .arg(kSymbolsRange));
        const QJsonArray names = QJsonDocument::fromJson(value.toUtf8()).array();
        if (names.isEmpty())
            return mandatory(symbolsKey);
        QStringList list;
        for (const auto& n : names) {
            const QString name = n.toString();
            if (list.contains(name))
                return error(-1151, QStringLiteral("Symbol is present multiple times in the list."));
            list.append(name);
        }
        for (const QString& name : list) {
            if (!usable(name))
                return error(-1121, QStringLiteral("Invalid symbol."));
        }
        out.symbols = list;
        return std::nullopt;
    }

    if (required)
        return mandatory(symbolKey);
    out.all = true;
    for (const QString& name : m_order) {
        if (usable(name))
            out.symbols.append(name);
    }
    return std::nullopt;
}

std::optional<FakeUpstream::Reply> FakeBinance::filterByStatus(
    const RecordedRequest& request, Selection& selection)
{
    const QString key = QStringLiteral("symbolStatus");
    if (!request.hasQuery(key))
        return std::nullopt;
    const QString wanted = request.queryValue(key);
    if (wanted != QLatin1String("TRADING") && wanted != QLatin1String("HALT")
        && wanted != QLatin1String("BREAK"))
        return error(-1122, QStringLiteral("Invalid symbolStatus."));
    if (selection.single) {
        const SymbolState* st = state(selection.symbols.first());
        if (st && st->spec.status != wanted)
            return error(
                -1220, QStringLiteral("The symbol's status does not match the requested symbolStatus."));
        return std::nullopt;
    }
    QStringList kept;
    for (const QString& name : selection.symbols) {
        const SymbolState* st = state(name);
        if (st && st->spec.status == wanted)
            kept.append(name);
    }
    selection.symbols = kept;
    return std::nullopt;
}
