// The Overview page against a real Runtime and endpoint (on a free port) with an in-memory keychain:
// the URL, the token (hidden, copy, regenerate), start/stop, connected clients over real HTTP, the
// health list and the recent tool calls.
#include "pages/overviewpage.h"
#include "security/secretnames.h"
#include "testenv.h"
#include "testgraph.h"
#include "widgets/copyfield.h"
#include "widgets/emptystate.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>

namespace
{

template<typename T> T* child(QWidget& parent, const char* name)
{
    auto* found = parent.findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

QJsonObject call(qint64 id, const QString& tool, const QString& outcome, int durationMs)
{
    return QJsonObject {{QStringLiteral("id"), id},
        {QStringLiteral("at"), double(QDateTime::currentMSecsSinceEpoch())}, {QStringLiteral("tool"), tool},
        {QStringLiteral("client"), QStringLiteral("claude-code")},
        {QStringLiteral("transport"), QStringLiteral("stdio")}, {QStringLiteral("duration_ms"), durationMs},
        {QStringLiteral("outcome"), outcome}};
}

} // namespace

class TestOverviewPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEndpointAndFollowsStartStop()
    {
        TestEnv env;
        TestGraph graph;
        OverviewPage page(graph.context);
        auto* url = child<CopyField>(page, "endpointUrl");
        auto* state = child<QLabel>(page, "endpointState");
        auto* button = child<QPushButton>(page, "startStopButton");
        QVERIFY(url && state && button);
        QVERIFY(state->text().contains(QStringLiteral("Starting")));

        graph.endpoint.initialize(true);
        QTRY_VERIFY(graph.endpoint.isServing());
        const QString served = graph.endpoint.mcpUrl().toString();
        QVERIFY2(
            served.startsWith(QStringLiteral("http://127.0.0.1:")) && served.endsWith(QStringLiteral("/mcp")),
            qPrintable(served));
        QCOMPARE(url->text(), served);
        QVERIFY(state->text().contains(QStringLiteral("Running")));
        QCOMPARE(child<QLabel>(page, "endpointPort")->text(), QString::number(graph.endpoint.port()));

        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!graph.endpoint.isServing());
        QVERIFY(graph.runtime.http() == nullptr);
        QVERIFY(url->text().isEmpty());
        QVERIFY(state->text().contains(QStringLiteral("Stopped")));
        QCOMPARE(button->text(), QStringLiteral("Start server"));

        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(graph.endpoint.isServing());
        QCOMPARE(url->text(), graph.endpoint.mcpUrl().toString());
    }

    void copyPutsUrlOnClipboard()
    {
        TestEnv env;
        TestGraph graph;
        OverviewPage page(graph.context);
        graph.endpoint.initialize(true);
        QTRY_VERIFY(graph.endpoint.isServing());
        auto* url = child<CopyField>(page, "endpointUrl");
        QGuiApplication::clipboard()->clear();
        QSignalSpy copied(url, &CopyField::copied);
        QTest::mouseClick(url->copyButton(), Qt::LeftButton);
        QCOMPARE(copied.count(), 1);
        QCOMPARE(QGuiApplication::clipboard()->text(), graph.endpoint.mcpUrl().toString());
        // Not a secret: no password-manager hint.
        QVERIFY(!QGuiApplication::clipboard()->mimeData()->hasFormat(
            QStringLiteral("x-kde-passwordManagerHint")));
    }

    void tokenIsHiddenCopiedAsSecretAndCleared()
    {
        TestEnv env;
        TestGraph graph;
        OverviewPage page(graph.context);
        graph.endpoint.initialize(true);
        QTRY_VERIFY(graph.endpoint.isServing());
        auto* token = child<CopyField>(page, "tokenField");
        QCOMPARE(token->text(), graph.endpoint.token());
        QCOMPARE(token->lineEdit()->echoMode(), QLineEdit::Password);
        QTest::mouseClick(token->revealButton(), Qt::LeftButton);
        QCOMPARE(token->lineEdit()->echoMode(), QLineEdit::Normal);
        QCOMPARE(token->lineEdit()->text(), graph.endpoint.token());

        token->setClearAfterMs(100);
        QTest::mouseClick(token->copyButton(), Qt::LeftButton);
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        QCOMPARE(mime->text(), graph.endpoint.token());
        QCOMPARE(mime->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArrayLiteral("secret"));
        QTRY_VERIFY(QGuiApplication::clipboard()->text().isEmpty());
    }

    void firstRunStoresTokenInKeychain()
    {
        TestEnv env;
        TestGraph graph;
        graph.endpoint.initialize(false);
        QTRY_VERIFY(!graph.endpoint.token().isEmpty());
        QCOMPARE(graph.secrets.values.value(SecretNames::httpToken()), graph.endpoint.token());
        QVERIFY(graph.endpoint.isTokenPersistent());
        QVERIFY(graph.endpoint.token().size() >= 43); // 32 random bytes, base64
        QVERIFY(!graph.endpoint.isServing());

        // The next start reads the same token.
        TestGraph again;
        again.secrets.values = graph.secrets.values;
        again.endpoint.initialize(false);
        QTRY_VERIFY(!again.endpoint.token().isEmpty());
        QCOMPARE(again.endpoint.token(), graph.endpoint.token());
        QCOMPARE(again.secrets.writes, 0);
    }

    void regenerateAsksThenChangesAndStoresToken()
    {
        TestEnv env;
        TestGraph graph;
        OverviewPage page(graph.context);
        graph.endpoint.initialize(true);
        QTRY_VERIFY(graph.endpoint.isServing());
        const QString before = graph.endpoint.token();
        auto* regenerate = child<QPushButton>(page, "regenerateButton");

        QTest::mouseClick(regenerate, Qt::LeftButton);
        QTRY_VERIFY(page.regenerateConfirmation());
        QVERIFY(page.regenerateConfirmation()->informativeText().contains(QStringLiteral("Connect page")));
        page.regenerateConfirmation()->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!page.regenerateConfirmation());
        QCOMPARE(graph.endpoint.token(), before);

        QTest::mouseClick(regenerate, Qt::LeftButton);
        QTRY_VERIFY(page.regenerateConfirmation());
        auto* confirm =
            page.regenerateConfirmation()->findChild<QPushButton*>(QStringLiteral("confirmRegenerate"));
        QVERIFY(confirm);
        confirm->click();
        QVERIFY(graph.endpoint.token() != before);
        QTRY_COMPARE(graph.secrets.values.value(SecretNames::httpToken()), graph.endpoint.token());
        QCOMPARE(child<CopyField>(page, "tokenField")->text(), graph.endpoint.token());

        // The running endpoint takes the new token and refuses the old one.
        QNetworkAccessManager network;
        QNetworkReply* old = openMcpSession(network, graph.endpoint.mcpUrl(), before, QStringLiteral("old"));
        QTRY_VERIFY(old->isFinished());
        QCOMPARE(old->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        QNetworkReply* fresh =
            openMcpSession(network, graph.endpoint.mcpUrl(), graph.endpoint.token(), QStringLiteral("fresh"));
        QTRY_VERIFY(fresh->isFinished());
        QCOMPARE(fresh->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    }

    void keychainUnavailableUsesSessionTokenAndSaysWhy()
    {
        TestEnv env;
        TestGraph graph;
        graph.secrets.readFailure =
            Error(QStringLiteral("keychain_unavailable"), QStringLiteral("No Secret Service"));
        OverviewPage page(graph.context);
        graph.endpoint.initialize(true);
        QTRY_VERIFY(graph.endpoint.isServing());
        QVERIFY(!graph.endpoint.token().isEmpty());
        QVERIFY(!graph.endpoint.isTokenPersistent());
        auto* notice = child<QLabel>(page, "tokenNotice");
        QVERIFY(!notice->isHidden());
        QVERIFY2(notice->text().contains(QStringLiteral("No Secret Service")), qPrintable(notice->text()));
        QCOMPARE(graph.secrets.writes, 0);
        // Never written to a file either.
        for (const QString& file : env.allFiles())
            QVERIFY2(!readWholeFile(file).contains(graph.endpoint.token().toUtf8()), qPrintable(file));
    }

    void keychainWriteFailureSaysWhy()
    {
        TestEnv env;
        TestGraph graph;
        graph.secrets.writeFailure =
            Error(QStringLiteral("keychain_error"), QStringLiteral("The collection is locked"));
        OverviewPage page(graph.context);
        graph.endpoint.initialize(true);
        QTRY_VERIFY(graph.endpoint.isServing());
        QVERIFY(!graph.endpoint.isTokenPersistent());
        QTRY_VERIFY(!child<QLabel>(page, "tokenNotice")->isHidden());
        QVERIFY(child<QLabel>(page, "tokenNotice")->text().contains(QStringLiteral("locked")));
    }

    void portInUseShowsError()
    {
        TestEnv env;
        TestGraph graph;
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        QVERIFY(graph.settings.setValue(QStringLiteral("http.port"), blocker.serverPort()).ok());
        OverviewPage page(graph.context);
        graph.endpoint.initialize(true);
        QTRY_COMPARE(graph.endpoint.state(), LocalEndpoint::State::Failed);
        auto* error = child<QLabel>(page, "endpointError");
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(QString::number(blocker.serverPort())), qPrintable(error->text()));
        QVERIFY(child<QLabel>(page, "endpointState")->text().contains(QStringLiteral("Not running")));
    }

    void connectedClientsAreListedLive()
    {
        TestEnv env;
        TestGraph graph;
        OverviewPage page(graph.context);
        graph.endpoint.initialize(true);
        QTRY_VERIFY(graph.endpoint.isServing());
        auto* list = child<QListWidget>(page, "sessionsList");
        QCOMPARE(list->count(), 0);
        QVERIFY(!child<QLabel>(page, "noSessions")->isHidden());

        QNetworkAccessManager network;
        QNetworkReply* reply = openMcpSession(
            network, graph.endpoint.mcpUrl(), graph.endpoint.token(), QStringLiteral("Cursor"));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QTRY_COMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), QStringLiteral("Cursor 1.0"));
        QVERIFY(child<QLabel>(page, "noSessions")->isHidden());

        graph.endpoint.stop();
        QTRY_COMPARE(list->count(), 0);
    }

    void healthListShowsSubsystems()
    {
        TestEnv env;
        TestGraph graph;
        OverviewPage page(graph.context);
        page.activated();
        auto* summary = child<QLabel>(page, "healthSummary");
        QTRY_VERIFY2(summary->text().contains(QStringLiteral("checked at")), qPrintable(summary->text()));
        QStringList names;
        for (QLabel* row : child<QWidget>(page, "healthList")->findChildren<QLabel*>())
            names << row->property("subsystem").toString();
        QVERIFY2(names.contains(QStringLiteral("mcp")), qPrintable(names.join(QLatin1Char(','))));
        QVERIFY(names.contains(QStringLiteral("keychain")));
        page.deactivated();
    }

    void toolCallsEmptyStateThenLiveRows()
    {
        TestEnv env;
        TestGraph graph;
        OverviewPage page(graph.context);
        page.setPollIntervalMs(50);

        // Without an audit log: the empty state with what to do.
        page.activated();
        auto* stack = page.findChild<QStackedWidget*>();
        auto* empty = child<EmptyState>(page, "callsEmpty");
        QVERIFY(stack && empty);
        QVERIFY(empty->text().contains(QStringLiteral("No tool calls yet")));
        QCOMPARE(stack->currentWidget(), empty);
        page.deactivated();

        QJsonObject own = call(1, QStringLiteral("get_price"), QStringLiteral("ok"), 3);
        own.insert(QStringLiteral("transport"), QStringLiteral("desktop")); // the window's own call
        QList<QJsonObject> log {own, call(2, QStringLiteral("get_spot_price"), QStringLiteral("ok"), 42)};
        QList<qint64> asked;
        graph.backend.setAuditSource(
            [&log, &asked](qint64 afterId, int, QObject* ctx, std::function<void(Result<QJsonArray>)> done) {
                asked << afterId;
                QJsonArray out;
                for (auto it = log.crbegin(); it != log.crend(); ++it) {
                    if (it->value(QStringLiteral("id")).toInteger() > afterId)
                        out.append(*it);
                }
                QMetaObject::invokeMethod(
                    ctx, [done, out]() { done(out); }, Qt::QueuedConnection);
            });
        page.activated();
        auto* table = child<QTreeWidget>(page, "toolCallsTable");
        QTRY_COMPARE(table->topLevelItemCount(), 1);
        QCOMPARE(stack->currentWidget(), table);
        QCOMPARE(table->topLevelItem(0)->text(1), QStringLiteral("get_spot_price"));
        QCOMPARE(table->topLevelItem(0)->text(2), QStringLiteral("claude-code"));
        QCOMPARE(table->topLevelItem(0)->text(3), QStringLiteral("42 ms"));
        QCOMPARE(table->topLevelItem(0)->text(4), QStringLiteral("OK"));

        // New calls arrive while the page is visible, newest on top, each once.
        log.append(call(3, QStringLiteral("create_payment"), QStringLiteral("error"), 1500));
        QTRY_COMPARE(table->topLevelItemCount(), 2);
        QCOMPARE(table->topLevelItem(0)->text(1), QStringLiteral("create_payment"));
        QCOMPARE(table->topLevelItem(0)->text(4), QStringLiteral("Error"));
        QVERIFY(
            table->topLevelItem(0)->foreground(4).color() != table->topLevelItem(1)->foreground(4).color());
        // Later polls ask only for what came after the newest call seen.
        QTRY_COMPARE(asked.constLast(), 3);
        QCOMPARE(table->topLevelItemCount(), 2);

        // Hidden: no more polling.
        auto* poll = page.findChild<QTimer*>(QStringLiteral("callsPoll"));
        QVERIFY(poll && poll->isActive());
        page.deactivated();
        QVERIFY(!poll->isActive());
    }
};

QTEST_MAIN(TestOverviewPage)
#include "tst_overviewpage.moc"
