-- wrk script: logins (argon2id on the server) of one account.
-- Environment: PT_BENCH_EMAIL, PT_BENCH_PASSWORD.
local email = os.getenv("PT_BENCH_EMAIL")
local password = os.getenv("PT_BENCH_PASSWORD")
assert(email and password, "PT_BENCH_EMAIL and PT_BENCH_PASSWORD must be set")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"' .. email .. '","password":"' .. password .. '","deviceName":"wrk"}'
