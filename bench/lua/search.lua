-- search.lua - catalog search, GET /api/v1/procedures?q=..., rotating over
-- realistic queries typed without diacritics (as most people type them on a
-- phone).  Every answer must be 200 and list at least one procedure.
--   wrk -s bench/lua/search.lua http://127.0.0.1:PORT
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

queries = {
   "dang ky ho kinh doanh",
   "chung thuc ban sao",
   "khai sinh",
   "giay phep xay dung",
   "dat dai",
   "tro cap xa hoi",
   "ket hon",
   "khai tu",
   "chung thuc chu ky",
   "cap giay chung nhan quyen su dung dat",
   "hop tac xa",
   "nguoi co cong",
   "ho tich",
   "xac nhan tinh trang hon nhan",
   "mai tang",
   "an toan thuc pham",
}

local reqs, n, i = {}, 0, 0

local function urlencode(s)
   return (string.gsub(s, "[^%w%-%._~]", function(c)
      if c == " " then return "+" end
      return string.format("%%%02X", string.byte(c))
   end))
end

function init(args)
   expect = '"procedures":[{'
   for _, q in ipairs(queries) do
      n = n + 1
      reqs[n] = wrk.format("GET", "/api/v1/procedures?q=" .. urlencode(q))
   end
   -- each thread starts at its own query (same mix in every run)
   i = ((thread_index - 1) * 7) % n
end

function request()
   i = i % n + 1
   return reqs[i]
end
