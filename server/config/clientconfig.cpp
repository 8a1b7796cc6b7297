#include "config/clientconfig.h"

#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace
{

const QList<ClientInfo>& catalogue()
{
    static const QList<ClientInfo> clients = {
        {McpClient::ClaudeDesktop, QStringLiteral("claude-desktop"), QStringLiteral("Claude Desktop"),
            QStringLiteral("mcpServers"), false, false, false},
        {McpClient::ClaudeCode, QStringLiteral("claude-code"), QStringLiteral("Claude Code"),
            QStringLiteral("mcpServers"), true, true, false},
        {McpClient::Cursor, QStringLiteral("cursor"), QStringLiteral("Cursor"), QStringLiteral("mcpServers"),
            true, true, false},
        {McpClient::VsCode, QStringLiteral("vscode"), QStringLiteral("VS Code"), QStringLiteral("servers"),
            true, true, true},
        {McpClient::Kiro, QStringLiteral("kiro"), QStringLiteral("Kiro"), QStringLiteral("mcpServers"), true,
            true, false},
    };
    return clients;
}

// "VS Code" -> "vscode", "claude_desktop" -> "claudedesktop".
QString normalized(const QString& name)
{
    static const QRegularExpression separators(QStringLiteral("[\\s_.\\-]+"));
    return name.toLower().remove(separators);
}

int editDistance(const QString& a, const QString& b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            row[size_t(j)] = std::min({above + 1, row[size_t(j - 1)] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row.back();
}

} // namespace

namespace ClientConfig
{

const QList<McpClient>& allClients()
{
    static const QList<McpClient> clients = [] {
        QList<McpClient> list;
        for (const ClientInfo& c : catalogue())
            list << c.client;
        return list;
    }();
    return clients;
}

const ClientInfo& info(McpClient client)
{
    for (const ClientInfo& c : catalogue()) {
        if (c.client == client)
            return c;
    }
    return catalogue().first();
}

QStringList names()
{
    QStringList list;
    for (const ClientInfo& c : catalogue())
        list << c.id;
    return list;
}

std::optional<McpClient> fromName(const QString& name, QString* suggestion)
{
    const QString wanted = normalized(name);
    for (const ClientInfo& c : catalogue()) {
        if (normalized(c.id) == wanted)
            return c.client;
    }
    if (wanted == QLatin1String("visualstudiocode") || wanted == QLatin1String("code"))
        return McpClient::VsCode;
    if (!suggestion)
        return std::nullopt;

    suggestion->clear();
    if (editDistance(wanted, QStringLiteral("claude")) <= 1) {
        *suggestion = QStringLiteral("claude-desktop or claude-code");
        return std::nullopt;
    }
    int best = 3; // more edits than this is a different word, not a typo
    for (const ClientInfo& c : catalogue()) {
        const int d = editDistance(wanted, normalized(c.id));
        if (d < best) {
            best = d;
            *suggestion = c.id;
        }
    }
    return std::nullopt;
}

ClientTransport transportFor(McpClient client, bool stdio)
{
    return stdio || !info(client).supportsHttp ? ClientTransport::Stdio : ClientTransport::Http;
}

QStringList readOnlyTools()
{
    return {
        QStringLiteral("get_spot_price"),
        QStringLiteral("get_ticker_24h"),
        QStringLiteral("get_klines"),
        QStringLiteral("get_funding_rate"),
        QStringLiteral("comprehensive_analysis"),
        QStringLiteral("analyze_kline_patterns"),
        QStringLiteral("get_price"),
        QStringLiteral("get_coin_data"),
        QStringLiteral("search_coins"),
        QStringLiteral("get_trending"),
        QStringLiteral("get_usdt_price"),
        QStringLiteral("check_balance"),
        QStringLiteral("list_invoices"),
        QStringLiteral("get_invoice"),
        QStringLiteral("health_check"),
    };
}

QString transportName(ClientTransport transport)
{
    return transport == ClientTransport::Http ? QStringLiteral("HTTP") : QStringLiteral("stdio");
}

} // namespace ClientConfig
