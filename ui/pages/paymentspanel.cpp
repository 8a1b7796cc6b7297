#include "pages/paymentspanel.h"

#include "backend/backend.h"
#include "config/settings.h"
#include "pages/modestatus.h"
#include "pages/settingsource.h"
#include "pages/walleteditor.h"
#include "payments/networkcatalog.h"
#include "security/secretnames.h"
#include "security/secretstore.h"
#include "theme.h"
#include "uicontext.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace
{

const QString kProvider = QStringLiteral("payments.provider");
const QString kWallets = QStringLiteral("payments.wallets");

void setColor(QLabel* label, const QColor& color)
{
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, color);
    label->setPalette(pal);
}

} // namespace

PaymentsPanel::PaymentsPanel(UiContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("paymentsPanel"));
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(Theme::spacing());

    auto* providerRow = new QHBoxLayout;
    providerRow->setSpacing(Theme::spacing());
    auto* providerLabel = new QLabel(tr("Provider"), this);
    providerRow->addWidget(providerLabel);
    m_provider = new QComboBox(this);
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    m_provider->addItem(tr("Sandbox — simulated payments, no account"), QStringLiteral("sandbox"));
    m_provider->addItem(tr("CoinRemitter — real USDT payments"), QStringLiteral("coinremitter"));
    providerLabel->setBuddy(m_provider);
    providerRow->addWidget(m_provider);
    providerRow->addStretch(1);
    column->addLayout(providerRow);
    m_providerNote = Theme::hintLabel(QString(), this);
    m_providerNote->setObjectName(QStringLiteral("providerNote"));
    column->addWidget(m_providerNote);

    auto* walletsTitle = new QLabel(tr("<b>CoinRemitter wallets</b>"), this);
    walletsTitle->setTextFormat(Qt::RichText);
    column->addSpacing(Theme::spacing());
    column->addWidget(walletsTitle);
    column->addWidget(Theme::hintLabel(tr("One wallet per coin, each with its own API key and password "
                                          "from coinremitter.com (Wallets → API). They are kept in the "
                                          "keychain and never shown again."),
        this));

    m_walletsEmpty = Theme::hintLabel(tr("No wallets yet — add one below (for example USDTTRC20)."), this);
    m_walletsEmpty->setObjectName(QStringLiteral("walletsEmpty"));
    column->addWidget(m_walletsEmpty);
    auto* list = new QWidget(this);
    list->setObjectName(QStringLiteral("walletsList"));
    m_walletsLayout = new QVBoxLayout(list);
    m_walletsLayout->setContentsMargins(0, 0, 0, 0);
    m_walletsLayout->setSpacing(0);
    column->addWidget(list);

    auto* addRow = new QHBoxLayout;
    addRow->setSpacing(Theme::spacing());
    m_addEdit = new QLineEdit(this);
    m_addEdit->setObjectName(QStringLiteral("addWalletEdit"));
    m_addEdit->setPlaceholderText(tr("Wallet coin, e.g. USDTTRC20"));
    m_addEdit->setMaxLength(20);
    m_addEdit->setAccessibleName(tr("Wallet coin to add"));
    addRow->addWidget(m_addEdit, 1);
    m_addButton = new QPushButton(Theme::icon(QStringLiteral("add")), tr("Add wallet"), this);
    m_addButton->setObjectName(QStringLiteral("addWalletButton"));
    addRow->addWidget(m_addButton);
    addRow->addStretch(1);
    column->addLayout(addRow);
    m_addMessage = new QLabel(this);
    m_addMessage->setObjectName(QStringLiteral("addWalletMessage"));
    m_addMessage->setWordWrap(true);
    setColor(m_addMessage, Theme::negative(palette()));
    m_addMessage->hide();
    column->addWidget(m_addMessage);

    const auto add = [this]() {
        if (addCoin(m_addEdit->text()))
            m_addEdit->clear();
    };
    connect(m_addButton, &QPushButton::clicked, this, add);
    connect(m_addEdit, &QLineEdit::returnPressed, this, add);
    connect(m_addEdit, &QLineEdit::textChanged, this, [this]() { showAddMessage(QString()); });

    connect(m_provider, &QComboBox::activated, this, [this](int index) {
        const Result<void> saved = m_context.settings().setValue(kProvider, m_provider->itemData(index));
        if (!saved)
            showAddMessage(saved.error().message);
        updateProviderNote();
    });
    connect(&m_context.settings(), &Settings::changed, this, [this](const QString& name) {
        if (name == kWallets)
            loadWallets();
        else if (name == kProvider)
            updateProviderNote();
    });

    loadWallets();
    updateProviderNote();
    refreshRunning();
}

QString PaymentsPanel::providerNote() const
{
    return m_providerNote->text();
}

WalletEditor* PaymentsPanel::wallet(const QString& coin) const
{
    for (WalletEditor* w : m_wallets) {
        if (w->coin() == coin)
            return w;
    }
    return nullptr;
}

QString PaymentsPanel::addMessage() const
{
    return m_addMessage->isHidden() ? QString() : m_addMessage->text();
}

void PaymentsPanel::refreshRunning()
{
    // The keys are this computer's, so the test runs here whatever the mode.
    ModeStatus::local(m_context.backend())
        .readJsonResource(QStringLiteral("config://networks"), this, [this](Result<QJsonObject> networks) {
            if (!networks)
                return;
            m_runningProvider = networks.value().value(QStringLiteral("provider")).toString();
            m_runningCoins.clear();
            for (const QJsonValue& v : networks.value().value(QStringLiteral("networks")).toArray())
                m_runningCoins.append(v.toObject().value(QStringLiteral("coin")).toString());
            m_runningKnown = true;
            updateRunning();
            updateProviderNote();
        });
}

bool PaymentsPanel::addCoin(const QString& text)
{
    const QString coin = text.trimmed().toUpper().remove(QLatin1Char('-')).remove(QLatin1Char(' '));
    if (coin.isEmpty()) {
        showAddMessage(tr("Type the coin of the wallet, as CoinRemitter names it (USDTTRC20, USDTERC20)."));
        return false;
    }
    QStringList problems;
    if (!SecretNames::isValidCoin(coin) || NetworkCatalog::fromWallets({coin}, &problems).isEmpty()) {
        showAddMessage(tr("“%1” is not a CoinRemitter wallet code: use 2 to 20 letters and digits, as "
                          "CoinRemitter names the coin (USDTTRC20, USDTERC20, BTC).")
                           .arg(text.trimmed()));
        return false;
    }
    if (m_coins.contains(coin)) {
        showAddMessage(tr("%1 is already in the list.").arg(coin));
        return false;
    }
    QStringList coins = m_coins;
    coins.append(coin);
    if (!saveWallets(coins))
        return false;
    showAddMessage(QString());
    return true;
}

void PaymentsPanel::askRemoveCoin(const QString& coin)
{
    if (m_confirm)
        return;
    m_confirm = new QMessageBox(QMessageBox::Question, tr("Remove the %1 wallet?").arg(coin),
        tr("Remove the %1 wallet?").arg(coin), QMessageBox::Cancel, this);
    m_confirm->setObjectName(QStringLiteral("removeWalletConfirmation"));
    m_confirm->setInformativeText(tr("FinAgent stops using it and deletes its API key and password from the "
                                     "keychain. Invoices made with it stay in the list."));
    QPushButton* confirm = m_confirm->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmRemoveWallet"));
    m_confirm->setDefaultButton(QMessageBox::Cancel);
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirm, &QMessageBox::buttonClicked, this, [this, confirm, coin](QAbstractButton* button) {
        if (button == confirm)
            removeCoin(coin);
    });
    m_confirm->open();
}

void PaymentsPanel::removeCoin(const QString& coin)
{
    QStringList coins = m_coins;
    if (!coins.removeAll(coin))
        return;
    if (!saveWallets(coins))
        return;
    SecretStore& store = m_context.secrets();
    for (const QString& name :
        {SecretNames::coinremitterKey(coin), SecretNames::coinremitterPassword(coin)}) {
        store.remove(name, this, [this, name](Result<void> removed) {
            if (!removed && removed.error().code != QLatin1String("secret_not_found"))
                showAddMessage(removed.error().message);
        });
    }
}

void PaymentsPanel::loadWallets()
{
    const QStringList coins = m_context.settings().list(kWallets);
    if (coins == m_coins && m_wallets.size() == coins.size())
        return;
    // Keep the editors of wallets still listed (a half-typed key stays), add and drop the others.
    for (auto it = m_wallets.begin(); it != m_wallets.end();) {
        if (!coins.contains((*it)->coin())) {
            delete *it;
            it = m_wallets.erase(it);
        } else {
            ++it;
        }
    }
    QList<WalletEditor*> ordered;
    for (const QString& coin : coins) {
        WalletEditor* w = wallet(coin);
        if (!w) {
            w = new WalletEditor(m_context.secrets(), ModeStatus::local(m_context.backend()), coin,
                m_walletsLayout->parentWidget());
            connect(w, &WalletEditor::removeRequested, this, &PaymentsPanel::askRemoveCoin);
        }
        ordered.append(w);
    }
    for (int i = 0; i < ordered.size(); ++i)
        m_walletsLayout->insertWidget(i, ordered.at(i));
    m_wallets = ordered;
    m_coins = coins;
    m_walletsEmpty->setVisible(coins.isEmpty());
    updateRunning();
    Q_EMIT walletsChanged(coins);
}

bool PaymentsPanel::saveWallets(const QStringList& coins)
{
    const Result<void> saved = m_context.settings().setValue(kWallets, coins.join(QLatin1Char(',')));
    if (!saved) {
        showAddMessage(saved.error().message);
        return false;
    }
    // Settings::changed reloads the list; a setting fixed elsewhere does not change, so say so.
    const QString note = SettingSource::overrideNote(m_context.settings(), kWallets);
    if (!note.isEmpty())
        showAddMessage(note);
    loadWallets();
    return true;
}

void PaymentsPanel::updateProviderNote()
{
    Settings& settings = m_context.settings();
    const QString configured = settings.string(kProvider).trimmed().toLower();
    const int index = m_provider->findData(configured);
    m_provider->setCurrentIndex(index < 0 ? 0 : index);

    QStringList notes;
    const QString overridden = SettingSource::overrideNote(settings, kProvider);
    m_provider->setEnabled(overridden.isEmpty());
    if (!overridden.isEmpty())
        notes << overridden;
    if (configured == QLatin1String("coinremitter"))
        notes << tr("Invoices are made on CoinRemitter with the wallets below; each needs its API key and "
                    "password.");
    else
        notes << tr("The sandbox makes real invoices in FinAgent's own database and lets you simulate "
                    "payments; no money moves and no account is needed.");
    if (m_runningKnown && !m_runningProvider.isEmpty() && m_runningProvider != configured)
        notes << tr("FinAgent is running with the %1 provider: restart it to switch.")
                     .arg(m_runningProvider == QLatin1String("sandbox") ? tr("sandbox") : tr("CoinRemitter"));
    m_providerNote->setText(notes.join(QLatin1Char(' ')));
}

void PaymentsPanel::updateRunning()
{
    for (WalletEditor* w : std::as_const(m_wallets))
        w->setRunning(m_runningProvider, !m_runningKnown || m_runningCoins.contains(w->coin()));
}

void PaymentsPanel::showAddMessage(const QString& text)
{
    m_addMessage->setText(text);
    m_addMessage->setVisible(!text.isEmpty());
}
