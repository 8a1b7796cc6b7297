#include "payments/sandboxaddress.h"

#include <QCryptographicHash>

namespace SandboxAddress
{

namespace
{

// `count` bytes derived from the invoice id and network, for the address characters.
QByteArray material(const QString& invoiceId, const QString& network, int count)
{
    QByteArray out;
    int round = 0;
    while (out.size() < count) {
        const QByteArray seed = QByteArray("finagent-sandbox-address|") + invoiceId.toUtf8() + '|'
            + network.toUtf8() + '|' + QByteArray::number(round++);
        out += QCryptographicHash::hash(seed, QCryptographicHash::Sha256);
    }
    return out.left(count);
}

} // namespace

QString forInvoice(const QString& invoiceId, const PaymentNetwork& network)
{
    switch (network.addressKind) {
    case PaymentNetwork::AddressKind::Tron: {
        static const char base58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        const QByteArray bytes = material(invoiceId, network.network, 33);
        QString out = QStringLiteral("T");
        for (const char b : bytes)
            out += QLatin1Char(base58[static_cast<unsigned char>(b) % 58]);
        return out;
    }
    case PaymentNetwork::AddressKind::Ethereum:
        return QStringLiteral("0x") + QString::fromLatin1(material(invoiceId, network.network, 20).toHex());
    case PaymentNetwork::AddressKind::Other:
        break;
    }
    return QStringLiteral("sandbox") + QString::fromLatin1(material(invoiceId, network.network, 16).toHex());
}

} // namespace SandboxAddress
