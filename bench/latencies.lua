-- Loaded by the request scripts: when BENCH_LATENCIES names a file, wrk writes its latency distribution there at the
-- end, as 1 000 quantiles in microseconds (the 0.05th, 0.15th, … 99.95th percentiles), so that the bench can put the
-- slices of a row measured in turn back together into one distribution (wrk's own percentiles do not add up).
function done(summary, latency, requests)
  local path = os.getenv("BENCH_LATENCIES")
  if path then
    local out = io.open(path, "w")
    for i = 1, 1000 do
      out:write(latency:percentile(i / 10 - 0.05), "\n")
    end
    out:close()
  end
end
