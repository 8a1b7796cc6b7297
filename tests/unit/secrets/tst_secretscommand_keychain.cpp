// `finagent secrets` logic against the real Secret Service (under tests/support/with-keyring.sh).
#include "secrettesthelpers.h"
#include "security/keychainsecretstore.h"
#include "security/secretnames.h"
#include "security/secretscommand.h"

#include <QBuffer>
#include <QTest>
#include <QTextStream>

class TstSecretsCommandKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void setListDelete();

private:
    int run(SecretStore& store, const QStringList& args, const QByteArray& input, QString* out, QString* err);
};

int TstSecretsCommandKeychain::run(
    SecretStore& store, const QStringList& args, const QByteArray& input, QString* outText, QString* errText)
{
    QBuffer in;
    in.setData(input);
    in.open(QIODevice::ReadOnly);
    QTextStream out(outText);
    QTextStream err(errText);
    SecretsCommand command(store, &in, out, err);
    QSignalSpy finished(&command, &SecretsCommand::finished);
    command.start(args);
    if (!finished.wait(30000) && finished.isEmpty())
        return -1;
    return finished.first().first().toInt();
}

void TstSecretsCommandKeychain::setListDelete()
{
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty(),
        "secret-tool is missing: install libsecret-tools");
    KeychainSecretStore store;
    const QString name = SecretNames::coinremitterKey(QStringLiteral("USDTTRC20"));
    const QString value = QStringLiteral("cr-key-e2e-51f0");
    QString out;
    QString err;

    QCOMPARE(run(store, {QStringLiteral("set"), name}, value.toUtf8() + '\n', &out, &err), 0);
    QVERIFY2(out.contains(QLatin1String("Stored coinremitter/USDTTRC20/api_key in the Secret Service")),
        qPrintable(out));
    QCOMPARE(secretToolLookup(QStringLiteral("FinAgent"), name), value.toUtf8());

    out.clear();
    QCOMPARE(run(store, {QStringLiteral("list")}, {}, &out, &err), 0);
    QVERIFY(out.split(QLatin1Char('\n')).contains(name));
    QVERIFY(!out.contains(value));

    out.clear();
    QCOMPARE(run(store, {QStringLiteral("status"), name}, {}, &out, &err), 0);
    QVERIFY2(out.contains(QLatin1String("Status: working")), qPrintable(out + err));
    QVERIFY(out.contains(name + QStringLiteral(": set")));

    out.clear();
    QCOMPARE(run(store, {QStringLiteral("delete"), name}, {}, &out, &err), 0);
    QVERIFY(!secretToolLookup(QStringLiteral("FinAgent"), name));
    out.clear();
    QCOMPARE(run(store, {QStringLiteral("list")}, {}, &out, &err), 0);
    QVERIFY(!out.split(QLatin1Char('\n')).contains(name));
    QVERIFY(!err.contains(value));
}

QTEST_GUILESS_MAIN(TstSecretsCommandKeychain)
#include "tst_secretscommand_keychain.moc"
