#include "pages/balancecard.h"

#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace
{

bool isCredentialProblem(const QString& code)
{
    return code == QLatin1String("wallet_not_configured")
        || code == QLatin1String("coinremitter_credentials_rejected")
        || code == QLatin1String("secret_not_found") || code.startsWith(QLatin1String("keychain_"));
}

QString timeText(const QDateTime& at)
{
    const QDateTime local = at.toLocalTime();
    if (local.date() == QDate::currentDate())
        return QLocale().toString(local.time(), QStringLiteral("HH:mm:ss"));
    return QLocale().toString(local, QLocale::ShortFormat);
}

void setColor(QLabel* label, const QColor& color)
{
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, color);
    label->setPalette(pal);
}

} // namespace

BalanceCard::BalanceCard(const BalanceView& wallet, QWidget* parent)
    : QFrame(parent)
    , m_wallet(wallet)
{
    setObjectName(QStringLiteral("card"));
    setProperty("coin", wallet.coin);
    setAccessibleName(wallet.coin);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(16, 14, 16, 14);
    column->setSpacing(Theme::spacing());

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("walletTitle"));
    m_title->setTextFormat(Qt::RichText);
    column->addWidget(m_title);

    m_amount = new QLabel(this);
    m_amount->setObjectName(QStringLiteral("balanceAmount"));
    m_amount->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_amount->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setWeight(QFont::DemiBold);
    m_amount->setFont(big);
    column->addWidget(m_amount);

    m_usd = new QLabel(this);
    m_usd->setObjectName(QStringLiteral("balanceUsd"));
    m_usd->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(m_usd);

    m_updated = Theme::hintLabel(QString(), this);
    m_updated->setObjectName(QStringLiteral("balanceUpdated"));
    column->addWidget(m_updated);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("balanceError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(m_error);

    auto* actionRow = new QHBoxLayout;
    m_actionButton = new QPushButton(this);
    m_actionButton->setObjectName(QStringLiteral("balanceAction"));
    connect(m_actionButton, &QPushButton::clicked, this, [this]() {
        if (m_action == Action::OpenAccounts)
            Q_EMIT openAccountsRequested();
        else
            Q_EMIT retryRequested();
    });
    actionRow->addWidget(m_actionButton);
    actionRow->addStretch(1);
    column->addLayout(actionRow);
    updateView();
}

void BalanceCard::setKeysAreLocal(bool local)
{
    m_keysAreLocal = local;
    updateView();
}

void BalanceCard::setWallet(const BalanceView& wallet)
{
    const QString name = m_wallet.name;
    m_wallet = wallet;
    if (m_wallet.name.isEmpty())
        m_wallet.name = name;
    m_answered = true;
    if (wallet.ok()) {
        m_lastBalance = wallet.balance;
        m_lastUsd = wallet.usdValue;
        m_lastAt = wallet.fetchedAt.isValid() ? wallet.fetchedAt : QDateTime::currentDateTime();
    }
    updateView();
}

void BalanceCard::setRefreshing(bool refreshing)
{
    m_refreshing = refreshing;
    updateView();
}

QString BalanceCard::amountText() const
{
    return m_amount->text();
}

QString BalanceCard::usdText() const
{
    return m_usd->isHidden() ? QString() : m_usd->text();
}

QString BalanceCard::updatedText() const
{
    return m_updated->text();
}

QString BalanceCard::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString BalanceCard::describeError(const BalanceView& wallet, bool keysAreLocal, Action* action)
{
    const QString& code = wallet.errorCode;
    const QString coin = wallet.coin;
    Action a = Action::Retry;
    QString text;
    if (keysAreLocal && code == QLatin1String("coinremitter_credentials_rejected")) {
        text = tr("CoinRemitter refused the API key or password for %1 — set them on Accounts & keys.")
                   .arg(coin);
        a = Action::OpenAccounts;
    } else if (keysAreLocal
        && (code == QLatin1String("wallet_not_configured") || code == QLatin1String("secret_not_found"))) {
        text = tr("%1 has no CoinRemitter API key and password yet — set them on Accounts & keys.").arg(coin);
        a = Action::OpenAccounts;
    } else if (keysAreLocal && isCredentialProblem(code)) {
        text = tr("The keys of %1 could not be read from the keychain: %2").arg(coin, wallet.errorMessage);
        a = Action::OpenAccounts;
    } else if (!keysAreLocal && isCredentialProblem(code)) {
        text = tr("The remote FinAgent has no working CoinRemitter key for %1: %2 Ask whoever runs it.")
                   .arg(coin, wallet.errorMessage);
        a = Action::None;
    } else if (code == QLatin1String("coinremitter_account_inactive")) {
        text = wallet.errorMessage;
        a = Action::None;
    } else {
        text = wallet.errorMessage.isEmpty() ? tr("The balance of %1 could not be read.").arg(coin)
                                             : wallet.errorMessage;
    }
    if (action)
        *action = a;
    return text;
}

void BalanceCard::updateView()
{
    const QPalette pal = palette();
    const QString name = m_wallet.name.isEmpty() ? m_wallet.network : m_wallet.name;
    m_title->setText(QStringLiteral("<b>%1</b>").arg(m_wallet.coin.toHtmlEscaped())
        + (name.isEmpty() || name == m_wallet.coin
                ? QString()
                : QStringLiteral(" <span style=\"color:%1\">· %2</span>")
                      .arg(Theme::muted(pal).name(), name.toHtmlEscaped())));

    const bool failed = m_answered && !m_wallet.ok();
    const QString ticker = m_wallet.ticker.isEmpty() ? m_wallet.coin : m_wallet.ticker;
    const QString balance = failed ? m_lastBalance : m_wallet.balance;
    const QString usd = failed ? m_lastUsd : m_wallet.usdValue;
    if (!m_answered)
        m_amount->setText(tr("Reading…"));
    else if (balance.isEmpty())
        m_amount->setText(QStringLiteral("—"));
    else
        m_amount->setText(QStringLiteral("%1 %2").arg(balance, ticker));
    setColor(m_amount, failed ? Theme::muted(pal) : pal.color(QPalette::WindowText));
    m_usd->setText(tr("≈ %1 USD").arg(usd));
    m_usd->setVisible(!usd.isEmpty());

    QString updated;
    if (m_refreshing)
        updated = tr("Refreshing…");
    else if (failed && m_lastAt.isValid())
        updated = tr("Last read at %1; the latest refresh failed").arg(timeText(m_lastAt));
    else if (m_answered && !failed)
        updated = tr("Updated at %1").arg(timeText(m_lastAt));
    m_updated->setText(updated);
    m_updated->setToolTip(m_wallet.source.isEmpty() ? QString() : tr("Source: %1").arg(m_wallet.source));
    m_updated->setVisible(!updated.isEmpty());

    Action action = Action::None;
    const QString error = failed ? describeError(m_wallet, m_keysAreLocal, &action) : QString();
    m_action = action;
    m_error->setText(error);
    m_error->setVisible(failed);
    m_error->setToolTip(failed && error != m_wallet.errorMessage ? m_wallet.errorMessage : QString());
    setColor(m_error, Theme::negative(pal));
    m_actionButton->setVisible(failed && action != Action::None);
    m_actionButton->setEnabled(!m_refreshing);
    if (action == Action::OpenAccounts) {
        m_actionButton->setText(tr("Open Accounts && keys"));
        m_actionButton->setIcon(Theme::icon(QStringLiteral("accounts")));
    } else {
        m_actionButton->setText(tr("Try again"));
        m_actionButton->setIcon(Theme::icon(QStringLiteral("refresh")));
    }
}
