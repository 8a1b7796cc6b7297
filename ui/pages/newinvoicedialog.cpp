#include "pages/newinvoicedialog.h"

#include "backend/backend.h"
#include "core/decimal.h"
#include "theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUuid>
#include <QVBoxLayout>

namespace
{

constexpr int kMaxDescription = 200; // InvoiceService::kMaxDescriptionLength
constexpr int kMaxExpiryMinutes = 60 * 24 * 30;
constexpr int kUsdDecimals = 2;

QString newKey()
{
    return QStringLiteral("desktop-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Digits after the point as written ("10.500" has 3).
int writtenDecimals(const QString& text)
{
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    return dot < 0 ? 0 : int(text.size() - dot - 1);
}

} // namespace

NewInvoiceDialog::NewInvoiceDialog(Backend& backend, QWidget* parent)
    : QDialog(parent)
    , m_backend(backend)
    , m_key(newKey())
{
    setObjectName(QStringLiteral("newInvoiceDialog"));
    setModal(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::sectionSpacing() + 4, Theme::sectionSpacing(),
        Theme::sectionSpacing() + 4, Theme::sectionSpacing());
    layout->setSpacing(Theme::sectionSpacing());

    m_intro = Theme::hintLabel(QString(), this);
    m_intro->setObjectName(QStringLiteral("introLabel"));
    layout->addWidget(m_intro);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(Theme::sectionSpacing());
    grid->setVerticalSpacing(4);
    grid->setColumnStretch(1, 1);
    int row = 0;
    auto addLabel = [this, grid, &row](QLabel** label, QWidget* buddy) {
        *label = new QLabel(this);
        (*label)->setBuddy(buddy);
        grid->addWidget(*label, row, 0, Qt::AlignLeft | Qt::AlignVCenter);
    };

    m_amount = new QLineEdit(this);
    m_amount->setObjectName(QStringLiteral("amountEdit"));
    m_amount->setClearButtonEnabled(true);
    m_amount->setMaxLength(40);
    m_currency = new QComboBox(this);
    m_currency->setObjectName(QStringLiteral("currencyCombo"));
    m_currency->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* amountRow = new QHBoxLayout;
    amountRow->setSpacing(Theme::spacing());
    amountRow->addWidget(m_amount, 1);
    amountRow->addWidget(m_currency);
    addLabel(&m_amountLabel, m_amount);
    grid->addLayout(amountRow, row++, 1);
    m_amountError = errorLabel(QStringLiteral("amountError"));
    grid->addWidget(m_amountError, row++, 1);
    grid->setRowMinimumHeight(row++, Theme::spacing());

    m_network = new QComboBox(this);
    m_network->setObjectName(QStringLiteral("networkCombo"));
    addLabel(&m_networkLabel, m_network);
    grid->addWidget(m_network, row++, 1);
    m_networkError = errorLabel(QStringLiteral("networkError"));
    grid->addWidget(m_networkError, row++, 1);
    grid->setRowMinimumHeight(row++, Theme::spacing());

    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setClearButtonEnabled(true);
    addLabel(&m_descriptionLabel, m_description);
    grid->addWidget(m_description, row++, 1);
    auto* descriptionInfo = new QHBoxLayout;
    m_descriptionError = errorLabel(QStringLiteral("descriptionError"));
    descriptionInfo->addWidget(m_descriptionError, 1);
    m_descriptionCount = Theme::hintLabel(QString(), this);
    m_descriptionCount->setObjectName(QStringLiteral("descriptionCount"));
    m_descriptionCount->setWordWrap(false);
    descriptionInfo->addWidget(m_descriptionCount, 0, Qt::AlignRight | Qt::AlignTop);
    grid->addLayout(descriptionInfo, row++, 1);
    grid->setRowMinimumHeight(row++, Theme::spacing());

    m_expiry = new QSpinBox(this);
    m_expiry->setObjectName(QStringLiteral("expirySpin"));
    m_expiry->setRange(1, kMaxExpiryMinutes);
    m_expiry->setValue(60);
    m_expiry->setAccelerated(true);
    addLabel(&m_expiryLabel, m_expiry);
    grid->addWidget(m_expiry, row++, 1, Qt::AlignLeft);
    layout->addLayout(grid);

    m_formMessage = new QLabel(this);
    m_formMessage->setObjectName(QStringLiteral("formMessage"));
    m_formMessage->setWordWrap(true);
    m_formMessage->setTextFormat(Qt::PlainText);
    m_formMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formMessage->hide();
    layout->addWidget(m_formMessage);
    layout->addStretch(1);

    m_buttons = new QDialogButtonBox(this);
    m_create = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createButton"));
    m_create->setDefault(true);
    m_create->setEnabled(false);
    m_buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_create, &QPushButton::clicked, this, &NewInvoiceDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_amount, &QLineEdit::textEdited, this, [this]() {
        m_amountTouched = true;
        onEdited();
    });
    connect(m_currency, &QComboBox::currentIndexChanged, this, &NewInvoiceDialog::onEdited);
    connect(m_network, &QComboBox::currentIndexChanged, this, &NewInvoiceDialog::onNetworkChanged);
    connect(m_description, &QLineEdit::textChanged, this, &NewInvoiceDialog::onEdited);
    connect(m_expiry, &QSpinBox::valueChanged, this, &NewInvoiceDialog::onEdited);

    retranslate();
    setMinimumWidth(480);
    validate();
    loadNetworks();
}

QLabel* NewInvoiceDialog::errorLabel(const QString& name)
{
    auto* label = new QLabel(this);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, Theme::negative(pal));
    label->setPalette(pal);
    label->hide();
    return label;
}

void NewInvoiceDialog::retranslate()
{
    setWindowTitle(tr("New invoice"));
    m_amountLabel->setText(tr("&Amount"));
    m_networkLabel->setText(tr("&Network"));
    m_descriptionLabel->setText(tr("&Description"));
    m_expiryLabel->setText(tr("&Expires after"));
    m_amount->setPlaceholderText(tr("25.00"));
    m_amount->setAccessibleName(tr("Amount"));
    m_currency->setAccessibleName(tr("Currency"));
    m_network->setAccessibleName(tr("Network"));
    m_description->setPlaceholderText(tr("What the payment is for (shown to the payer)"));
    m_description->setAccessibleName(tr("Description"));
    m_expiry->setSuffix(tr(" min"));
    m_expiry->setAccessibleName(tr("Minutes until the invoice expires"));
    m_create->setText(tr("Create invoice"));
    const bool sandbox = m_provider == QLatin1String("sandbox");
    m_intro->setText(sandbox
            ? tr("The payer gets a payment page and an address. This is the sandbox: no real money moves, "
                 "and you can simulate the payment afterwards.")
            : tr("The payer gets a payment page and an address. Amounts in USD are converted to the coin "
                 "when the invoice is made."));
    validate();
}

void NewInvoiceDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void NewInvoiceDialog::loadNetworks()
{
    showFormMessage(tr("Loading the payment networks…"), false);
    m_backend.readJsonResource(QStringLiteral("config://networks"), this, [this](Result<QJsonObject> r) {
        if (!r) {
            showFormMessage(tr("The payment networks could not be read: %1 Close this dialog and try "
                               "again; if it keeps failing, check the Overview page.")
                                .arg(r.error().message),
                true);
            return;
        }
        const QJsonObject config = r.value();
        m_networks = config.value(QStringLiteral("networks")).toArray();
        m_provider = config.value(QStringLiteral("provider")).toString();
        m_maxAmount = config.value(QStringLiteral("max_amount")).toString();
        const int expiry = config.value(QStringLiteral("default_expiry_minutes")).toInt();
        if (expiry > 0)
            m_expiry->setValue(expiry);
        const QString previous = m_network->currentData().toString();
        m_network->blockSignals(true);
        m_network->clear();
        for (const QJsonValue& v : m_networks) {
            const QJsonObject n = v.toObject();
            m_network->addItem(
                n.value(QStringLiteral("name")).toString(), n.value(QStringLiteral("network")).toString());
        }
        const int keep = m_network->findData(previous);
        m_network->setCurrentIndex(keep >= 0 ? keep : 0);
        m_network->blockSignals(false);
        m_networksLoaded = true;
        showFormMessage(QString(), false);
        retranslate();
        onNetworkChanged();
        Q_EMIT networksReady();
    });
}

QJsonObject NewInvoiceDialog::currentNetwork() const
{
    const QString name = m_network->currentData().toString();
    for (const QJsonValue& v : m_networks) {
        if (v.toObject().value(QStringLiteral("network")).toString() == name)
            return v.toObject();
    }
    return {};
}

int NewInvoiceDialog::currencyDecimals() const
{
    const QJsonObject network = currentNetwork();
    if (m_currency->currentText() == QLatin1String("USD"))
        return network.value(QStringLiteral("usd_decimals")).toInt(kUsdDecimals);
    return network.value(QStringLiteral("decimals")).toInt(6);
}

void NewInvoiceDialog::onNetworkChanged()
{
    const QString previous = m_currency->currentText();
    m_currency->blockSignals(true);
    m_currency->clear();
    for (const QJsonValue& c : currentNetwork().value(QStringLiteral("currencies")).toArray())
        m_currency->addItem(c.toString());
    const int keep = m_currency->findText(previous);
    m_currency->setCurrentIndex(keep >= 0 ? keep : 0);
    m_currency->blockSignals(false);
    onEdited();
}

void NewInvoiceDialog::onEdited()
{
    // A changed request is a new invoice: it gets a key of its own.
    if (m_attempted && !m_creating) {
        m_key = newKey();
        m_attempted = false;
    }
    if (!m_creating && m_formMessage->isVisible() && m_networksLoaded)
        showFormMessage(QString(), false);
    validate();
}

QString NewInvoiceDialog::amountError() const
{
    return m_amountError->isVisible() ? m_amountError->text() : QString();
}

QString NewInvoiceDialog::descriptionError() const
{
    return m_descriptionError->isVisible() ? m_descriptionError->text() : QString();
}

QString NewInvoiceDialog::formMessage() const
{
    return m_formMessage->isVisible() ? m_formMessage->text() : QString();
}

bool NewInvoiceDialog::isValid() const
{
    return m_create->property("formValid").toBool();
}

void NewInvoiceDialog::validate()
{
    const QString text = m_amount->text().trimmed();
    const QString currency = m_currency->currentText();
    QString amountProblem;
    bool amountOk = false;
    if (text.isEmpty()) {
        if (m_amountTouched)
            amountProblem = tr("Enter an amount, such as 25 or 10.50.");
    } else {
        QString parseError;
        const std::optional<Decimal> value = Decimal::parse(text, &parseError);
        const int decimals = currencyDecimals();
        if (!value) {
            amountProblem = text.contains(QLatin1Char(','))
                ? tr("Write the amount with a point for decimals and no thousands separators, such as "
                     "1250.50.")
                : tr("Write the amount as a plain number, such as 25 or 10.50.");
        } else if (value->sign() <= 0) {
            amountProblem = tr("The amount must be more than 0.");
        } else if (writtenDecimals(text) > decimals) {
            amountProblem = decimals == 0 ? tr("%1 amounts are whole numbers.").arg(currency)
                : decimals == 1           ? tr("%1 amounts have at most 1 decimal.").arg(currency)
                                : tr("%1 amounts have at most %2 decimals.").arg(currency).arg(decimals);
        } else if (const std::optional<Decimal> max = Decimal::parse(m_maxAmount); max && *value > *max) {
            amountProblem = tr("The largest invoice is %1 %2. Split the payment into several invoices.")
                                .arg(m_maxAmount, currency);
        } else {
            amountOk = true;
        }
    }
    m_amountError->setText(amountProblem);
    m_amountError->setVisible(!amountProblem.isEmpty());
    m_amount->setProperty("invalid", !amountProblem.isEmpty());

    QString networkProblem;
    if (m_networksLoaded && m_networks.isEmpty())
        networkProblem = tr("No payment network is configured. Add a wallet on the Accounts page.");
    m_networkError->setText(networkProblem);
    m_networkError->setVisible(!networkProblem.isEmpty());

    const int length = int(m_description->text().trimmed().size());
    m_descriptionCount->setText(tr("%1/%2").arg(length).arg(kMaxDescription));
    QString descriptionProblem;
    if (length > kMaxDescription)
        descriptionProblem = tr("Keep the description to %1 characters (%2 too many).")
                                 .arg(kMaxDescription)
                                 .arg(length - kMaxDescription);
    m_descriptionError->setText(descriptionProblem);
    m_descriptionError->setVisible(!descriptionProblem.isEmpty());

    const bool valid = amountOk && m_networksLoaded && m_network->currentIndex() >= 0
        && networkProblem.isEmpty() && descriptionProblem.isEmpty() && !currency.isEmpty();
    m_create->setProperty("formValid", valid);
    m_create->setEnabled(valid && !m_creating);
}

void NewInvoiceDialog::setAmount(const QString& amount, const QString& currency)
{
    if (!currency.isEmpty()) {
        const int i = m_currency->findText(currency);
        if (i >= 0)
            m_currency->setCurrentIndex(i);
    }
    m_amount->setText(amount);
    m_amountTouched = true;
    onEdited();
}

void NewInvoiceDialog::setNetwork(const QString& network)
{
    const int i = m_network->findData(network);
    if (i >= 0)
        m_network->setCurrentIndex(i);
}

void NewInvoiceDialog::setBusy(bool busy)
{
    m_creating = busy;
    for (QWidget* w :
        {static_cast<QWidget*>(m_amount), static_cast<QWidget*>(m_currency), static_cast<QWidget*>(m_network),
            static_cast<QWidget*>(m_description), static_cast<QWidget*>(m_expiry)})
        w->setEnabled(!busy);
    validate();
}

void NewInvoiceDialog::showFormMessage(const QString& text, bool error)
{
    QPalette pal = palette();
    pal.setColor(QPalette::WindowText, error ? Theme::negative(pal) : Theme::muted(pal));
    m_formMessage->setPalette(pal);
    m_formMessage->setText(text);
    m_formMessage->setVisible(!text.isEmpty());
}

void NewInvoiceDialog::create()
{
    m_amountTouched = true;
    validate();
    if (m_creating || !isValid())
        return;
    QJsonObject args {
        {QStringLiteral("amount"), m_amount->text().trimmed()},
        {QStringLiteral("currency"), m_currency->currentText()},
        {QStringLiteral("network"), m_network->currentData().toString()},
        {QStringLiteral("idempotency_key"), m_key},
        {QStringLiteral("expires_in_minutes"), m_expiry->value()},
    };
    const QString description = m_description->text().trimmed();
    if (!description.isEmpty())
        args.insert(QStringLiteral("description"), description);
    m_attempted = true;
    setBusy(true);
    showFormMessage(tr("Creating the invoice…"), false);
    m_backend.callTool(QStringLiteral("create_payment"), args, this, [this](ToolOutcome out) {
        setBusy(false);
        if (!out.ok) {
            const QString message = out.error.message.isEmpty()
                ? tr("The invoice could not be created. Try again; the same request never makes a second "
                     "invoice.")
                : out.error.message;
            showFormMessage(message, true);
            Q_EMIT creationFailed(message);
            return;
        }
        showFormMessage(QString(), false);
        Q_EMIT invoiceCreated(out.structured);
        accept();
    });
}
