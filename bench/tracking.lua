-- wrk -s bench/tracking.lua: public tracking GET /api/v1/tracking/{code},
-- rotating over the dossier codes in the file BENCH_CODES_FILE (one per
-- line, written by `motcua bench codes`).
local here = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./")
local common = dofile(here .. "common.lua")
dofile(here .. "report.lua")

setup = common.setup
local requests_ = {}
local i = 0

function init(args)
  local path = os.getenv("BENCH_CODES_FILE") or error("BENCH_CODES_FILE is not set")
  for code in io.lines(path) do
    if code ~= "" then requests_[#requests_ + 1] = wrk.format("GET", "/api/v1/tracking/" .. code) end
  end
  if #requests_ == 0 then error("no codes in " .. path) end
  -- Threads walk the codes from different starting points.
  i = math.floor((thread_id or 0) * #requests_ / 2)
end

function request()
  i = i + 1
  return requests_[(i % #requests_) + 1]
end
