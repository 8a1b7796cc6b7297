#include "nginxproxy.h"

#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <unistd.h>

quint16 NginxProxy::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

NginxProxy::~NginxProxy()
{
    stop();
}

QString NginxProxy::binary()
{
    QString found = QStandardPaths::findExecutable(QStringLiteral("nginx"));
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")});
    return found;
}

QByteArray NginxProxy::config(const QString& dir, quint16 port, const QList<quint16>& upstreamPorts)
{
    QByteArray servers;
    for (quint16 p : upstreamPorts)
        servers += "        server 127.0.0.1:" + QByteArray::number(p) + " max_fails=0;\n";
    const QByteArray d = dir.toUtf8();
    // As root, workers would run as nobody and could not use the test's private directory.
    const QByteArray user = ::geteuid() == 0 ? "user root;\n" : "";
    return user
        + "worker_processes 1;\n"
          "pid "
        + d
        + "/nginx.pid;\n"
          "error_log "
        + d
        + "/error.log warn;\n"
          "events { worker_connections 512; }\n"
          "http {\n"
          "    log_format upstream '$request_method $status $upstream_addr $upstream_status';\n"
          "    access_log "
        + d
        + "/access.log upstream;\n"
          "    client_body_temp_path "
        + d
        + "/temp/body;\n"
          "    proxy_temp_path "
        + d
        + "/temp/proxy;\n"
          "    fastcgi_temp_path "
        + d
        + "/temp/fastcgi;\n"
          "    uwsgi_temp_path "
        + d
        + "/temp/uwsgi;\n"
          "    scgi_temp_path "
        + d
        + "/temp/scgi;\n"
          "    upstream finagent {\n"
          "        # Round-robin, the default. No replica is ever left out: a request that cannot\n"
          "        # reach one (killed, or a refused connection) goes to the next (proxy_next_upstream).\n"
        + servers
        + "        keepalive 16;\n"
          "    }\n"
          "    server {\n"
          "        listen 127.0.0.1:"
        + QByteArray::number(port)
        + ";\n"
          "        location / {\n"
          "            proxy_pass http://finagent;\n"
          "            proxy_http_version 1.1;\n"
          "            proxy_set_header Connection \"\";\n"
          "            proxy_set_header Host $http_host;\n"
          "            # SSE answers and the GET stream go out as they are written.\n"
          "            proxy_buffering off;\n"
          "            proxy_read_timeout 300s;\n"
          "            proxy_connect_timeout 2s;\n"
          "            # A POST that failed to reach a replica, or whose replica died before answering,\n"
          "            # is tried on the next one. Safe here: create_payment carries an idempotency key,\n"
          "            # so a create the dead replica already committed is returned, not made twice;\n"
          "            # other tools only read.\n"
          "            proxy_next_upstream error timeout non_idempotent;\n"
          "            proxy_next_upstream_tries 3;\n"
          "        }\n"
          "    }\n"
          "}\n";
}

bool NginxProxy::start(const QString& dir, quint16 port, const QList<quint16>& upstreamPorts, QString* why)
{
    m_dir = dir;
    if (binary().isEmpty()) {
        *why = QStringLiteral("nginx is not installed (Debian: apt-get install nginx-light or nginx)");
        return false;
    }
    if (!QDir().mkpath(dir + QStringLiteral("/temp"))) {
        *why = QStringLiteral("cannot create %1/temp").arg(dir);
        return false;
    }
    if (port == 0) {
        *why = QStringLiteral("no free port on 127.0.0.1");
        return false;
    }
    const QString conf = m_dir + QStringLiteral("/nginx.conf");
    QFile f(conf);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *why = QStringLiteral("cannot write %1").arg(conf);
        return false;
    }
    f.write(config(m_dir, port, upstreamPorts));
    f.close();

    m_process.setProgram(binary());
    // -e: the log nginx writes before it has read the configuration, also in the test's directory.
    m_process.setArguments({QStringLiteral("-p"), m_dir, QStringLiteral("-c"), conf, QStringLiteral("-e"),
        m_dir + QStringLiteral("/error.log"), QStringLiteral("-g"), QStringLiteral("daemon off;")});
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *why = QStringLiteral("nginx did not start: %1").arg(m_process.errorString());
        return false;
    }
    const bool listening = QTest::qWaitFor(
        [this, port]() {
            if (m_process.state() == QProcess::NotRunning)
                return true;
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            return probe.waitForConnected(200);
        },
        15000);
    if (!listening || m_process.state() == QProcess::NotRunning) {
        *why = QStringLiteral("nginx is not listening on 127.0.0.1:%1: %2 %3")
                   .arg(port)
                   .arg(QString::fromUtf8(m_process.readAll()), QString::fromUtf8(errorLog()));
        stop();
        return false;
    }
    m_port = port;
    return true;
}

void NginxProxy::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // SIGTERM to the master's PID: it stops its workers and exits
    if (!QTest::qWaitFor([this]() { return m_process.state() == QProcess::NotRunning; }, 10000)) {
        m_process.kill();
        if (!QTest::qWaitFor([this]() { return m_process.state() == QProcess::NotRunning; }, 5000))
            qWarning("nginx %lld did not end after SIGKILL", m_process.processId());
    }
}

QByteArray NginxProxy::errorLog() const
{
    return readWholeFile(m_dir + QStringLiteral("/error.log"));
}

QByteArray NginxProxy::accessLog() const
{
    return readWholeFile(m_dir + QStringLiteral("/access.log"));
}
