#pragma once

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>
#include <QUrl>

// nginx from the distribution's package in front of the replicas: round-robin upstream on
// 127.0.0.1, its configuration, pid, logs and temp files in one directory of the test. Started in
// the foreground (daemon off) so it is our child, and stopped by its PID.
class NginxProxy
{
public:
    NginxProxy() = default;
    ~NginxProxy();
    NginxProxy(const NginxProxy&) = delete;
    NginxProxy& operator=(const NginxProxy&) = delete;

    // The nginx binary (PATH, /usr/sbin), or empty.
    static QString binary();
    // The configuration for `upstreamPorts`, listening on 127.0.0.1:`port`, files under `dir`.
    static QByteArray config(const QString& dir, quint16 port, const QList<quint16>& upstreamPorts);

    // A port on 127.0.0.1 that was free a moment ago.
    static quint16 freePort();
    bool start(const QString& dir, quint16 port, const QList<quint16>& upstreamPorts, QString* why);
    void stop();
    quint16 port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(m_port)); }
    QByteArray errorLog() const;
    QByteArray accessLog() const;

private:
    QProcess m_process;
    QString m_dir;
    quint16 m_port = 0;
};
