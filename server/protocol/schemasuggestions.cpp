#include "protocol/schemasuggestions.h"

#include <QVarLengthArray>

#include <algorithm>
#include <utility>

namespace Schema
{

namespace
{

int editDistance(const QString& a, const QString& b)
{
    // Optimal string alignment distance, case-insensitive: a swap of two letters costs 1.
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    QVarLengthArray<int, 64> prev2(m + 1);
    QVarLengthArray<int, 64> prev(m + 1);
    QVarLengthArray<int, 64> cur(m + 1);
    for (qsizetype j = 0; j <= m; ++j)
        prev[j] = static_cast<int>(j);
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = static_cast<int>(i);
        const QChar ca = a.at(i - 1).toLower();
        for (qsizetype j = 1; j <= m; ++j) {
            const QChar cb = b.at(j - 1).toLower();
            const int cost = ca == cb ? 0 : 1;
            int best = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && ca == b.at(j - 2).toLower() && a.at(i - 2).toLower() == cb)
                best = std::min(best, prev2[j - 2] + 1);
            cur[j] = best;
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

} // namespace

QString closestMatch(const QString& name, const QStringList& candidates)
{
    const int allowed = name.size() <= 4 ? 1 : (name.size() <= 8 ? 2 : 3);
    QString best;
    int bestDistance = allowed + 1;
    for (const QString& c : candidates) {
        if (c == name)
            continue;
        const int d = editDistance(name, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

} // namespace Schema
