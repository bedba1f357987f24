-- get.lua - GET one fixed path (the URL given to wrk), checking every answer.
--   wrk -s bench/lua/get.lua http://127.0.0.1:PORT/api/v1/version [-- EXPECT]
-- EXPECT (optional): a substring every response body must contain.
-- Headers given with wrk -H (e.g. Authorization) are sent as usual.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local req

function init(args)
   if args[1] and args[1] ~= "" then expect = args[1] end
   req = wrk.format()
end

function request()
   return req
end
