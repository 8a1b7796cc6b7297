#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

class McpTestClient;
struct McpReply;

// Creates invoices through one MCP session with several calls in flight, as a busy client would:
// each invoice has its own idempotency key, and a call that gets no answer (connection lost, 502,
// 503, a timeout) is sent again with the SAME key until one comes. Only an answered create counts
// as acknowledged.
class InvoiceLoad : public QObject
{
    Q_OBJECT
public:
    InvoiceLoad(
        McpTestClient& client, QString keyPrefix, int total, int concurrency, QObject* parent = nullptr);

    void start();
    bool isDone() const { return m_acknowledged.size() == m_total; }
    int acknowledgedCount() const { return int(m_acknowledged.size()); }
    // idempotency key -> invoice id, for every acknowledged create.
    const QHash<QString, QString>& acknowledged() const { return m_acknowledged; }
    int retries() const { return m_retries; }
    int sessionLost() const { return m_sessionLost; } // 404 answers: the session did not hold
    QStringList failures() const { return m_failures; } // what the retried calls got, for messages
    const QSet<QByteArray>& instances() const { return m_instances; }
    // Creates acknowledged after markPhase() was called.
    int acknowledgedSinceMark() const { return int(m_acknowledged.size()) - m_mark; }
    void markPhase() { m_mark = int(m_acknowledged.size()); }

private:
    void next();
    void attempt(const QString& key);
    void answered(const QString& key, const McpReply& reply);

    McpTestClient& m_client;
    QString m_prefix;
    int m_total;
    int m_concurrency;
    int m_issued = 0;
    int m_retries = 0;
    int m_sessionLost = 0;
    int m_mark = 0;
    QHash<QString, QString> m_acknowledged;
    QStringList m_failures;
    QSet<QByteArray> m_instances;
};
