-- POSTs EUID envelopes from BENCH_ENVELOPES (one base64 envelope a line) with BENCH_AUTH ("Bearer <API key>"), each
-- envelope once: with BENCH_THREADS threads, thread t sends lines t, t + n, t + 2n, … Past the end it starts again,
-- and Keyward answers those replays 400 (wrk's "Non-2xx"): the file is made larger than a row needs.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  -- each thread keeps only its own lines: the envelopes of a large identity map fill hundreds of megabytes
  local step = tonumber(os.getenv("BENCH_THREADS") or "2")
  envelopes = {}
  local n = 0
  for line in io.lines(os.getenv("BENCH_ENVELOPES")) do
    if n % step == id - 1 then
      envelopes[#envelopes + 1] = line
    end
    n = n + 1
  end
  index = 1
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = os.getenv("BENCH_AUTH") }
end
function request()
  local body = envelopes[index]
  index = index + 1
  if index > #envelopes then
    index = 1
  end
  return wrk.format("POST", nil, headers, body)
end
