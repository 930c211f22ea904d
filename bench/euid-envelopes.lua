-- POSTs EUID envelopes from BENCH_ENVELOPES (one base64 envelope a line) with BENCH_AUTH ("Bearer <API key>"), each
-- envelope once: with BENCH_THREADS threads, thread t sends lines t, t + n, t + 2n, … Past the end it starts again,
-- and Keyward answers those replays 400 (wrk's "Non-2xx"): the file is made larger than a row needs.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  envelopes = {}
  for line in io.lines(os.getenv("BENCH_ENVELOPES")) do
    envelopes[#envelopes + 1] = line
  end
  step = tonumber(os.getenv("BENCH_THREADS") or "2")
  index = id
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = os.getenv("BENCH_AUTH") }
end
function request()
  local body = envelopes[index]
  index = index + step
  if index > #envelopes then
    index = id
  end
  return wrk.format("POST", nil, headers, body)
end
