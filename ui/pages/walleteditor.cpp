#include "pages/walleteditor.h"

#include "backend/backend.h"
#include "pages/secretentry.h"
#include "payments/networkcatalog.h"
#include "security/secretnames.h"
#include "theme.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace
{

// "USDT on Tron (TRC20)" for a coin FinAgent knows, else empty.
QString displayName(const QString& coin)
{
    const NetworkCatalog catalog = NetworkCatalog::fromWallets({coin});
    return catalog.isEmpty() ? QString() : catalog.networks().constFirst().displayName;
}

} // namespace

WalletEditor::WalletEditor(SecretStore& store, Backend& backend, const QString& coin, QWidget* parent)
    : QFrame(parent)
    , m_store(store)
    , m_backend(backend)
    , m_coin(coin)
{
    setObjectName(QStringLiteral("wallet_%1").arg(coin));
    setProperty("coin", coin);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, Theme::spacing(), 0, Theme::spacing());
    column->setSpacing(Theme::spacing());

    auto* titleRow = new QHBoxLayout;
    auto* title = new QLabel(this);
    title->setObjectName(QStringLiteral("walletTitle"));
    title->setTextFormat(Qt::RichText);
    const QString name = displayName(coin);
    title->setText(QStringLiteral("<b>%1</b>").arg(coin.toHtmlEscaped())
        + (name.isEmpty() ? QString()
                          : QStringLiteral(" <span style=\"color:%1\">· %2</span>")
                                .arg(Theme::muted(palette()).name(), name.toHtmlEscaped())));
    titleRow->addWidget(title, 1);
    m_removeCoin = new QToolButton(this);
    m_removeCoin->setObjectName(QStringLiteral("removeWallet"));
    m_removeCoin->setIcon(Theme::icon(QStringLiteral("remove")));
    m_removeCoin->setText(tr("Remove wallet"));
    m_removeCoin->setToolTip(tr("Remove %1 from the wallets FinAgent uses").arg(coin));
    m_removeCoin->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_removeCoin->setAutoRaise(true);
    connect(m_removeCoin, &QToolButton::clicked, this, [this]() { Q_EMIT removeRequested(m_coin); });
    titleRow->addWidget(m_removeCoin);
    column->addLayout(titleRow);

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::sectionSpacing());
    form->setVerticalSpacing(Theme::spacing());
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_key =
        new SecretEntry(store, SecretNames::coinremitterKey(coin), tr("Paste the wallet's API key"), this);
    m_key->setObjectName(QStringLiteral("apiKeyEntry"));
    form->addRow(tr("API key"), m_key);
    m_password = new SecretEntry(
        store, SecretNames::coinremitterPassword(coin), tr("The wallet's API password"), this);
    m_password->setObjectName(QStringLiteral("passwordEntry"));
    form->addRow(tr("Password"), m_password);

    m_test = new QPushButton(Theme::icon(QStringLiteral("health")), tr("Test connection"), this);
    m_test->setObjectName(QStringLiteral("testWallet"));
    connect(m_test, &QPushButton::clicked, this, &WalletEditor::testConnection);
    m_outcome = Theme::addTestRow(form, m_test, QStringLiteral("testOutcome"));
    column->addLayout(form);

    m_note = Theme::hintLabel(QString(), this);
    m_note->setObjectName(QStringLiteral("walletNote"));
    m_note->hide();
    column->addWidget(m_note);
}

QString WalletEditor::testOutcome() const
{
    return m_outcome->text();
}

void WalletEditor::setRunning(const QString& provider, bool coinInUse)
{
    m_provider = provider;
    m_coinInUse = coinInUse;
    updateNote();
}

void WalletEditor::updateNote()
{
    QString note;
    if (!m_coinInUse)
        note = tr("Added since FinAgent started: it uses this wallet after a restart.");
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void WalletEditor::testConnection()
{
    if (m_testRequest)
        return;
    if (m_provider == QLatin1String("sandbox")) {
        showOutcome(false,
            tr("FinAgent runs with the sandbox provider now, so it does not talk to CoinRemitter. Choose "
               "CoinRemitter above and restart FinAgent to test this wallet."));
        return;
    }
    if (!m_coinInUse) {
        showOutcome(
            false, tr("FinAgent started without the %1 wallet: restart it to test this one.").arg(m_coin));
        return;
    }
    auto* request = new QObject(this);
    m_testRequest = request;
    m_test->setEnabled(false);
    m_outcome->setPalette(palette());
    m_outcome->setText(tr("Asking CoinRemitter for the %1 balance…").arg(m_coin));
    m_backend.callTool(QStringLiteral("check_balance"), QJsonObject {{QStringLiteral("network"), m_coin}},
        request, [this, request](ToolOutcome outcome) {
            request->deleteLater();
            m_test->setEnabled(true);
            showTestResult(outcome);
        });
}

void WalletEditor::showTestResult(const ToolOutcome& outcome)
{
    if (!outcome.ok) {
        showOutcome(false, outcome.error.message);
        return;
    }
    const QJsonArray balances = outcome.structured.value(QStringLiteral("balances")).toArray();
    for (const QJsonValue& v : balances) {
        const QJsonObject entry = v.toObject();
        if (entry.value(QStringLiteral("coin")).toString() != m_coin)
            continue;
        const QJsonObject error = entry.value(QStringLiteral("error")).toObject();
        if (!error.isEmpty()) {
            showOutcome(false, error.value(QStringLiteral("message")).toString());
            return;
        }
        showOutcome(true,
            tr("Connected: the %1 wallet holds %2 %3.")
                .arg(m_coin, entry.value(QStringLiteral("balance")).toString(),
                    entry.value(QStringLiteral("ticker")).toString()));
        return;
    }
    showOutcome(false, tr("The answer had no balance for %1.").arg(m_coin));
}

void WalletEditor::showOutcome(bool ok, const QString& sentence)
{
    Theme::showOutcome(m_outcome, ok, sentence);
    Q_EMIT tested(ok, sentence);
}
