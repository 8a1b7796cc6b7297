#pragma once

#include "payments/networkcatalog.h"

#include <QString>

// The sandbox's deposit addresses: derived from the invoice id, so each invoice has its own,
// the same every time, in the form of its network (they hold no funds and never will).
namespace SandboxAddress
{

// TRC20: "T" + 33 base58 characters; ERC20/BEP20: "0x" + 40 lower-case hex digits; others:
// "sandbox" + 32 hex digits.
QString forInvoice(const QString& invoiceId, const PaymentNetwork& network);

} // namespace SandboxAddress
