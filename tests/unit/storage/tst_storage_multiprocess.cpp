#include "testenv.h"

#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/sqlexec.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QTest>

#include <memory>
#include <vector>

// Several real processes (finagent_storage_writer) share one SQLite file, the way the desktop
// app and one `finagent stdio` per AI host do.
class MultiProcessTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void concurrentProcessesLoseNothing();
};

void MultiProcessTest::concurrentProcessesLoseNothing()
{
    const QString writer = qEnvironmentVariable("FINAGENT_STORAGE_WRITER");
    QVERIFY2(!writer.isEmpty(), "FINAGENT_STORAGE_WRITER is not set; run this test through ctest");

    TestEnv env;
    const QString path = env.dataDir() + QStringLiteral("/shared/finagent.db");
    constexpr int kProcesses = 4;
    constexpr int kEach = 100;

    std::vector<std::unique_ptr<QProcess>> procs;
    for (int i = 0; i < kProcesses; ++i) {
        auto p = std::make_unique<QProcess>();
        p->start(writer, {path, QStringLiteral("inv_p%1_").arg(i), QString::number(kEach)});
        procs.push_back(std::move(p));
    }
    for (const auto& p : procs)
        QTRY_VERIFY_WITH_TIMEOUT(
            p->state() == QProcess::Running || p->state() == QProcess::NotRunning, 10000);
    // Everyone starts at once: the migrations race as well as the inserts.
    for (const auto& p : procs) {
        p->write("go\n");
        p->closeWriteChannel();
    }
    for (const auto& p : procs)
        QTRY_VERIFY_WITH_TIMEOUT(p->state() == QProcess::NotRunning, 120000);

    int sharedCreated = 0;
    for (const auto& p : procs) {
        const QByteArray err = p->readAllStandardError();
        QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0,
            qPrintable(
                QStringLiteral("writer exited with %1: %2").arg(p->exitCode()).arg(QString::fromUtf8(err))));
        QVERIFY2(!err.contains("database is locked"), err.constData());
        if (p->readAllStandardOutput().contains("shared-created"))
            ++sharedCreated;
    }
    QCOMPARE(sharedCreated, 1);

    Database db(DatabaseConfig::sqlite(path));
    QVERIFY(db.openBlocking().ok());
    const auto count = [&db](const QString& sql) {
        const Result<QVariant> n = db.runBlocking<QVariant>(
            [sql](QSqlDatabase& c) { return Storage::scalar(c, sql, {}, QStringLiteral("Counting")); });
        return n ? n.value().toInt() : -1;
    };
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE idempotency_key IS NULL")),
        kProcesses * kEach);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoices")), kProcesses * kEach + 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM invoice_events")), kProcesses * kEach + 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")), Migrations::latestVersion());
}

QTEST_GUILESS_MAIN(MultiProcessTest)
#include "tst_storage_multiprocess.moc"
