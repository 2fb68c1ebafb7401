-- wrk -s bench/detail.lua: procedure detail, rotating over the synthetic
-- codes 9.000001 .. 9.{BENCH_PROCEDURES}. The path prefix is
-- BENCH_DETAIL_PREFIX (default /api/v1/procedures/; /thu-tuc/ for the page).
local here = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./")
local common = dofile(here .. "common.lua")
dofile(here .. "report.lua")

local prefix = os.getenv("BENCH_DETAIL_PREFIX") or "/api/v1/procedures/"
local count = tonumber(os.getenv("BENCH_PROCEDURES") or "6000")

setup = common.setup
local requests_ = {}
local i = 0

function init(args)
  for n = 1, count do
    requests_[n] = wrk.format("GET", prefix .. string.format("9.%06d", n))
  end
  -- Threads walk the codes from different starting points.
  i = math.floor((thread_id or 0) * count / 2)
end

function request()
  i = i + 1
  return requests_[(i % count) + 1]
end
