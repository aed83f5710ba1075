-- wrk script: authenticated pulls of one page of the account's log.
-- Environment: PT_BENCH_TOKEN (an access token), PT_BENCH_AFTER (the cursor
-- to pull after), PT_BENCH_LIMIT (changes per page, default 100).
local token = os.getenv("PT_BENCH_TOKEN")
local after = os.getenv("PT_BENCH_AFTER") or "0"
local limit = os.getenv("PT_BENCH_LIMIT") or "100"
assert(token, "PT_BENCH_TOKEN is not set")

wrk.method = "GET"
wrk.path = "/v1/sync/pull?after=" .. after .. "&limit=" .. limit
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"
