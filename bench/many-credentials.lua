-- client_credentials grants, each request with a credential picked at random from BENCH_CREDENTIALS
-- (one base64 "clientId:secret" a line), so the token endpoint looks credentials up across a large table.
local credentials = {}
for line in io.lines(os.getenv("BENCH_CREDENTIALS")) do
  credentials[#credentials + 1] = "Basic " .. line
end
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
request = function()
  headers["Authorization"] = credentials[math.random(#credentials)]
  return wrk.format("POST", nil, headers, "grant_type=client_credentials")
end
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "latencies.lua")
