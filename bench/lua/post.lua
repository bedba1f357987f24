-- post.lua - POST one JSON body (read from the file given as the first
-- script argument) to the URL given to wrk, expecting 201 Created.
--   wrk -s bench/lua/post.lua -H 'Authorization: Bearer T' URL -- BODYFILE [EXPECT]
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local req

function init(args)
   local f = assert(io.open(args[1], "rb"))
   local body = f:read("*a")
   f:close()
   if args[2] and args[2] ~= "" then expect = args[2] end
   expect_status = 201
   wrk.method = "POST"
   wrk.body = body
   wrk.headers["Content-Type"] = "application/json"
   req = wrk.format()
end

function request()
   return req
end
