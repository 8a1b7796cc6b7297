#pragma once

#include "security/secretstore.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>
#include <optional>

// Starts one asynchronous call and spins the event loop until its callback has run (or the
// timeout passes: then the optional is empty).
template<typename R, typename Call> std::optional<R> waitForCallback(Call call, int timeoutMs = 30000)
{
    auto result = std::make_shared<std::optional<R>>();
    call([result](R r) { *result = std::move(r); });
    // An empty optional tells the caller the wait timed out.
    (void)QTest::qWaitFor([result] { return result->has_value(); }, timeoutMs);
    return *result;
}

inline std::optional<Result<QString>> readSecret(
    SecretStore& store, const QString& name, int timeoutMs = 30000)
{
    return waitForCallback<Result<QString>>(
        [&](SecretStore::Callback done) { store.read(name, nullptr, std::move(done)); }, timeoutMs);
}

inline std::optional<Result<void>> writeSecret(
    SecretStore& store, const QString& name, const QString& value, int timeoutMs = 30000)
{
    return waitForCallback<Result<void>>(
        [&](SecretStore::VoidCallback done) { store.write(name, value, nullptr, std::move(done)); },
        timeoutMs);
}

inline std::optional<Result<void>> removeSecret(
    SecretStore& store, const QString& name, int timeoutMs = 30000)
{
    return waitForCallback<Result<void>>(
        [&](SecretStore::VoidCallback done) { store.remove(name, nullptr, std::move(done)); }, timeoutMs);
}

inline std::optional<Result<QStringList>> listSecrets(SecretStore& store, int timeoutMs = 30000)
{
    return waitForCallback<Result<QStringList>>(
        [&](SecretStore::ListCallback done) { store.list(nullptr, std::move(done)); }, timeoutMs);
}

inline std::optional<Result<void>> probeStore(SecretStore& store, int timeoutMs = 30000)
{
    return waitForCallback<Result<void>>(
        [&](SecretStore::VoidCallback done) { store.probe(nullptr, std::move(done)); }, timeoutMs);
}

// The error message of a failed result, or nothing (Result::error() is only valid on failures).
template<typename R> QByteArray failureText(const R& result)
{
    return result.ok() ? QByteArray() : result.error().message.toUtf8();
}

struct ToolRun
{
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs a command-line tool to completion (used for secret-tool, which shows what really sits in
// the Secret Service).
inline ToolRun runTool(const QString& program, const QStringList& args, int timeoutMs = 20000)
{
    ToolRun run;
    QProcess process;
    QSignalSpy done(&process, &QProcess::finished);
    process.start(program, args);
    run.finished = done.wait(timeoutMs) || !done.isEmpty();
    if (!run.finished) {
        process.kill();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// What `secret-tool lookup` finds for a QtKeychain entry (attributes server=<service>, user=<key>),
// or an empty optional if there is no such entry.
inline std::optional<QByteArray> secretToolLookup(const QString& service, const QString& key)
{
    const ToolRun run = runTool(QStringLiteral("secret-tool"),
        {QStringLiteral("lookup"), QStringLiteral("server"), service, QStringLiteral("user"), key});
    if (!run.finished || run.exitCode != 0)
        return std::nullopt;
    return run.out;
}
