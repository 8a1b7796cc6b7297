#include "cli/logoutput.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <cstdio>

namespace {

LogOutput::Format g_format = LogOutput::Format::Text;

const char* levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

QString scrub(QString message)
{
    static const QRegularExpression bearer(QStringLiteral("(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{6,}"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression urlPassword(QStringLiteral("(://[^:/@\\s]+:)[^@\\s]+@"));
    message.replace(bearer, QStringLiteral("\\1 [redacted]"));
    message.replace(urlPassword, QStringLiteral("\\1[redacted]@"));
    return message;
}

void handler(QtMsgType type, const QMessageLogContext& context, const QString& raw)
{
    const QString message = scrub(raw);
    const QString time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QString category = QString::fromLatin1(context.category ? context.category : "default");
    QByteArray line;
    if (g_format == LogOutput::Format::Json) {
        line = QJsonDocument(QJsonObject{{QStringLiteral("time"), time},
                                         {QStringLiteral("level"), QString::fromLatin1(levelName(type))},
                                         {QStringLiteral("category"), category},
                                         {QStringLiteral("message"), message},
                                         {QStringLiteral("pid"), QCoreApplication::applicationPid()}})
                   .toJson(QJsonDocument::Compact);
    } else {
        line = (time + QLatin1Char(' ') + QString::fromLatin1(levelName(type)) + QLatin1Char(' ') + category
                + QStringLiteral(": ") + message)
                   .toUtf8();
    }
    line.append('\n');
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

namespace LogOutput {

void install(Format format)
{
    g_format = format;
    qInstallMessageHandler(handler);
    // Debug output is opt-in (QT_LOGGING_RULES="finagent.*.debug=true").
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("finagent.*.debug=false\nqt.*.debug=false"));
}

} // namespace LogOutput
