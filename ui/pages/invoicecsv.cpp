#include "pages/invoicecsv.h"

#include "pages/invoicetablemodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSaveFile>

namespace
{

QString iso(qint64 ms)
{
    if (ms <= 0)
        return QString();
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// Text a person typed, made inert for spreadsheets.
QString freeText(const QString& text)
{
    static const QString triggers = QStringLiteral("=+-@\t\r");
    if (!text.isEmpty() && triggers.contains(text.at(0)))
        return QLatin1Char('\'') + text;
    return text;
}

} // namespace

namespace InvoiceCsv
{

QStringList columns()
{
    return {QStringLiteral("invoice_id"), QStringLiteral("status"), QStringLiteral("network"),
        QStringLiteral("coin"), QStringLiteral("ticker"), QStringLiteral("currency"),
        QStringLiteral("amount"), QStringLiteral("amount_usd"), QStringLiteral("amount_coin"),
        QStringLiteral("paid_amount"), QStringLiteral("remaining_amount"), QStringLiteral("description"),
        QStringLiteral("address"), QStringLiteral("payment_url"), QStringLiteral("client"),
        QStringLiteral("created_at"), QStringLiteral("updated_at"), QStringLiteral("expires_at"),
        QStringLiteral("paid_at")};
}

QString field(const QString& value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"'))
        && !value.contains(QLatin1Char('\r')) && !value.contains(QLatin1Char('\n')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QByteArray document(const QList<InvoiceItem>& items)
{
    const QString crlf = QStringLiteral("\r\n");
    QString out = columns().join(QLatin1Char(',')) + crlf;
    for (const InvoiceItem& i : items) {
        const QStringList values {i.id, i.status, i.network, i.coin, i.ticker, i.currency, i.amount,
            i.amountUsd, i.amountCoin, i.paidAmount, i.remainingAmount, freeText(i.description), i.address,
            i.paymentUrl, freeText(i.client), iso(i.createdAt), iso(i.updatedAt), iso(i.expiresAt),
            i.paidAt ? iso(*i.paidAt) : QString()};
        QStringList fields;
        fields.reserve(values.size());
        for (const QString& v : values)
            fields.append(field(v));
        out += fields.join(QLatin1Char(',')) + crlf;
    }
    return out.toUtf8();
}

Result<void> write(const QString& path, const QList<InvoiceItem>& items)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return Error(QStringLiteral("export_failed"),
            QCoreApplication::translate(
                "InvoiceCsv", "%1 could not be opened for writing (%2). Choose another folder.")
                .arg(path, file.errorString()));
    }
    const QByteArray data = document(items);
    if (file.write(data) != data.size() || !file.commit()) {
        return Error(QStringLiteral("export_failed"),
            QCoreApplication::translate(
                "InvoiceCsv", "%1 could not be written (%2). Check the free space and try again.")
                .arg(path, file.errorString()));
    }
    return {};
}

} // namespace InvoiceCsv
