#include "gui/transactionfilterbar.h"

#include "gui/displaytext.h"
#include "gui/transactionfilterproxymodel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace pt::gui {

namespace {

// A date edit's minimum stands for "no bound" and reads "Any".
const QDate Unbounded(1900, 1, 1);

QDateEdit *makeDateEdit(const QString &objectName, QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(objectName);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(dateFormat());
    edit->setMinimumDate(Unbounded);
    edit->setSpecialValueText(TransactionFilterBar::tr("Any"));
    edit->setDate(Unbounded);
    return edit;
}

QDate boundOf(const QDateEdit *edit)
{
    return edit->date() == Unbounded ? QDate() : edit->date();
}

} // namespace

TransactionFilterBar::TransactionFilterBar(TransactionFilterProxyModel *proxy, QWidget *parent)
    : QWidget(parent)
    , m_proxy(proxy)
    , m_type(new QComboBox(this))
    , m_asset(new QLineEdit(this))
    , m_from(makeDateEdit(QStringLiteral("fromDateEdit"), this))
    , m_to(makeDateEdit(QStringLiteral("toDateEdit"), this))
    , m_clear(new QToolButton(this))
{
    setObjectName(QStringLiteral("transactionFilterBar"));
    m_type->setObjectName(QStringLiteral("typeFilterCombo"));
    m_asset->setObjectName(QStringLiteral("assetFilterEdit"));
    m_clear->setObjectName(QStringLiteral("clearFiltersButton"));

    m_type->addItem(tr("All types"), -1);
    for (int type = int(TransactionType::Buy); type <= int(TransactionType::Transfer); ++type)
        m_type->addItem(transactionTypeLabel(TransactionType(type)), type);
    m_asset->setPlaceholderText(tr("Asset"));
    m_asset->setClearButtonEnabled(true);
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Show every transaction again"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *typeLabel = new QLabel(tr("&Type:"), this);
    typeLabel->setBuddy(m_type);
    auto *assetLabel = new QLabel(tr("A&sset:"), this);
    assetLabel->setBuddy(m_asset);
    auto *fromLabel = new QLabel(tr("F&rom:"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("T&o:"), this);
    toLabel->setBuddy(m_to);
    layout->addWidget(typeLabel);
    layout->addWidget(m_type);
    layout->addWidget(assetLabel);
    layout->addWidget(m_asset, 1);
    layout->addWidget(fromLabel);
    layout->addWidget(m_from);
    layout->addWidget(toLabel);
    layout->addWidget(m_to);
    layout->addWidget(m_clear);

    connect(m_type, &QComboBox::currentIndexChanged, this, &TransactionFilterBar::apply);
    connect(m_asset, &QLineEdit::textChanged, this, &TransactionFilterBar::apply);
    connect(m_from, &QDateEdit::dateChanged, this, &TransactionFilterBar::apply);
    connect(m_to, &QDateEdit::dateChanged, this, &TransactionFilterBar::apply);
    connect(m_clear, &QToolButton::clicked, this, &TransactionFilterBar::clear);
    apply();
}

TransactionFilterBar::~TransactionFilterBar() = default;

void TransactionFilterBar::clear()
{
    m_type->setCurrentIndex(0);
    m_asset->clear();
    m_from->setDate(Unbounded);
    m_to->setDate(Unbounded);
}

void TransactionFilterBar::apply()
{
    const int type = m_type->currentData().toInt();
    m_proxy->setTypeFilter(type < 0 ? std::nullopt : std::optional(TransactionType(type)));
    m_proxy->setAssetFilter(m_asset->text());
    m_proxy->setDateRange(boundOf(m_from), boundOf(m_to));
    m_clear->setEnabled(m_proxy->isFiltering());
}

} // namespace pt::gui
