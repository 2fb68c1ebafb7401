-- wrk -s bench/healthz.lua: GET /healthz, the ceiling (no handler work).
local here = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./")
dofile(here .. "report.lua")
wrk.path = "/healthz"
