#include "paymentstestbase.h"
#include "testenv.h"

#include <QTest>

// The payment service cases on SQLite, one new database file per case.
class SqlitePaymentsTest : public PaymentsTestBase
{
    Q_OBJECT

protected:
    DatabaseConfig newDatabase() override
    {
        return DatabaseConfig::sqlite(m_env.dataDir() + QStringLiteral("/db%1/finagent.db").arg(++m_counter));
    }

private:
    TestEnv m_env;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(SqlitePaymentsTest)
#include "tst_payments_sqlite.moc"
