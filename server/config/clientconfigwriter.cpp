#include "config/clientconfigwriter.h"

#include "config/jsonconfigtext.h"
#include "config/safeconfigfile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcClientConfig, "finagent.clientconfig")

struct ClientConfigWriter::Loaded
{
    QString path;
    std::optional<QByteArray> text;
    JsonConfigText document;
};

namespace
{

QString native(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

int detailInt(const Error& e, const char* key)
{
    return e.details.value(QLatin1String(key)).toInt();
}

} // namespace

QStringList ClientConfigWriter::entryKeyOrder()
{
    return {QStringLiteral("type"), QStringLiteral("command"), QStringLiteral("args"), QStringLiteral("env"),
        QStringLiteral("url"), QStringLiteral("headers"), QStringLiteral("disabled"),
        QStringLiteral("autoApprove")};
}

QString ClientConfigWriter::configPath(const InstallRequest& request)
{
    return ClientPaths::configPath(request.client, request.scope, request.environment, request.projectDir);
}

QString ClientConfigWriter::defaultFinagentPath()
{
    // Inside an AppImage the program path is a temporary mount; the image itself is what lasts.
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    if (!appImage.isEmpty() && QFileInfo(appImage).isFile())
        return appImage;
    // Native separators: a Windows client hands "command" to CreateProcess as it is.
    return QDir::toNativeSeparators(QCoreApplication::applicationFilePath());
}

QJsonObject ClientConfigWriter::entryFor(const InstallRequest& request)
{
    const ClientTransport transport = ClientConfig::transportFor(request.client, request.useStdio);
    QJsonObject entry;
    if (transport == ClientTransport::Stdio) {
        entry.insert(QStringLiteral("command"),
            request.finagentPath.isEmpty() ? defaultFinagentPath() : request.finagentPath);
        entry.insert(QStringLiteral("args"), QJsonArray {QStringLiteral("stdio")});
        if (request.client == McpClient::ClaudeCode || request.client == McpClient::VsCode)
            entry.insert(QStringLiteral("type"), QStringLiteral("stdio"));
    } else {
        entry.insert(QStringLiteral("url"), request.mcpUrl.toString());
        if (!request.token.isEmpty())
            entry.insert(QStringLiteral("headers"),
                QJsonObject {
                    {QStringLiteral("Authorization"), QString(QStringLiteral("Bearer ") + request.token)}});
        if (request.client == McpClient::ClaudeCode || request.client == McpClient::VsCode)
            entry.insert(QStringLiteral("type"), QStringLiteral("http"));
    }
    if (request.client == McpClient::Kiro) {
        entry.insert(QStringLiteral("disabled"), false);
        entry.insert(
            QStringLiteral("autoApprove"), QJsonArray::fromStringList(ClientConfig::readOnlyTools()));
    }
    return entry;
}

QString ClientConfigWriter::snippetFor(
    const InstallRequest& request, const QJsonObject& entry, bool revealToken)
{
    QJsonObject shown = entry;
    if (!revealToken && shown.contains(QStringLiteral("headers"))) {
        QJsonObject headers = shown.value(QStringLiteral("headers")).toObject();
        if (headers.contains(QStringLiteral("Authorization")))
            headers.insert(
                QStringLiteral("Authorization"), QString(QStringLiteral("Bearer ") + maskedToken()));
        shown.insert(QStringLiteral("headers"), headers);
    }
    const QJsonObject fragment {
        {ClientConfig::info(request.client).serversKey, QJsonObject {{request.serverName, shown}}}};
    return QString::fromUtf8(JsonConfigText::serialize(
        fragment, QByteArray("  "), QByteArray(), QByteArray("\n"), entryKeyOrder()));
}

Error ClientConfigWriter::validate(const InstallRequest& request)
{
    const ClientInfo& info = ClientConfig::info(request.client);
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    if (!namePattern.match(request.serverName).hasMatch())
        return Error(QStringLiteral("invalid_request"),
            tr("The server name \"%1\" cannot be used: use 1 to 64 letters, digits, '-', '_' or '.'.")
                .arg(request.serverName));
    if (request.scope == ClientScope::Project) {
        if (!info.supportsProject)
            return Error(QStringLiteral("invalid_request"),
                tr("%1 has no per-project config file; install it for your user instead (without a "
                   "project folder).")
                    .arg(info.displayName));
        if (request.projectDir.isEmpty() || !QFileInfo(request.projectDir).isDir())
            return Error(QStringLiteral("invalid_request"),
                tr("The project folder \"%1\" does not exist; give an existing folder.")
                    .arg(native(request.projectDir)));
    }
    if (ClientConfig::transportFor(request.client, request.useStdio) == ClientTransport::Stdio) {
        const QString program = request.finagentPath.isEmpty() ? defaultFinagentPath() : request.finagentPath;
        if (!QDir::isAbsolutePath(program))
            return Error(QStringLiteral("invalid_request"),
                tr("The FinAgent program path \"%1\" is not absolute; %2 needs the full path to start "
                   "FinAgent.")
                    .arg(program, info.displayName));
    } else {
        const QString scheme = request.mcpUrl.scheme();
        if (!request.mcpUrl.isValid() || request.mcpUrl.host().isEmpty()
            || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return Error(QStringLiteral("invalid_request"),
                tr("The MCP address \"%1\" is not an http:// or https:// URL; check the http.host and "
                   "http.port settings.")
                    .arg(request.mcpUrl.toString()));
    }
    return Error();
}

Error ClientConfigWriter::describe(const Error& error, const InstallRequest& request, const QString& path)
{
    const QString client = ClientConfig::info(request.client).displayName;
    const QString file = native(path);
    const QString untouched = tr("FinAgent has not changed the file.");
    const QString& code = error.code;
    QJsonObject details = error.details;
    details.insert(QStringLiteral("path"), file);
    if (code == QLatin1String("json_invalid"))
        return Error(QStringLiteral("config_invalid_json"),
            tr("%1 is not valid JSON: %2 at line %3, column %4. %5 Fix the file (or move it away to start "
               "a new one), then try again.")
                .arg(file, error.details.value(QStringLiteral("reason")).toString())
                .arg(detailInt(error, "line"))
                .arg(detailInt(error, "column"))
                .arg(untouched),
            details);
    if (code == QLatin1String("json_comment"))
        return Error(QStringLiteral("config_comment"),
            tr("%1 has a comment at line %2, column %3, but %4 reads plain JSON without comments. %5 "
               "Remove the comment, then try again.")
                .arg(file)
                .arg(detailInt(error, "line"))
                .arg(detailInt(error, "column"))
                .arg(client, untouched),
            details);
    if (code == QLatin1String("json_not_object"))
        return Error(QStringLiteral("config_not_object"),
            tr("%1 does not hold a JSON object, so it is not a %2 config file FinAgent can add to. %3 Fix "
               "it (or move it away), then try again.")
                .arg(file, client, untouched),
            details);
    if (code == QLatin1String("json_duplicate_key"))
        return Error(QStringLiteral("config_duplicate_key"),
            tr("%1 has \"%2\" more than once, so it is unclear which one %3 uses. %4 Keep one of them, then "
               "try again.")
                .arg(file, error.details.value(QStringLiteral("key")).toString(), client, untouched),
            details);
    if (code == QLatin1String("json_section_type"))
        return Error(QStringLiteral("config_servers_not_object"),
            tr("In %1, \"%2\" is not an object of servers. %3 Make it an object ({}) or remove it, then try "
               "again.")
                .arg(file, error.details.value(QStringLiteral("key")).toString(), untouched),
            details);
    if (code == QLatin1String("json_edit_failed"))
        return Error(QStringLiteral("config_edit_failed"),
            tr("FinAgent could not change its entry in %1 without touching other parts of the file. %2 Add "
               "the snippet by hand instead.")
                .arg(file, untouched),
            details);
    if (code == QLatin1String("config_changed"))
        return Error(code,
            tr("%1 kept changing while FinAgent was updating it (is %2 saving it right now?). %3 Try again "
               "in a moment.")
                .arg(file, client, untouched),
            details);
    if (code == QLatin1String("config_is_folder"))
        return Error(
            code, tr("%1 is a folder, not a file. Move it away, then try again.").arg(file), details);
    if (code == QLatin1String("config_too_large"))
        return Error(code, tr("%1 is too large to be a config file. %2").arg(file, untouched), details);
    if (code == QLatin1String("backup_failed"))
        return Error(code,
            tr("FinAgent could not keep a backup of %1 (%2), so it has not changed the file. Check that its "
               "folder is writable.")
                .arg(file, error.message),
            details);
    if (code == QLatin1String("config_unreadable") || code == QLatin1String("config_unwritable")
        || code == QLatin1String("config_folder_unwritable"))
        return Error(
            code, tr("%1 Check the permissions of the file and its folder.").arg(error.message), details);
    return error;
}

Result<ClientConfigWriter::Loaded> ClientConfigWriter::load(
    const InstallRequest& request, const QString& path)
{
    SafeConfigFile file(path);
    const Result<std::optional<QByteArray>> text = file.read();
    if (!text.ok())
        return describe(text.error(), request, path);
    const JsonConfigText::Dialect dialect = ClientConfig::info(request.client).allowsComments
        ? JsonConfigText::Dialect::Jsonc
        : JsonConfigText::Dialect::Json;
    Result<JsonConfigText> document = JsonConfigText::parse(text.value().value_or(QByteArray()), dialect);
    if (!document.ok())
        return describe(document.error(), request, path);
    return Loaded {path, text.value(), document.takeValue()};
}

Result<InstallPlan> ClientConfigWriter::plan(const InstallRequest& request)
{
    if (const Error invalid = validate(request); !invalid.isNull())
        return invalid;
    const QString path = configPath(request);
    const Result<Loaded> loaded = load(request, path);
    if (!loaded.ok())
        return loaded.error();

    const ClientInfo& info = ClientConfig::info(request.client);
    InstallPlan plan;
    plan.client = request.client;
    plan.path = path;
    plan.transport = ClientConfig::transportFor(request.client, request.useStdio);
    plan.entry = entryFor(request);
    plan.before = loaded->document.object();
    plan.beforeText = loaded->text;
    plan.createsFile = !loaded->text.has_value();
    plan.snippet = snippetFor(request, plan.entry, false);
    plan.revealedSnippet = snippetFor(request, plan.entry, true);

    const QJsonObject servers = plan.before.value(info.serversKey).toObject();
    if (servers.value(request.serverName) == QJsonValue(plan.entry)) {
        plan.change = InstallPlan::Change::Unchanged;
        plan.after = plan.before;
        plan.afterText = loaded->text.value_or(QByteArray());
        return plan;
    }
    const Result<QByteArray> edited =
        loaded->document.withEntry(info.serversKey, request.serverName, plan.entry, entryKeyOrder());
    if (!edited.ok())
        return describe(edited.error(), request, path);
    plan.afterText = edited.value();
    plan.after = JsonConfigText::parse(plan.afterText, JsonConfigText::Dialect::Jsonc).value().object();
    plan.change = plan.createsFile             ? InstallPlan::Change::CreateFile
        : servers.contains(request.serverName) ? InstallPlan::Change::ReplaceEntry
                                               : InstallPlan::Change::AddEntry;
    return plan;
}

Result<InstallResult> ClientConfigWriter::install(const InstallRequest& request)
{
    // The client may save its file between our read and our write (Claude Code rewrites
    // ~/.claude.json often): plan again from the new content a few times.
    Error lastError;
    for (int attempt = 0; attempt < 3; ++attempt) {
        Result<InstallPlan> planned = plan(request);
        if (!planned.ok())
            return planned.error();
        InstallResult result;
        result.plan = planned.takeValue();
        if (result.plan.change == InstallPlan::Change::Unchanged)
            return result;
        const Result<QString> replaced =
            SafeConfigFile(result.plan.path).replace(result.plan.beforeText, result.plan.afterText);
        if (replaced.ok()) {
            result.written = true;
            result.backupPath = replaced.value();
            qCDebug(lcClientConfig).noquote()
                << "wrote the" << request.serverName << "entry for" << ClientConfig::info(request.client).id
                << "to" << result.plan.path;
            return result;
        }
        lastError = replaced.error();
        if (lastError.code != QLatin1String("config_changed"))
            break;
    }
    return describe(lastError, request, configPath(request));
}

Result<UninstallResult> ClientConfigWriter::uninstall(const InstallRequest& request, bool dryRun)
{
    const QString path = configPath(request);
    if (path.isEmpty())
        return Error(QStringLiteral("invalid_request"),
            tr("%1 has no per-project config file.").arg(ClientConfig::info(request.client).displayName));
    const QString serversKey = ClientConfig::info(request.client).serversKey;
    Error lastError;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const Result<Loaded> loaded = load(request, path);
        if (!loaded.ok())
            return loaded.error();
        UninstallResult result;
        result.path = path;
        if (!loaded->document.object().value(serversKey).toObject().contains(request.serverName))
            return result;
        const Result<QByteArray> edited = loaded->document.withoutEntry(serversKey, request.serverName);
        if (!edited.ok())
            return describe(edited.error(), request, path);
        result.removed = true;
        if (dryRun)
            return result;
        const Result<QString> replaced = SafeConfigFile(path).replace(loaded->text, edited.value());
        if (replaced.ok()) {
            result.backupPath = replaced.value();
            qCDebug(lcClientConfig).noquote() << "removed the" << request.serverName << "entry from" << path;
            return result;
        }
        lastError = replaced.error();
        if (lastError.code != QLatin1String("config_changed"))
            break;
    }
    return describe(lastError, request, path);
}

ClientStatus ClientConfigWriter::status(const InstallRequest& request)
{
    ClientStatus status;
    status.client = request.client;
    status.path = configPath(request);
    if (status.path.isEmpty()) {
        status.problem = Error(QStringLiteral("invalid_request"),
            tr("%1 has no per-project config file.").arg(ClientConfig::info(request.client).displayName));
        return status;
    }
    const Result<Loaded> loaded = load(request, status.path);
    if (!loaded.ok()) {
        status.fileExists = QFileInfo::exists(status.path);
        status.problem = loaded.error();
        return status;
    }
    status.fileExists = loaded->text.has_value();
    const QJsonObject servers =
        loaded->document.object().value(ClientConfig::info(request.client).serversKey).toObject();
    if (!servers.contains(request.serverName))
        return status;
    status.configured = true;
    status.entry = servers.value(request.serverName).toObject();
    status.transport =
        status.entry.contains(QStringLiteral("url")) ? ClientTransport::Http : ClientTransport::Stdio;
    InstallRequest same = request;
    same.useStdio = status.transport == ClientTransport::Stdio;
    status.upToDate = status.entry == entryFor(same);
    return status;
}

QList<McpClient> ClientConfigWriter::detectInstalled(const ClientEnvironment& env)
{
    return ClientPaths::detectInstalled(env);
}
