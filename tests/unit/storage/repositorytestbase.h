#pragma once

#include "storage/database.h"
#include "storage/databaseconfig.h"
#include "storage/invoicerecord.h"

#include <QObject>

#include <memory>

// The storage test cases, written once and run against each engine: tst_storage_sqlite
// (tests/unit/storage) and tst_storage_postgres (tests/integration/postgres) derive from this
// class, say how to make a fresh empty database, and may add engine-specific cases.
class RepositoryTestBase : public QObject
{
    Q_OBJECT

public:
    ~RepositoryTestBase() override;

protected:
    // Called once before the first case; a failure here (QFAIL) fails the whole run.
    virtual void prepareEngine() { }
    // A new, empty database (SQLite: a new file; PostgreSQL: a new schema) for each call.
    virtual DatabaseConfig newDatabase() = 0;
    // Removes what newDatabase() made, after the Database objects using it are gone.
    virtual void dropDatabase(const DatabaseConfig& cfg) { Q_UNUSED(cfg) }

    static InvoiceRecord sampleInvoice(int n, qint64 createdAt = 1'700'000'000'000);
    static int countRows(Database& db, const QString& table);

    // The database of the current case, opened and migrated by init().
    std::unique_ptr<Database> m_db;
    DatabaseConfig m_config;

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void migratesFreshDatabase();
    void reopenKeepsSchema();
    void newerSchemaIsRefused();
    void foreignKeysAreEnforced();
    void jobsBeforeOpenFail();

    void createAndGetRoundTrip();
    void createRecordsCreateEvent();
    void createValidatesInput();
    void idempotentCreateReturnsOriginal();
    void idempotencyKeyReusedForDifferentRequest();
    void getUnknownIsNotFound();
    void getByProviderId();
    void providerIdIsUniquePerProvider();

    void updateStatusBumpsVersionAndRecordsEvent();
    void updateStatusWithStaleVersionConflicts();
    void updateStatusValidatesInput();
    void finalStatusStopsChecks();

    void keysetPaginationCoversEverything();
    void listFilters();
    void listRejectsBadCursorAndClampsLimit();
    void dueForRefreshAndScheduleNextCheck();
    void changedSince();
    void composedJobsShareOneTransaction();

    void auditAppendRecentAndPrune();

    void asyncRunDeliversOnCallerThread();
    void asyncRepositoryMethods();
    void noCallbackAfterContextDestroyed();
    void noCallbackWhenContextDiesWithResultInFlight();
    void destructionFinishesQueuedJobs();
    void twoDatabasesWriteConcurrently();
    void concurrentOptimisticUpdatesOneWins();
    void concurrentCreatesWithSameKeyMakeOne();
    void concurrentMigrationByTwoDatabases();

private:
    QList<DatabaseConfig> m_made;
};
