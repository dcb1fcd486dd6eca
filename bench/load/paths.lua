-- wrk script: each thread walks the pages listed in PATHS_FILE (one path a line), starting at
-- a different place. With SESSIONS_FILE (one session id a line) every request is made as one
-- of those logged-in people in turn. THINK_MS > 0 makes each connection a person who reads
-- for about that long (uniform 0.5–1.5 × THINK_MS) before the next page.
-- done() prints one JSON line.

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  table.insert(threads, thread)
  next_id = next_id + 1
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("PATHS_FILE")) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  sessions = {}
  local sessions_file = os.getenv("SESSIONS_FILE") or ""
  if sessions_file ~= "" then
    for line in io.lines(sessions_file) do
      if line ~= "" then sessions[#sessions + 1] = line end
    end
  end
  think = tonumber(os.getenv("THINK_MS") or "0")
  math.randomseed(1000 * id + os.time())
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  if #sessions == 0 then
    return wrk.format("GET", paths[counter])
  end
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Cookie"] = "sessionid=" .. sessions[counter % #sessions + 1]
  return wrk.format("GET", paths[counter], headers)
end

function delay()
  if think > 0 then
    return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
  end
  return 0
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "errors": {"connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d}, "latency_us": {"p50": %d, "p95": %d, ' ..
    '"p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
