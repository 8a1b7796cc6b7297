#include "pages/invoicedetailpane.h"

#include "core/decimal.h"
#include "theme.h"
#include "widgets/copyfield.h"
#include "widgets/qrcodewidget.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QDesktopServices>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace
{

QString rgba(const QColor& c, double alpha)
{
    return QStringLiteral("rgba(%1, %2, %3, %4)").arg(c.red()).arg(c.green()).arg(c.blue()).arg(alpha);
}

QString countdown(qint64 ms)
{
    const qint64 s = qMax<qint64>(0, ms / 1000);
    const qint64 h = s / 3600;
    const QString mmss = QStringLiteral("%1:%2")
                             .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                             .arg(s % 60, 2, 10, QLatin1Char('0'));
    return h > 0 ? QStringLiteral("%1:%2").arg(h).arg(mmss) : mmss;
}

bool isPositive(const QString& amount)
{
    const std::optional<Decimal> d = Decimal::parse(amount);
    return d && d->sign() > 0;
}

QLabel* sectionLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    return label;
}

} // namespace

InvoiceDetailPane::InvoiceDetailPane(QWidget* parent)
    : QWidget(parent)
    , m_clock([]() { return QDateTime::currentMSecsSinceEpoch(); })
{
    setObjectName(QStringLiteral("invoiceDetailPane"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    // Only one of the two is shown, so the placeholder does not take the details' height.
    m_placeholder = Theme::hintLabel(QString(), this);
    m_placeholder->setObjectName(QStringLiteral("detailPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    outer->addWidget(m_placeholder, 1);

    auto* content = new QWidget(this);
    m_content = content;
    auto* column = new QVBoxLayout(content);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(Theme::spacing());

    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(Theme::spacing());
    m_id = valueLabel(QStringLiteral("detailId"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(font().pointSizeF());
    m_id->setFont(mono);
    titleRow->addWidget(m_id, 1);
    m_status = new QLabel(content);
    m_status->setObjectName(QStringLiteral("detailStatus"));
    titleRow->addWidget(m_status, 0, Qt::AlignRight | Qt::AlignVCenter);
    column->addLayout(titleRow);

    m_amount = valueLabel(QStringLiteral("detailAmount"));
    QFont big = m_amount->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setWeight(QFont::DemiBold);
    m_amount->setFont(big);
    column->addWidget(m_amount);
    m_amountNote = Theme::hintLabel(QString(), content);
    m_amountNote->setObjectName(QStringLiteral("detailAmountNote"));
    m_amountNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(m_amountNote);
    m_paid = valueLabel(QStringLiteral("detailPaid"));
    column->addWidget(m_paid);
    m_expiry = valueLabel(QStringLiteral("detailExpiry"));
    column->addWidget(m_expiry);

    m_facts = new QGridLayout;
    m_facts->setHorizontalSpacing(Theme::sectionSpacing());
    m_facts->setVerticalSpacing(6);
    m_facts->setColumnStretch(1, 1);
    auto fact = [this, content](int row, QLabel** label, QLabel** value, const QString& name) {
        *label = Theme::hintLabel(QString(), content);
        (*label)->setWordWrap(false);
        m_facts->addWidget(*label, row, 0, Qt::AlignLeft | Qt::AlignTop);
        *value = valueLabel(name);
        m_facts->addWidget(*value, row, 1);
    };
    fact(0, &m_networkLabel, &m_network, QStringLiteral("detailNetwork"));
    fact(1, &m_descriptionLabel, &m_description, QStringLiteral("detailDescription"));
    fact(2, &m_createdLabel, &m_created, QStringLiteral("detailCreated"));
    column->addSpacing(4);
    column->addLayout(m_facts);
    column->addSpacing(4);

    m_addressLabel = sectionLabel(content);
    column->addWidget(m_addressLabel);
    m_address = new CopyField(content);
    m_address->setObjectName(QStringLiteral("addressField"));
    m_address->lineEdit()->setFont(mono);
    column->addWidget(m_address);
    m_urlLabel = sectionLabel(content);
    column->addWidget(m_urlLabel);
    auto* urlRow = new QHBoxLayout;
    urlRow->setSpacing(4);
    m_url = new CopyField(content);
    m_url->setObjectName(QStringLiteral("paymentUrlField"));
    urlRow->addWidget(m_url, 1);
    m_open = new QPushButton(Theme::icon(QStringLiteral("open-external")), QString(), content);
    m_open->setObjectName(QStringLiteral("openPageButton"));
    connect(m_open, &QPushButton::clicked, this, &InvoiceDetailPane::openPaymentPage);
    urlRow->addWidget(m_open);
    column->addLayout(urlRow);

    column->addSpacing(Theme::spacing());
    m_qr = new QrCodeWidget(content);
    m_qr->setObjectName(QStringLiteral("qrCode"));
    m_qr->setFixedSize(196, 196);
    column->addWidget(m_qr, 0, Qt::AlignHCenter);
    auto* qrRow = new QHBoxLayout;
    qrRow->setSpacing(0);
    qrRow->addStretch(1);
    m_qrChoice = new QButtonGroup(this);
    auto choice = [content, qrRow, this](const QString& name) {
        auto* b = new QToolButton(content);
        b->setObjectName(name);
        b->setCheckable(true);
        b->setAutoRaise(true);
        m_qrChoice->addButton(b);
        qrRow->addWidget(b);
        return b;
    };
    m_qrAddress = choice(QStringLiteral("qrAddressButton"));
    m_qrPage = choice(QStringLiteral("qrPageButton"));
    m_qrAddress->setChecked(true);
    qrRow->addStretch(1);
    column->addLayout(qrRow);
    connect(m_qrAddress, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            showAddressCode(true);
    });
    connect(m_qrPage, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            showAddressCode(false);
    });
    m_qrCaption = Theme::hintLabel(QString(), content);
    m_qrCaption->setAlignment(Qt::AlignHCenter);
    column->addWidget(m_qrCaption);

    column->addSpacing(Theme::spacing());
    m_simulate = new QPushButton(content);
    m_simulate->setObjectName(QStringLiteral("simulateButton"));
    auto* menu = new QMenu(m_simulate);
    menu->setObjectName(QStringLiteral("simulateMenu"));
    m_simulate->setMenu(menu);
    column->addWidget(m_simulate, 0, Qt::AlignLeft);
    m_message = new QLabel(content);
    m_message->setObjectName(QStringLiteral("detailMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    column->addWidget(m_message);

    column->addSpacing(Theme::spacing());
    m_historyLabel = sectionLabel(content);
    column->addWidget(m_historyLabel);
    m_history = valueLabel(QStringLiteral("detailHistory"));
    m_history->setTextFormat(Qt::RichText);
    column->addWidget(m_history);
    column->addStretch(1);
    outer->addWidget(content, 1);

    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &InvoiceDetailPane::updateExpiry);

    retranslate();
    refreshView();
}

QLabel* InvoiceDetailPane::valueLabel(const QString& name)
{
    auto* label = new QLabel(this);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

void InvoiceDetailPane::retranslate()
{
    m_placeholder->setText(tr("Select an invoice to see its payment details and QR code."));
    m_networkLabel->setText(tr("Network"));
    m_descriptionLabel->setText(tr("Description"));
    m_createdLabel->setText(tr("Created"));
    m_addressLabel->setText(tr("Deposit address"));
    m_urlLabel->setText(tr("Payment page"));
    m_open->setText(tr("Open"));
    m_open->setToolTip(tr("Open the payment page in your browser"));
    m_address->lineEdit()->setAccessibleName(tr("Deposit address"));
    m_url->lineEdit()->setAccessibleName(tr("Payment page address"));
    m_qrAddress->setText(tr("Address"));
    m_qrPage->setText(tr("Payment page"));
    m_qrAddress->setToolTip(tr("Show the deposit address as QR code (for wallet apps)"));
    m_qrPage->setToolTip(tr("Show the payment page as QR code (for phone browsers)"));
    m_qr->setAccessibleName(tr("QR code"));
    m_simulate->setText(tr("Simulate payment"));
    m_simulate->setToolTip(tr("Sandbox only: play the payer. No real money moves."));
    QMenu* menu = m_simulate->menu();
    menu->clear();
    const QList<QPair<QString, QString>> outcomes {{QStringLiteral("full"), tr("Pay in full")},
        {QStringLiteral("under"), tr("Pay too little (underpaid)")},
        {QStringLiteral("over"), tr("Pay too much (overpaid)")},
        {QStringLiteral("expire"), tr("Let it expire")}};
    for (const auto& [outcome, text] : outcomes) {
        QAction* action = menu->addAction(text);
        action->setObjectName(QStringLiteral("simulate_") + outcome);
        const QString name = outcome;
        connect(action, &QAction::triggered, this, [this, name]() { simulate(name); });
    }
    m_historyLabel->setText(tr("History"));
    refreshView();
}

void InvoiceDetailPane::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::PaletteChange)
        refreshView();
    QWidget::changeEvent(event);
}

void InvoiceDetailPane::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    updateExpiry();
}

void InvoiceDetailPane::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_tick->stop();
}

void InvoiceDetailPane::setInvoice(const std::optional<InvoiceItem>& invoice)
{
    const bool other = !invoice || !m_invoice || invoice->id != m_invoice->id;
    m_invoice = invoice;
    if (other) {
        setMessage(QString(), false);
        m_addressCode = true;
        m_qrAddress->setChecked(true);
    }
    refreshView();
}

void InvoiceDetailPane::setSandbox(bool sandbox)
{
    m_sandbox = sandbox;
    refreshView();
}

void InvoiceDetailPane::setSimulating(bool simulating)
{
    m_simulating = simulating;
    refreshView();
}

void InvoiceDetailPane::setMessage(const QString& text, bool error)
{
    QPalette pal = m_message->palette();
    pal.setColor(QPalette::WindowText, error ? Theme::negative(palette()) : Theme::muted(palette()));
    m_message->setPalette(pal);
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString InvoiceDetailPane::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

QString InvoiceDetailPane::qrText() const
{
    return m_qr->text();
}

QString InvoiceDetailPane::expiryText() const
{
    return m_expiry->text();
}

void InvoiceDetailPane::simulate(const QString& outcome)
{
    if (!m_invoice || !m_sandbox || m_simulating || !m_invoice->isOpen())
        return;
    Q_EMIT simulateRequested(m_invoice->id, outcome);
}

void InvoiceDetailPane::openPaymentPage()
{
    if (!m_invoice || m_invoice->paymentUrl.isEmpty())
        return;
    const QUrl url(m_invoice->paymentUrl);
    if (!url.isValid() || !QDesktopServices::openUrl(url))
        setMessage(
            tr("The payment page could not be opened. Copy its address and open it in your browser."), true);
}

void InvoiceDetailPane::showAddressCode(bool address)
{
    m_addressCode = address;
    (address ? m_qrAddress : m_qrPage)->setChecked(true);
    updateQr();
}

void InvoiceDetailPane::refreshView()
{
    m_placeholder->setVisible(!m_invoice);
    m_content->setVisible(m_invoice.has_value());
    if (!m_invoice) {
        m_tick->stop();
        return;
    }
    const InvoiceItem& inv = *m_invoice;
    m_id->setText(inv.id);
    const QColor color = InvoiceTableModel::statusColor(inv.status, palette());
    m_status->setText(InvoiceTableModel::statusName(inv.status));
    m_status->setStyleSheet(QStringLiteral("QLabel { color: %1; background: %2; border-radius: 9px;"
                                           " padding: 2px 10px; font-weight: 600; }")
                                .arg(color.name(), rgba(color, 0.15)));
    m_status->setAccessibleName(tr("Status: %1").arg(InvoiceTableModel::statusName(inv.status)));

    const QString unit = inv.ticker.isEmpty() ? inv.currency : inv.ticker;
    const QString coin =
        inv.amountCoin.isEmpty() ? QString() : InvoiceTableModel::amountText(inv.amountCoin, unit);
    const QString usd = InvoiceTableModel::amountText(inv.amountUsd, QStringLiteral("USD"));
    m_amount->setText(coin.isEmpty() ? InvoiceTableModel::amountText(inv.amount, inv.currency) : coin);
    QStringList note;
    if (!usd.isEmpty() && !coin.isEmpty())
        note << tr("≈ %1").arg(usd);
    if (inv.currency == QLatin1String("USD") && !coin.isEmpty())
        note << tr("asked in US dollars");
    m_amountNote->setText(note.join(QStringLiteral(" · ")));
    m_amountNote->setVisible(!note.isEmpty());

    QString paid;
    const bool paidSomething = isPositive(inv.paidAmount);
    if (paidSomething) {
        paid = tr("Paid %1").arg(InvoiceTableModel::amountText(inv.paidAmount, unit));
        if (inv.isOpen() && isPositive(inv.remainingAmount))
            paid += tr(" · %1 still owed").arg(InvoiceTableModel::amountText(inv.remainingAmount, unit));
    }
    m_paid->setText(paid);
    m_paid->setVisible(!paid.isEmpty());

    m_network->setText(inv.ticker.isEmpty() ? inv.network : tr("%1 on %2").arg(inv.ticker, inv.network));
    m_description->setText(inv.description.isEmpty() ? tr("None") : inv.description);
    QString created = InvoiceTableModel::absoluteTime(inv.createdAt);
    if (!inv.client.isEmpty())
        created = tr("%1 by %2").arg(created, inv.client);
    m_created->setText(created);

    const bool hasAddress = !inv.address.isEmpty();
    m_addressLabel->setVisible(hasAddress);
    m_address->setVisible(hasAddress);
    m_address->setText(inv.address);
    const bool hasUrl = !inv.paymentUrl.isEmpty();
    m_urlLabel->setVisible(hasUrl);
    m_url->setVisible(hasUrl);
    m_url->setText(inv.paymentUrl);
    m_open->setVisible(hasUrl);
    m_qrAddress->setVisible(hasAddress && hasUrl);
    m_qrPage->setVisible(hasAddress && hasUrl);
    updateQr();

    m_simulate->setVisible(m_sandbox && inv.isOpen());
    m_simulate->setEnabled(!m_simulating);
    updateExpiry();
    updateHistory();
}

void InvoiceDetailPane::updateQr()
{
    if (!m_invoice) {
        m_qr->setText(QString());
        return;
    }
    const bool address = !m_invoice->address.isEmpty() && (m_addressCode || m_invoice->paymentUrl.isEmpty());
    m_qr->setText(address ? m_invoice->address : m_invoice->paymentUrl);
    m_qr->setVisible(!m_qr->text().isEmpty());
    m_qrCaption->setText(address ? tr("Scan with a wallet app to pay to this address.")
                                 : tr("Scan to open the payment page."));
    m_qrCaption->setVisible(!m_qr->text().isEmpty());
}

void InvoiceDetailPane::updateExpiry()
{
    if (!m_invoice) {
        m_tick->stop();
        return;
    }
    const InvoiceItem& inv = *m_invoice;
    const qint64 now = m_clock();
    QPalette pal = m_expiry->palette();
    QColor color = palette().color(QPalette::WindowText);
    QString text;
    if (inv.isOpen()) {
        const qint64 left = inv.expiresAt - now;
        if (left > 0) {
            text =
                tr("Expires in %1 (%2)").arg(countdown(left), InvoiceTableModel::absoluteTime(inv.expiresAt));
            if (left < 5 * 60 * 1000)
                color = Theme::warning(palette());
        } else {
            text = tr("Due to expire now (%1)").arg(InvoiceTableModel::absoluteTime(inv.expiresAt));
            color = Theme::warning(palette());
        }
    } else if ((inv.status == QLatin1String("paid") || inv.status == QLatin1String("overpaid"))
        && inv.paidAt) {
        text = tr("Paid at %1").arg(InvoiceTableModel::absoluteTime(*inv.paidAt));
    } else if (inv.status == QLatin1String("expired")) {
        text = tr("Expired at %1").arg(InvoiceTableModel::absoluteTime(inv.expiresAt));
        color = Theme::muted(palette());
    }
    pal.setColor(QPalette::WindowText, color);
    m_expiry->setPalette(pal);
    m_expiry->setText(text);
    m_expiry->setVisible(!text.isEmpty());
    if (inv.isOpen() && isVisible())
        m_tick->start();
    else
        m_tick->stop();
}

void InvoiceDetailPane::updateHistory()
{
    const QJsonArray events = m_invoice ? m_invoice->events : QJsonArray();
    m_historyLabel->setVisible(!events.isEmpty());
    m_history->setVisible(!events.isEmpty());
    QStringList lines;
    const QColor muted = Theme::muted(palette());
    for (const QJsonValue& v : events) {
        const QJsonObject e = v.toObject();
        const QString at = InvoiceTableModel::absoluteTime(qint64(e.value(QStringLiteral("at")).toDouble()));
        const QString to = InvoiceTableModel::statusName(e.value(QStringLiteral("to_status")).toString());
        const QString source = e.value(QStringLiteral("source")).toString();
        QString how;
        if (source == QLatin1String("create"))
            how = tr("created");
        else if (source == QLatin1String("refresh"))
            how = tr("checked with the provider");
        else if (source == QLatin1String("webhook"))
            how = tr("reported by the provider");
        else if (source == QLatin1String("simulate"))
            how = tr("simulated");
        else if (source == QLatin1String("expiry"))
            how = tr("time ran out");
        else if (source == QLatin1String("cancel"))
            how = tr("cancelled");
        else
            how = source;
        const QColor c =
            InvoiceTableModel::statusColor(e.value(QStringLiteral("to_status")).toString(), palette());
        lines << QStringLiteral(
            "<span style=\"color:%1\">%2</span>&nbsp;&nbsp;<span style=\"color:%3\">&#x25CF;</span>"
            "&nbsp;<b>%4</b>&nbsp;<span style=\"color:%1\">%5</span>")
                     .arg(
                         muted.name(), at.toHtmlEscaped(), c.name(), to.toHtmlEscaped(), how.toHtmlEscaped());
    }
    m_history->setText(lines.join(QStringLiteral("<br>")));
}
