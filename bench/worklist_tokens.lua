-- wrk -s bench/worklist_tokens.lua: GET BENCH_PATH (e.g.
-- /api/v1/worklist?tab=mine) as many officers: each request carries the
-- next bearer token of the file BENCH_TOKENS_FILE (one per line), so that
-- every officer's own worklist is read in turn.
local here = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./")
local common = dofile(here .. "common.lua")
dofile(here .. "report.lua")

setup = common.setup
local requests_ = {}
local i = 0

function init(args)
  local path = os.getenv("BENCH_PATH") or "/api/v1/worklist?tab=mine"
  local file = os.getenv("BENCH_TOKENS_FILE") or error("BENCH_TOKENS_FILE is not set")
  for token in io.lines(file) do
    if token ~= "" then
      requests_[#requests_ + 1] = wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
    end
  end
  if #requests_ == 0 then error("no tokens in " .. file) end
  i = math.floor((thread_id or 0) * #requests_ / 2)
end

function request()
  i = i + 1
  return requests_[(i % #requests_) + 1]
end
