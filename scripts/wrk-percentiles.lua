-- Prints wrk's latency percentiles in microseconds on one machine-readable line.
-- wrk's own --latency report has no p95. WRK_DELAY_MS paces each connection: it waits that long
-- after each response before its next request (wrk 4 has no fixed arrival rate).
local body_file = os.getenv("WRK_BODY_FILE")
if body_file and body_file ~= "" then
  local file = assert(io.open(body_file, "rb"))
  wrk.method = "POST"
  wrk.body = file:read("*a")
  wrk.headers["content-type"] = "application/json"
  file:close()
end

local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "")
if delay_ms then
  delay = function()
    return delay_ms
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("WRK_RESULT %d %d %d %d %d %d %d %d %d\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency:percentile(99.9), latency.max, summary.requests, summary.duration, errors))
end
