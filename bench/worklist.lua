-- wrk -s bench/worklist.lua: an officer's worklist, GET BENCH_PATH
-- (e.g. /api/v1/dossiers?limit=20 or ...&after=ID) with the bearer token
-- BENCH_TOKEN.
local here = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./")
dofile(here .. "report.lua")

wrk.path = os.getenv("BENCH_PATH") or "/api/v1/dossiers?limit=20"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN is not set"))
