#include "market/marketlog.h"

Q_LOGGING_CATEGORY(lcMarket, "finagent.market")
