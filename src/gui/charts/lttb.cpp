#include "gui/charts/lttb.h"

#include <cmath>

namespace pt::gui::charts {

QList<QPointF> largestTriangleThreeBuckets(std::span<const QPointF> points, int threshold)
{
    const qsizetype count = qsizetype(points.size());
    if (threshold < 3 || threshold >= count)
        return QList<QPointF>(points.begin(), points.end());

    QList<QPointF> sampled;
    sampled.reserve(threshold);
    sampled.append(points.front());
    // The points between the first and the last fall into threshold − 2 buckets.
    const double bucketSize = double(count - 2) / double(threshold - 2);
    qsizetype previous = 0; // the point picked in the bucket before
    for (int bucket = 0; bucket < threshold - 2; ++bucket) {
        const qsizetype begin = qsizetype(std::floor(bucket * bucketSize)) + 1;
        const qsizetype end = qsizetype(std::floor((bucket + 1) * bucketSize)) + 1;
        // The next bucket's average stands in for the point not yet picked there.
        const qsizetype nextBegin = end;
        const qsizetype nextEnd = std::min(qsizetype(std::floor((bucket + 2) * bucketSize)) + 1, count);
        double averageX = 0;
        double averageY = 0;
        for (qsizetype i = nextBegin; i < nextEnd; ++i) {
            averageX += points[std::size_t(i)].x();
            averageY += points[std::size_t(i)].y();
        }
        const double nextCount = double(std::max<qsizetype>(nextEnd - nextBegin, 1));
        averageX /= nextCount;
        averageY /= nextCount;

        const QPointF a = points[std::size_t(previous)];
        double largest = -1;
        qsizetype picked = begin;
        for (qsizetype i = begin; i < end; ++i) {
            const QPointF b = points[std::size_t(i)];
            // Twice the triangle's area; the factor does not change which is largest.
            const double area = std::abs((a.x() - averageX) * (b.y() - a.y()) - (a.x() - b.x()) * (averageY - a.y()));
            if (area > largest) {
                largest = area;
                picked = i;
            }
        }
        sampled.append(points[std::size_t(picked)]);
        previous = picked;
    }
    sampled.append(points.back());
    return sampled;
}

} // namespace pt::gui::charts
