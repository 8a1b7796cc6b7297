#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

class Backend;
class Notifier;
class QJsonObject;
class QTimer;

// Desktop notifications when an invoice is paid, underpaid, overpaid or expires, whoever made it
// (the window or an assistant) and whatever changed it (the provider, a webhook, a simulation,
// another FinAgent process). Works with the window closed.
//
// It hears of changes two ways through the Backend: the resources/updated notices of
// payment://invoice/{id} (every change, in local mode), and a look at the newest invoices every
// pollIntervalMs (remote mode sends notices only for subscribed resources). Each invoice's status
// and version are remembered, so a change is announced once however many ways it arrives, an older
// answer never counts as a change, and invoices that were already settled when FinAgent started
// are not announced.
class InvoiceNotifications : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultPollMs = 30000;
    static constexpr int kPollLimit = 50;

    InvoiceNotifications(Backend& backend, Notifier& notifier, QObject* parent = nullptr);

    void setPollInterval(int ms);
    int pollInterval() const;
    // Whether the first look (which only learns the current statuses) has finished.
    bool isPrimed() const { return m_primed; }
    bool isPolling() const { return m_pollContext != nullptr; }

public Q_SLOTS:
    // One look at the newest invoices now (skipped while one runs).
    void poll();

Q_SIGNALS:
    // A status change was announced (for tests and a notification history).
    void announced(const QString& invoiceId, const QString& status);
    void primed();

private:
    void onResourceUpdated(const QString& uri);
    void consider(const QJsonObject& invoice);
    void announce(const QJsonObject& invoice);

    struct Seen
    {
        QString status;
        int version = 0;
    };

    Backend& m_backend;
    Notifier& m_notifier;
    QTimer* m_timer = nullptr;
    QHash<QString, Seen> m_seen;
    QPointer<QObject> m_pollContext;
    bool m_primed = false;
    QList<QJsonObject> m_early; // changes heard before the first look finished
};
