-- Helpers for the bench/*.lua wrk scripts (loaded with dofile by path).
local M = {}

-- Directory of the script that called us ("@path/x.lua" -> "path/").
function M.dir(level)
  local source = debug.getinfo(level or 2, "S").source
  return (source:match("^@(.*/)") or "./")
end

-- Percent-encodes every byte outside the URL-safe ASCII set (UTF-8 stays
-- UTF-8, byte by byte), spaces as %20.
function M.urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

-- Each wrk thread starts at a different point of the rotation.
local next_id = 0
function M.setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

return M
