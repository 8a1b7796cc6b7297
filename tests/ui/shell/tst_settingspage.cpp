// The Settings page: validation messages for port and origins, applying them restarts the server,
// and the other settings are saved at once.
#include "autostart.h"
#include "pages/settingspage.h"
#include "testenv.h"
#include "testgraph.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTcpServer>
#include <QTest>

namespace
{

template<typename T> T* child(QWidget& parent, const char* name)
{
    auto* found = parent.findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestSettingsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void portProblems_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("problem"); // a part of the message; empty: valid
        QTest::newRow("default") << QStringLiteral("8765") << QString();
        QTest::newRow("free") << QStringLiteral("0") << QString();
        QTest::newRow("highest") << QStringLiteral("65535") << QString();
        QTest::newRow("lowest") << QStringLiteral("1024") << QString();
        QTest::newRow("privileged") << QStringLiteral("80") << QStringLiteral("below 1024");
        QTest::newRow("too big") << QStringLiteral("70000") << QStringLiteral("is not a port");
        QTest::newRow("letters") << QStringLiteral("http") << QStringLiteral("is not a port");
        QTest::newRow("negative") << QStringLiteral("-1") << QStringLiteral("is not a port");
        QTest::newRow("empty") << QString() << QStringLiteral("Enter a port");
    }

    void portProblems()
    {
        QFETCH(QString, text);
        QFETCH(QString, problem);
        const QString message = SettingsPage::portProblem(text);
        if (problem.isEmpty())
            QVERIFY2(message.isEmpty(), qPrintable(message));
        else
            QVERIFY2(message.contains(problem), qPrintable(message));
    }

    void originProblems_data()
    {
        QTest::addColumn<QString>("origin");
        QTest::addColumn<QString>("problem");
        QTest::newRow("https") << QStringLiteral("https://app.example.com") << QString();
        QTest::newRow("port") << QStringLiteral("http://localhost:3000") << QString();
        QTest::newRow("ip") << QStringLiteral("http://127.0.0.1:8080") << QString();
        QTest::newRow("wildcard") << QStringLiteral("*") << QStringLiteral("every web site");
        QTest::newRow("path") << QStringLiteral("https://app.example.com/chat")
                              << QStringLiteral("has no path");
        QTest::newRow("slash") << QStringLiteral("https://app.example.com/") << QStringLiteral("has no path");
        QTest::newRow("no scheme") << QStringLiteral("app.example.com") << QStringLiteral("is not an origin");
        QTest::newRow("ftp") << QStringLiteral("ftp://files.example.com")
                             << QStringLiteral("is not an origin");
        QTest::newRow("upper") << QStringLiteral("https://App.Example.com") << QStringLiteral("lower case");
        QTest::newRow("user") << QStringLiteral("https://me@app.example.com")
                              << QStringLiteral("no user name");
        QTest::newRow("empty") << QString() << QStringLiteral("Enter an origin");
    }

    void originProblems()
    {
        QFETCH(QString, origin);
        QFETCH(QString, problem);
        const QString message = SettingsPage::originProblem(origin);
        if (problem.isEmpty())
            QVERIFY2(message.isEmpty(), qPrintable(message));
        else
            QVERIFY2(message.contains(problem), qPrintable(message));
    }

    void portEditShowsProblemAndApplyRestarts()
    {
        TestEnv env;
        TestGraph graph;
        SettingsPage page(graph.context);
        graph.endpoint.initialize(true);
        QTRY_VERIFY(graph.endpoint.isServing());

        auto* port = child<QLineEdit>(page, "portEdit");
        auto* problem = child<QLabel>(page, "portProblem");
        auto* apply = child<QPushButton>(page, "applyServer");
        QCOMPARE(port->text(), QStringLiteral("0"));
        QVERIFY(!apply->isEnabled());

        port->clear();
        QTest::keyClicks(port, QStringLiteral("80"));
        QVERIFY(!problem->isHidden());
        QVERIFY(problem->text().contains(QStringLiteral("below 1024")));
        QVERIFY(!apply->isEnabled());

        const quint16 wanted = freePort();
        port->clear();
        QTest::keyClicks(port, QString::number(wanted));
        QVERIFY(problem->isHidden());
        QVERIFY(apply->isEnabled());
        QTest::mouseClick(apply, Qt::LeftButton);
        QCOMPARE(graph.settings.integer(QStringLiteral("http.port")), int(wanted));
        QVERIFY(graph.endpoint.isServing());
        QCOMPARE(graph.endpoint.port(), wanted);
        QVERIFY2(child<QLabel>(page, "serverResult")->text().contains(QString::number(wanted)),
            qPrintable(child<QLabel>(page, "serverResult")->text()));
        QVERIFY(!apply->isEnabled());
        // Written to the settings file, not only kept in memory.
        QCOMPARE(Settings().integer(QStringLiteral("http.port")), int(wanted));
    }

    void originsEditor()
    {
        TestEnv env;
        TestGraph graph;
        SettingsPage page(graph.context);
        auto* edit = child<QLineEdit>(page, "originEdit");
        auto* add = child<QPushButton>(page, "addOrigin");
        auto* list = child<QListWidget>(page, "originsList");
        auto* problem = child<QLabel>(page, "originProblem");
        auto* apply = child<QPushButton>(page, "applyServer");

        QTest::keyClicks(edit, QStringLiteral("*"));
        QTest::mouseClick(add, Qt::LeftButton);
        QVERIFY(!problem->isHidden());
        QVERIFY(problem->text().contains(QStringLiteral("every web site")));
        QCOMPARE(list->count(), 0);

        edit->clear();
        QVERIFY(problem->isHidden());
        QTest::keyClicks(edit, QStringLiteral("https://app.example.com"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(list->count(), 1);
        QVERIFY(edit->text().isEmpty());
        QVERIFY(apply->isEnabled());

        QTest::keyClicks(edit, QStringLiteral("https://app.example.com"));
        QTest::mouseClick(add, Qt::LeftButton);
        QVERIFY(problem->text().contains(QStringLiteral("already in the list")));
        QCOMPARE(list->count(), 1);

        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("http://localhost:3000"));
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(list->count(), 2);
        list->setCurrentRow(0);
        QTest::mouseClick(child<QPushButton>(page, "removeOrigin"), Qt::LeftButton);
        QCOMPARE(list->count(), 1);

        QTest::mouseClick(apply, Qt::LeftButton);
        QCOMPARE(graph.settings.list(QStringLiteral("http.allowed_origins")),
            QStringList {QStringLiteral("http://localhost:3000")});
    }

    void otherSettingsAreSavedAtOnce()
    {
        TestEnv env;
        env.set("XDG_CONFIG_HOME", (env.root() + QStringLiteral("/xdg")).toUtf8());
        TestGraph graph;
        Autostart autostart(graph.settings, QStringLiteral("/usr/bin/finagent"));
        SettingsPage page(graph.context);
        page.setAutostart(&autostart);

        auto* language = child<QComboBox>(page, "languageBox");
        QCOMPARE(language->currentData().toString(), QStringLiteral("system"));
        QVERIFY(child<QLabel>(page, "languageNote")->isHidden());
        language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
        QCOMPARE(graph.settings.string(QStringLiteral("ui.language")), QStringLiteral("zh_CN"));
        QVERIFY(!child<QLabel>(page, "languageNote")->isHidden());
        QCOMPARE(language->itemText(2), QStringLiteral("简体中文"));

        child<QSpinBox>(page, "priceRefresh")->setValue(7);
        QCOMPARE(graph.settings.integer(QStringLiteral("ui.price_refresh_ms")), 7000);
        child<QSpinBox>(page, "invoiceRefresh")->setValue(12);
        QCOMPARE(graph.settings.integer(QStringLiteral("ui.invoice_refresh_ms")), 12000);

        auto* login = child<QCheckBox>(page, "startOnLogin");
        QVERIFY(!login->isChecked());
        QTest::mouseClick(login, Qt::LeftButton);
        QVERIFY(graph.settings.boolean(QStringLiteral("ui.start_on_login")));
        QVERIFY(QFile::exists(autostart.entryLocation()));
        QTest::mouseClick(login, Qt::LeftButton);
        QVERIFY(!QFile::exists(autostart.entryLocation()));

        auto* notifications = child<QCheckBox>(page, "notifications");
        QVERIFY(notifications->isChecked());
        QTest::mouseClick(notifications, Qt::LeftButton);
        QVERIFY(!graph.settings.boolean(QStringLiteral("ui.notifications")));
    }

    void environmentOverridesAreLocked()
    {
        TestEnv env;
        TestGraph graph;
        graph.settings.setEnvironment({{QStringLiteral("FINAGENT_PORT"), QStringLiteral("9999")}});
        SettingsPage page(graph.context);
        auto* port = child<QLineEdit>(page, "portEdit");
        QCOMPARE(port->text(), QStringLiteral("9999"));
        QVERIFY(!port->isEnabled());
        QVERIFY(port->toolTip().contains(QStringLiteral("FINAGENT_PORT")));
    }
};

QTEST_MAIN(TestSettingsPage)
#include "tst_settingspage.moc"
