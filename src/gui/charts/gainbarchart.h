#pragma once

#include <QChartView>
#include <QColor>
#include <QList>
#include <QString>

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSet;
class QHorizontalStackedBarSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace pt::gui::charts {

// One bar: a holding's gain (a double, only drawn), the exact text shown for
// it and, for the tooltip, a line or two of detail.
struct GainBar
{
    QString label; // the holding's symbol
    double value = 0;
    QString valueText;
    QString detail;
};

// Gains per holding as horizontal bars, the first bar at the top, gains in the
// palette's positive colour and losses in its negative one. Hovering a bar
// shows its label, value and detail.
//
// Each sign is a bar set of its own in a stacked series (a bar set has one
// colour): a holding's bar is its value in one set and zero in the other.
class GainBarChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GainBarChart)

public:
    explicit GainBarChart(QWidget *parent = nullptr);
    ~GainBarChart() override;

    // `currency` titles the value axis.
    void setBars(QList<GainBar> bars, const QString &currency);
    const QList<GainBar> &bars() const { return m_bars; }

    // The colour bar `index` is drawn in (by its sign), and what hovering it shows.
    QColor barColor(int index) const;
    QString tipText(int index) const;
    QBarSet *gains() const { return m_gains; }
    QBarSet *losses() const { return m_losses; }

Q_SIGNALS:
    // Bar `index` of bars() was clicked.
    void barClicked(int index);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    QList<GainBar> m_bars;
    QString m_currency;
    QHorizontalStackedBarSeries *m_series = nullptr;
    QBarSet *m_gains = nullptr;
    QBarSet *m_losses = nullptr;
    QBarCategoryAxis *m_labels = nullptr;
    QValueAxis *m_values = nullptr;
};

} // namespace pt::gui::charts
