#include "transport/securityheaders.h"

namespace SecurityHeaders
{

const QList<QPair<QByteArray, QByteArray>>& list()
{
    static const QList<QPair<QByteArray, QByteArray>> headers {
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
        {"Referrer-Policy", "no-referrer"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"Cross-Origin-Resource-Policy", "same-origin"},
        {"Cache-Control", "no-store"},
        {"X-XSS-Protection", "0"},
    };
    return headers;
}

const QByteArray& raw()
{
    static const QByteArray bytes = []() {
        QByteArray out;
        for (const auto& [name, value] : list())
            out += name + ": " + value + "\r\n";
        return out;
    }();
    return bytes;
}

} // namespace SecurityHeaders
