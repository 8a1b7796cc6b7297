#include "pages/marketkeyspanel.h"

#include "backend/backend.h"
#include "config/settings.h"
#include "pages/modestatus.h"
#include "pages/secretentry.h"
#include "pages/settingsource.h"
#include "security/secretnames.h"
#include "theme.h"
#include "uicontext.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace
{

const QString kTier = QStringLiteral("market.coingecko_tier");

} // namespace

MarketKeysPanel::MarketKeysPanel(UiContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("marketKeysPanel"));
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(Theme::spacing());
    column->addWidget(Theme::hintLabel(tr("Binance's market data needs no key. CoinGecko (coin prices, "
                                          "search, trending) works without one at a low rate limit; a free "
                                          "demo key or a paid pro key from coingecko.com raises it."),
        this));

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::sectionSpacing());
    form->setVerticalSpacing(Theme::spacing());
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_key = new SecretEntry(
        context.secrets(), SecretNames::coingeckoKey(), tr("Paste your CoinGecko API key"), this);
    m_key->setObjectName(QStringLiteral("coingeckoKeyEntry"));
    form->addRow(tr("CoinGecko API key"), m_key);

    auto* tierColumn = new QVBoxLayout;
    tierColumn->setSpacing(4);
    m_tier = new QComboBox(this);
    m_tier->setObjectName(QStringLiteral("coingeckoTierCombo"));
    m_tier->addItem(tr("Keyless — no key, lowest rate limit"), QStringLiteral("keyless"));
    m_tier->addItem(tr("Demo — free key"), QStringLiteral("demo"));
    m_tier->addItem(tr("Pro — paid key (pro-api.coingecko.com)"), QStringLiteral("pro"));
    m_tier->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    tierColumn->addWidget(m_tier, 0, Qt::AlignLeft);
    m_tierNote = Theme::hintLabel(QString(), this);
    m_tierNote->setObjectName(QStringLiteral("coingeckoTierNote"));
    tierColumn->addWidget(m_tierNote);
    form->addRow(tr("Tier"), tierColumn);

    m_test = new QPushButton(Theme::icon(QStringLiteral("health")), tr("Test connection"), this);
    m_test->setObjectName(QStringLiteral("testCoinGecko"));
    connect(m_test, &QPushButton::clicked, this, &MarketKeysPanel::testConnection);
    m_outcome = Theme::addTestRow(form, m_test, QStringLiteral("coingeckoOutcome"));
    column->addLayout(form);

    connect(m_tier, &QComboBox::activated, this, [this](int index) {
        const Result<void> saved = m_context.settings().setValue(kTier, m_tier->itemData(index));
        if (!saved)
            showOutcome(false, saved.error().message);
        updateTier();
    });
    connect(&context.settings(), &Settings::changed, this, [this](const QString& name) {
        if (name == kTier)
            updateTier();
    });
    connect(m_key, &SecretEntry::stateChanged, this, &MarketKeysPanel::updateTier);
    updateTier();
}

QString MarketKeysPanel::testOutcome() const
{
    return m_outcome->text();
}

QString MarketKeysPanel::tierNote() const
{
    return m_tierNote->text();
}

void MarketKeysPanel::updateTier()
{
    Settings& settings = m_context.settings();
    const QString tier = settings.string(kTier).trimmed().toLower();
    const int index = m_tier->findData(tier);
    m_tier->setCurrentIndex(index < 0 ? 0 : index);
    const QString overridden = SettingSource::overrideNote(settings, kTier);
    m_tier->setEnabled(overridden.isEmpty());
    QString note = overridden;
    const bool keyless = index <= 0;
    if (!keyless && m_key->state() == SecretEntry::State::NotSet)
        note = (note.isEmpty() ? QString() : note + QLatin1Char(' '))
            + tr("This tier needs a key: until one is saved above, CoinGecko is used without a key.");
    else if (keyless && m_key->isStored())
        note = (note.isEmpty() ? QString() : note + QLatin1Char(' '))
            + tr("The stored key is not sent while the tier is Keyless: choose Demo or Pro.");
    m_tierNote->setText(note);
    m_tierNote->setVisible(!note.isEmpty());
}

void MarketKeysPanel::testConnection()
{
    if (m_testRequest)
        return;
    auto* request = new QObject(this);
    m_testRequest = request;
    m_test->setEnabled(false);
    m_outcome->setPalette(palette());
    m_outcome->setText(tr("Asking CoinGecko for the price of bitcoin…"));
    // A different set of fields each time, so the answer comes from CoinGecko with the key as it is
    // now rather than from the cache (which keeps answers for half a minute).
    const int variant = m_tests++ % 8;
    const QJsonObject args {{QStringLiteral("ids"), QJsonArray {QStringLiteral("bitcoin")}},
        {QStringLiteral("vs_currencies"), QJsonArray {QStringLiteral("usd")}},
        {QStringLiteral("include_market_cap"), (variant & 1) != 0},
        {QStringLiteral("include_24hr_vol"), (variant & 2) != 0},
        {QStringLiteral("include_24hr_change"), (variant & 4) != 0}};
    ModeStatus::local(m_context.backend())
        .callTool(QStringLiteral("get_price"), args, request, [this, request](ToolOutcome outcome) {
            request->deleteLater();
            m_test->setEnabled(true);
            showTestResult(outcome);
        });
}

void MarketKeysPanel::showTestResult(const ToolOutcome& outcome)
{
    if (!outcome.ok) {
        showOutcome(false, outcome.error.message);
        return;
    }
    const QJsonObject& s = outcome.structured;
    if (s.value(QStringLiteral("stale")).toBool()) {
        showOutcome(false,
            tr("CoinGecko did not answer: %1").arg(s.value(QStringLiteral("stale_reason")).toString()));
        return;
    }
    const qint64 ageMs = qint64(s.value(QStringLiteral("cache_age_ms")).toDouble());
    if (ageMs > 0) {
        showOutcome(false,
            tr("The answer came from the cache (%1 s old), so the key was not tried: test again in half a "
               "minute.")
                .arg(ageMs / 1000));
        return;
    }
    const QString tier = m_context.settings().string(kTier).trimmed().toLower();
    const bool withKey = m_key->isStored() && tier != QLatin1String("keyless") && !tier.isEmpty();
    showOutcome(true,
        withKey ? tr("Connected: CoinGecko accepted the %1 key.").arg(tier)
                : tr("Connected: CoinGecko answers without a key."));
}

void MarketKeysPanel::showOutcome(bool ok, const QString& sentence)
{
    Theme::showOutcome(m_outcome, ok, sentence);
    Q_EMIT tested(ok, sentence);
}
