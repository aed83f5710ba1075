#pragma once

#include "jobs/jobcontext.h"
#include "store/jobrepository.h"

#include <QDate>

namespace pt::jobs {

// One refresh: the latest price of every tracked asset of the job's source
// (or of the job's one asset when it names one), asked in batches as large as
// a request allows. Each price is kept as its day's close (source "quote")
// and in the price cache. Assets the source does not quote are noted in the
// job's log, not an error. The ECB's refresh of all its assets first brings
// the book's exchange rates up to date (updateExchangeRates()).
class RefreshJob final
{
public:
    static constexpr int BatchSize = 50;

    RefreshJob(const store::Job &job, const JobContext &context) : m_job(job), m_context(context) {}

    // `today` is the day a quote without a time of its own counts for.
    JobOutcome run(QDate today = QDate::currentDate()) const;

private:
    const store::Job &m_job;
    const JobContext &m_context;
};

} // namespace pt::jobs
