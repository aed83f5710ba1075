#pragma once

#include "jobs/jobcontext.h"
#include "store/jobrepository.h"

namespace pt::jobs {

// One backfill: an asset's daily history over the job's range. The range is
// fetched in up to four parts of a year or more, so progress moves and a stop
// request is honoured between requests; then the whole of it is validated (marketdata's
// validateHistory) and stored with its corporate actions in one transaction,
// so a failure at any step leaves nothing written. Storing a range twice
// changes nothing.
class BackfillJob final
{
public:
    BackfillJob(const store::Job &job, const JobContext &context) : m_job(job), m_context(context) {}

    JobOutcome run() const;

private:
    const store::Job &m_job;
    const JobContext &m_context;
};

} // namespace pt::jobs
