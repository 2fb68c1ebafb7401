-- wrk -s bench/search.lua: catalog search /api/v1/procedures?q=..., rotating
-- over realistic citizen queries: without diacritics, with diacritics
-- (percent-encoded UTF-8), and with typos.
local here = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./")
local common = dofile(here .. "common.lua")
dofile(here .. "report.lua")

local queries = {
  "dang ky khai sinh",
  "đăng ký khai sinh",
  "cap giay phep kinh doanh",
  "cấp giấy phép kinh doanh",
  "ly lich tu phap",
  "lý lịch tư pháp",
  "giay phep xay dung",
  "giấy phép xây dựng",
  "lu hanh noi dia",
  "lữ hành nội địa",
  "dang ky ket hon",
  "chứng thực bản sao",
  "the huong dan vien",
  "giay phep xay dumg",      -- typo: dumg
  "cap giay phep kinh doamh", -- typo: doamh
}

setup = common.setup
local requests_ = {}
local i = 0

function init(args)
  for _, q in ipairs(queries) do
    requests_[#requests_ + 1] = wrk.format("GET", "/api/v1/procedures?q=" .. common.urlencode(q))
  end
  i = (thread_id or 0) * 7
end

function request()
  i = i + 1
  return requests_[(i % #requests_) + 1]
end
