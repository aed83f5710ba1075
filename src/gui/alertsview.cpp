#include "gui/alertsview.h"

#include "gui/alertsmodel.h"
#include "gui/decimalsortproxymodel.h"
#include "gui/viewsizing.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace pt::gui {

AlertsView::AlertsView(AlertsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new DecimalSortProxyModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_markRead(new QPushButton(tr("Mark all &read"), this))
{
    setObjectName(QStringLiteral("alertsView"));
    m_view->setObjectName(QStringLiteral("alertsTable"));
    m_summary->setObjectName(QStringLiteral("alertsSummaryLabel"));
    m_markRead->setObjectName(QStringLiteral("markAlertsReadButton"));

    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    makeReadOnlyTable(m_view);
    // Unread rows are bold: room for that.
    setColumnWidths(m_view, {{QLocale().toString(QDateTime(QDate(2024, 12, 28), QTime(23, 59)), QLocale::ShortFormat)
                              + QStringLiteral("MM")},
                             {QStringLiteral("Retirement account")},
                             {QStringLiteral("-100.00 %"), QStringLiteral("99,999.99")},
                             {QStringLiteral("-100.00 %"), QStringLiteral("99,999.99")}}); // the sentence stretches
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // newest first, as stored
    m_markRead->setToolTip(tr("Mark every alert in the log as read"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary);
    top->addStretch();
    top->addWidget(m_markRead);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view);

    connect(m_markRead, &QPushButton::clicked, m_model, &AlertsModel::markAllRead);
    connect(m_model, &AlertsModel::unreadCountChanged, this, &AlertsView::updateSummary);
    updateSummary(m_model->unreadCount());
}

AlertsView::~AlertsView() = default;

void AlertsView::updateSummary(int unread)
{
    if (m_model->rowCount() == 0)
        m_summary->setText(tr("No alerts yet. Portfolios alert at a 5 % loss or a 10 % gain against their cost "
                              "basis unless set otherwise ('portfolio-cli alerts thresholds')."));
    else
        m_summary->setText(unread == 1 ? tr("1 unread alert") : tr("%1 unread alerts").arg(unread));
    m_markRead->setEnabled(unread > 0);
}

} // namespace pt::gui
