-- GET with a bearer token: BENCH_AUTH ("Bearer …") from the environment.
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "latencies.lua")
