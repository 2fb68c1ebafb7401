-- wrk -s bench/paths.lua: GET the paths of BENCH_PATHS (separated by "|")
-- in rotation, with the bearer token BENCH_TOKEN when set.
local here = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./")
dofile(here .. "report.lua")

local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "/healthz", "[^|]+") do paths[#paths + 1] = p end
local token = os.getenv("BENCH_TOKEN")
local i = 0
request = function()
  i = i % #paths + 1
  local headers = {}
  if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", paths[i], headers)
end
