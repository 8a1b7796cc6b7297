#include "invoiceload.h"

#include "mcptestclient.h"

#include <QTimer>

InvoiceLoad::InvoiceLoad(
    McpTestClient& client, QString keyPrefix, int total, int concurrency, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_prefix(std::move(keyPrefix))
    , m_total(total)
    , m_concurrency(concurrency)
{ }

void InvoiceLoad::start()
{
    for (int i = 0; i < m_concurrency; ++i)
        next();
}

void InvoiceLoad::next()
{
    if (m_issued >= m_total)
        return;
    attempt(m_prefix + QString::number(m_issued++));
}

void InvoiceLoad::attempt(const QString& key)
{
    const QJsonObject arguments {{QStringLiteral("amount"), QStringLiteral("10.25")},
        {QStringLiteral("network"), QStringLiteral("TRC20")},
        {QStringLiteral("description"), QStringLiteral("load")}, {QStringLiteral("idempotency_key"), key}};
    const QJsonObject message = m_client.requestMessage(QStringLiteral("tools/call"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("create_payment")},
            {QStringLiteral("arguments"), arguments}});
    m_client.send(
        message, [this, key](McpReply reply) { answered(key, reply); }, 10000);
}

void InvoiceLoad::answered(const QString& key, const McpReply& reply)
{
    const QString id = reply.structured().value(QStringLiteral("invoice_id")).toString();
    if (reply.status == 200 && !reply.isToolError() && !id.isEmpty()) {
        m_acknowledged.insert(key, id);
        m_instances.insert(reply.instance);
        next();
        return;
    }
    ++m_retries;
    if (reply.status == 404)
        ++m_sessionLost;
    if (m_failures.size() < 20)
        m_failures.append(key + QStringLiteral(": ") + reply.describe());
    // The same key again, a moment later: the answer may have been lost after the invoice was made.
    QTimer::singleShot(100, this, [this, key]() { attempt(key); });
}
