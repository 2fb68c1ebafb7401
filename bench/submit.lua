-- wrk -s bench/submit.lua: online submissions, POST /api/v1/dossiers as a
-- citizen (bearer token BENCH_TOKEN): multipart/form-data with the JSON part
-- "dossier" {"procedure_code": BENCH_PROCEDURE} and one file part
-- "component_<BENCH_COMPONENT>" of BENCH_ATTACHMENT_BYTES (200 KB): "%PDF-"
-- so that type detection passes, a first line unique to the request (the
-- file store is content-addressed: equal files would be stored once), then
-- random bytes.
--
-- Besides the BENCH_RESULT line (report.lua) it prints
--   BENCH_CREATED created=N statuses=CODE:COUNT,...
-- counting the responses by status over all threads, so the runner can
-- compare 201s with the rows actually stored.
local here = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./")
dofile(here .. "report.lua")
local report_done = done

local threads = {}
local next_id = 0
function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  threads[#threads + 1] = thread
end

local boundary = "----motcuaBench7f3a9c2e5d1b4a60"
local prefix, suffix, headers
local blob
local counter = 0
local nonce = os.getenv("BENCH_NONCE") or "0"
statuses = {}

function init(args)
  local procedure = os.getenv("BENCH_PROCEDURE") or "2.000815"
  local component = os.getenv("BENCH_COMPONENT") or "0"
  local size = tonumber(os.getenv("BENCH_ATTACHMENT_BYTES") or "204800")
  math.randomseed((tonumber(nonce) or 0) + (thread_id or 0) * 7919)
  -- Random bytes, built once per thread in 256-byte chunks.
  local chunks, chunk = {}, {}
  for n = 1, size, 256 do
    for k = 1, 256 do chunk[k] = math.random(0, 255) end
    chunks[#chunks + 1] = string.char(unpack(chunk))
  end
  blob = table.concat(chunks):sub(1, size - 64)  -- leave room for the first line
  prefix = "--" .. boundary .. "\r\n" ..
           "Content-Disposition: form-data; name=\"dossier\"\r\n" ..
           "Content-Type: application/json\r\n\r\n" ..
           "{\"procedure_code\":\"" .. procedure .. "\"}\r\n" ..
           "--" .. boundary .. "\r\n" ..
           "Content-Disposition: form-data; name=\"component_" .. component .. "\"; filename=\"ban-chinh.pdf\"\r\n" ..
           "Content-Type: application/pdf\r\n\r\n"
  suffix = "\r\n--" .. boundary .. "--\r\n"
  headers = {
    ["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN is not set")),
    ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
  }
end

function request()
  counter = counter + 1
  -- 64 bytes: "%PDF-1.7", then a comment line naming run, thread and request.
  local head = string.format("%%PDF-1.7\n%% motcua bench %s %d %d", nonce, thread_id or 0, counter)
  head = head .. string.rep(" ", 63 - #head) .. "\n"
  return wrk.format("POST", "/api/v1/dossiers", headers, prefix .. head .. blob .. suffix)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  report_done(summary, latency, requests)
  local totals = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for code, n in pairs(s) do totals[code] = (totals[code] or 0) + n end
  end
  local parts, created = {}, totals[201] or 0
  for code, n in pairs(totals) do parts[#parts + 1] = code .. ":" .. n end
  table.sort(parts)
  io.write(string.format("BENCH_CREATED created=%d statuses=%s\n", created, table.concat(parts, ",")))
end
