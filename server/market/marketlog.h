#pragma once

#include <QLoggingCategory>

// Market data: providers, fetcher, service and tools.
Q_DECLARE_LOGGING_CATEGORY(lcMarket)
