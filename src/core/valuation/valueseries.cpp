#include "valuation/valueseries.h"

namespace pt::valuation {

int ValueSeries::indexOf(QDate date) const
{
    if (!date.isValid() || !first.isValid())
        return -1;
    const qint64 index = first.daysTo(date);
    return index >= 0 && index < qint64(size()) ? int(index) : -1;
}

} // namespace pt::valuation
