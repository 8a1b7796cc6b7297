#pragma once

#include <QtGlobal>

// Protections Qt 6.4's QHttpServer does not have, enforced by GuardedTcpServer before a request
// reaches it.
struct HttpLimits
{
    qint64 maxHeaderBytes = 16 * 1024; // request line + headers; more -> 431
    qint64 maxBodyBytes = 4 * 1024 * 1024; // Content-Length above this -> 413, before buffering
    int maxConnections = 256; // more at once -> 503
    int headerTimeoutMs = 10000; // a request's header block must arrive within this -> 408
    int bodyTimeoutMs = 30000; // and its body within this
    int idleTimeoutMs = 60000; // a connection with nothing to do is closed
    bool loopbackPeersOnly = true; // refuse connections from other machines
};
