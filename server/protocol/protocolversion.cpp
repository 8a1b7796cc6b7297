#include "protocol/protocolversion.h"

namespace ProtocolVersion
{

const QStringList& supported()
{
    static const QStringList list {v2025_11_25, v2025_06_18, v2025_03_26, v2024_11_05};
    return list;
}

const QString& latest()
{
    return v2025_11_25;
}

bool isSupported(const QString& version)
{
    return supported().contains(version);
}

QString negotiate(const QString& requested)
{
    return isSupported(requested) ? requested : latest();
}

const QString& httpDefault()
{
    return v2025_03_26;
}

bool hasStructuredOutput(const QString& version)
{
    return version >= v2025_06_18;
}

bool hasToolAnnotations(const QString& version)
{
    return version >= v2025_03_26;
}

} // namespace ProtocolVersion
