-- POST a form with a fixed Authorization header: BENCH_AUTH (e.g. "Basic …") and BENCH_BODY from the environment.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "latencies.lua")
