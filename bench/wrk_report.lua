-- wrk script: rotate through the paths given in WRK_PATHS (separated by spaces) and report the figures the
-- benchmark prints, including the 95th percentile, which wrk's own --latency table does not show.
local paths = {}
for p in string.gmatch(os.getenv("WRK_PATHS") or "/", "%S+") do table.insert(paths, p) end
local n = 0

request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
end
