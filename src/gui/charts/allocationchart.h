#pragma once

#include <QChartView>
#include <QList>
#include <QString>

QT_BEGIN_NAMESPACE
class QPieSeries;
class QPieSlice;
QT_END_NAMESPACE

namespace pt::gui::charts {

// One slice of an allocation: a name, its value (a double, only drawn) with the
// exact text shown for it, and its share of the whole.
struct AllocationPart
{
    QString name;
    double value = 0;
    QString valueText; // the exact amount as the app formats money
    double weight = 0; // 0..1
};

// An allocation as a donut: one slice per part (parts that are not positive
// cannot be drawn and are left out; the caller says so), the legend naming
// each with its percentage. Hovering a slice pulls it out and shows its name,
// value and weight.
class AllocationChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AllocationChart)

public:
    static constexpr qreal HoleSize = 0.5;

    explicit AllocationChart(QWidget *parent = nullptr);
    ~AllocationChart() override;

    void setParts(QList<AllocationPart> parts);
    const QList<AllocationPart> &parts() const { return m_parts; }

    // The slices drawn, in order; each is one of parts() with a positive value.
    int sliceCount() const;
    QPieSlice *slice(int index) const;
    // The legend's text of a slice ("Stocks  62.5 %") and the tooltip of a slice.
    QString legendText(int index) const;
    QString tipText(int index) const;
    // Pulls out the slice (or none, -1) and shows its tooltip, as hovering does.
    void highlight(int index);
    int highlighted() const { return m_highlighted; }

    static QString percentText(double weight);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    QList<AllocationPart> m_parts;
    QList<int> m_partOfSlice; // index into m_parts for each slice
    QPieSeries *m_series = nullptr;
    int m_highlighted = -1;
};

} // namespace pt::gui::charts
