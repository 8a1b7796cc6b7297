#include "payments/paymentslog.h"

Q_LOGGING_CATEGORY(lcPayments, "finagent.payments")
