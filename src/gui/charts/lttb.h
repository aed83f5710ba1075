#pragma once

#include <QList>
#include <QPointF>

#include <span>

namespace pt::gui::charts {

// Largest-Triangle-Three-Buckets (Sveinn Steinarsson, "Downsampling Time
// Series for Visual Representation", 2013): keeps `threshold` of the points,
// the first and the last always, and from each bucket between them the point
// that spans the largest triangle with its neighbours' picks, so peaks and
// troughs survive. Points must be ordered by x. With `threshold` < 3 or not
// fewer than the points, all points are returned.
QList<QPointF> largestTriangleThreeBuckets(std::span<const QPointF> points, int threshold);

} // namespace pt::gui::charts
