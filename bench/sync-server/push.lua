-- wrk script: pushes of PT_BENCH_CHANGES (default 100) ledger entries each,
-- every one new to the server: each wrk thread is a device with a UUID of its
-- own, and every change gets the next counter of that device's clock, so no
-- push is a duplicate of an earlier one. The fields are those the app sends
-- for a ledger entry (src/core/sync/syncfields.cpp). Environment:
-- PT_BENCH_PUSH_TOKENS (access tokens, comma-separated: the requests go to
-- their accounts in turn), PT_BENCH_PORTFOLIO and PT_BENCH_ASSET (UUIDs the
-- entries refer to).
local token_list = os.getenv("PT_BENCH_PUSH_TOKENS")
local changes = tonumber(os.getenv("PT_BENCH_CHANGES") or "100")
local portfolio = os.getenv("PT_BENCH_PORTFOLIO") or "00000000-0000-4000-8000-000000000001"
local asset = os.getenv("PT_BENCH_ASSET") or "00000000-0000-4000-8000-000000000002"
assert(token_list, "PT_BENCH_PUSH_TOKENS is not set")
local tokens = {}
for token in string.gmatch(token_list, "[^,]+") do
    table.insert(tokens, token)
end

local threads = {}
local started = 0

-- Runs in wrk's main Lua state, once per thread, before the thread's init():
-- gives each thread its number as the global thread_number.
function setup(thread)
    started = started + 1
    thread:set("thread_number", started)
    table.insert(threads, thread)
end

local function hex(n)
    local digits = {}
    for i = 1, n do
        digits[i] = string.format("%x", math.random(0, 15))
    end
    return table.concat(digits)
end

local function uuid()
    return hex(8) .. "-" .. hex(4) .. "-4" .. hex(3) .. "-" .. string.format("%x", math.random(8, 11)) .. hex(3)
        .. "-" .. hex(12)
end

local device, counter, wall, template_head, template_tail, headers, turn
statuses = {} -- global: done() reads it from every thread

function init(args)
    -- Seeded per thread (wrk gives every thread its own Lua state) from the
    -- system's randomness, so no two threads or runs share a device.
    local urandom = assert(io.open("/dev/urandom", "rb"))
    local a, b, c = string.byte(urandom:read(3), 1, 3)
    urandom:close()
    math.randomseed(((a * 256 + b) * 256 + c) * 64 + thread_number)
    device = uuid()
    counter = 0
    statuses = {}
    -- The stamp's wall time is now (s resolution is enough: the counter makes
    -- each stamp unique); the server refuses stamps more than 5 minutes ahead.
    wall = os.time() * 1000
    template_head = '{"kind":"transaction","uuid":"'
    template_tail = ',"deleted":false,"fields":{"portfolio":"' .. portfolio .. '","type":"buy",'
        .. '"tradeDate":"2024-01-03","asset":"' .. asset .. '","counterparty":null,"quantity":"10",'
        .. '"price":"50.25","amount":null,"fee":"1.5","splitNumerator":null,"splitDenominator":null,'
        .. '"currency":"USD","note":"bench","createdAt":' .. wall .. ',"updatedAt":' .. wall .. '}}'
    headers = {}
    for i, token in ipairs(tokens) do
        headers[i] = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
    end
    turn = thread_number -- threads start on different accounts
end

function request()
    local parts = {}
    for i = 1, changes do
        counter = counter + 1
        -- A record UUID unique per change: this device and its counter.
        local record = string.format("%s%012x", string.sub(device, 1, 24), counter)
        parts[i] = template_head .. record .. '","hlc":{"wall":' .. wall .. ',"counter":' .. counter
            .. ',"device":"' .. device .. '"}' .. template_tail
    end
    local body = '{"device":"' .. device .. '","changes":[' .. table.concat(parts, ",") .. "]}"
    turn = turn % #tokens + 1
    return wrk.format("POST", "/v1/sync/push", headers[turn], body)
end

local shown = false

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    -- The first refusal of each thread says why (a benchmark of errors is no benchmark).
    if status ~= 200 and not shown then
        shown = true
        io.stderr:write(string.format("push answered %d: %s\n", status, body))
    end
end

function done(summary, latency, requests)
    for _, thread in ipairs(threads) do
        local counts = thread:get("statuses")
        for status, count in pairs(counts) do
            io.write(string.format("thread %d: %d answers %d\n", thread:get("thread_number"), count, status))
        end
    end
end
