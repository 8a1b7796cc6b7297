#include "protocol/schemapatterns.h"

#include <QHash>
#include <QMutex>

namespace Schema
{

namespace
{

constexpr qsizetype kRegexCacheLimit = 256;

bool isHexDigit(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
        || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

} // namespace

QString toPcre(const QString& pattern)
{
    QString out;
    out.reserve(pattern.size() + 8);
    bool inClass = false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('\\') && i + 1 < pattern.size()) {
            const QChar next = pattern.at(i + 1);
            if (next == QLatin1Char('u') && i + 5 < pattern.size() && isHexDigit(pattern.at(i + 2))
                && isHexDigit(pattern.at(i + 3)) && isHexDigit(pattern.at(i + 4))
                && isHexDigit(pattern.at(i + 5))) {
                out += QLatin1String("\\x{") % pattern.mid(i + 2, 4) % QLatin1Char('}');
                i += 5;
            } else {
                out += c;
                out += next;
                ++i;
            }
        } else if (inClass) {
            inClass = c != QLatin1Char(']');
            out += c;
        } else if (c == QLatin1Char('[')) {
            inClass = true;
            out += c;
        } else if (c == QLatin1Char('$')) {
            out += QLatin1String("\\z");
        } else {
            out += c;
        }
    }
    return out;
}

QRegularExpression cachedRegex(const QString& pattern)
{
    static QMutex mutex;
    static QHash<QString, QRegularExpression> cache;
    QMutexLocker lock(&mutex);
    const auto it = cache.constFind(pattern);
    if (it != cache.constEnd())
        return it.value();
    QRegularExpression re(toPcre(pattern));
    re.optimize();
    if (cache.size() >= kRegexCacheLimit)
        cache.clear();
    cache.insert(pattern, re);
    return re;
}

} // namespace Schema
