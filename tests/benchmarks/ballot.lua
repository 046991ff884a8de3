-- wrk script for `make bench`: one ballot per request, as a phone sends it. A fresh ballot_key,
-- a random village and six different random themes each time; the session cookie and CSRF
-- token come from the environment (fetched once by the benchmark). No device cookie, so
-- every ballot is a new phone. Counts 303s (acknowledged) per thread and prints one line.
local token = os.getenv("BENCH_CSRF")
local cookie = os.getenv("BENCH_COOKIE")
local themes = {}
for id in string.gmatch(os.getenv("BENCH_THEMES"), "%d+") do themes[#themes + 1] = id end
local villages = {"zuidhorn", "leek", "marum", "tolbert", "grootegast", "grijpskerk", "elders"}
local headers = {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie}
local threads = {}
acks, others = 0, 0

function setup(thread)
  thread:set("number", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(os.time() * 1000 + number)
end

local function uuid4()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function (c)
    return string.format("%x", c == "x" and math.random(0, 15) or math.random(8, 11))
  end))
end

function request()
  local pool = {}
  for i = 1, #themes do pool[i] = themes[i] end
  local picked = {}
  for i = 1, 6 do
    local j = math.random(i, #pool)
    pool[i], pool[j] = pool[j], pool[i]
    picked[i] = "theme=" .. pool[i]
  end
  local body = "csrf_token=" .. token .. "&ballot_key=" .. uuid4() .. "&village="
    .. villages[math.random(#villages)] .. "&" .. table.concat(picked, "&")
  return wrk.format("POST", "/v/demo", headers, body)
end

function response(status, headers, body)
  if status == 303 then acks = acks + 1 else others = others + 1 end
end

function done(summary, latency, requests)
  local a, o = 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("acks")
    o = o + thread:get("others")
  end
  local errors = summary.errors
  io.write(string.format(
    "RESULT acks=%d others=%d p50=%.3f p95=%.3f p99=%.3f socket_errors=%d\n",
    a, o, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.timeout))
end
