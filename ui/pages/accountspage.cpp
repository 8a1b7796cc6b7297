#include "pages/accountspage.h"

#include "pages/marketkeyspanel.h"
#include "pages/paymentspanel.h"
#include "pages/remotepanel.h"
#include "security/secretstore.h"
#include "theme.h"
#include "uicontext.h"

#include <QFrame>
#include <QLabel>
#include <QVBoxLayout>

AccountsPage::AccountsPage(UiContext& context, QWidget* parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("accountsPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::sectionSpacing());

    m_keychain = new QLabel(this);
    m_keychain->setObjectName(QStringLiteral("keychainStatus"));
    m_keychain->setTextFormat(Qt::RichText);
    m_keychain->setWordWrap(true);
    m_keychain->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_keychain);

    QVBoxLayout* box = nullptr;
    QFrame* payments = Theme::card(tr("Payments"), &box, this);
    m_payments = new PaymentsPanel(context, payments);
    box->addWidget(m_payments);
    layout->addWidget(payments);

    QFrame* market = Theme::card(tr("Market data"), &box, this);
    m_market = new MarketKeysPanel(context, market);
    box->addWidget(m_market);
    layout->addWidget(market);

    QFrame* remote = Theme::card(tr("Remote FinAgent"), &box, this);
    m_remote = new RemotePanel(context, remote);
    box->addWidget(m_remote);
    layout->addWidget(remote);
    layout->addStretch(1);

    checkKeychain();
}

QIcon AccountsPage::icon() const
{
    return Theme::icon(QStringLiteral("accounts"));
}

void AccountsPage::activated()
{
    checkKeychain();
    m_payments->refreshRunning();
}

QString AccountsPage::keychainText() const
{
    return m_keychain->text();
}

void AccountsPage::checkKeychain()
{
    if (m_probing)
        return;
    m_probing = true;
    SecretStore& store = context().secrets();
    if (!m_checked)
        m_keychain->setText(Theme::statusText(
            Theme::muted(palette()), tr("Checking the keychain (%1)…").arg(store.backendName())));
    store.probe(this, [this](Result<void> probed) {
        m_probing = false;
        m_checked = true;
        const QPalette pal = palette();
        const QString backend = context().secrets().backendName();
        if (probed) {
            m_keychain->setText(Theme::statusText(Theme::positive(pal),
                tr("Keys are kept in the %1. They are never shown again, logged or written to the settings "
                   "file.")
                    .arg(backend)));
        } else {
            m_keychain->setText(Theme::statusText(
                Theme::negative(pal), tr("No keychain can be used: %1").arg(probed.error().message)));
        }
        Q_EMIT keychainChecked(probed.ok());
    });
}
