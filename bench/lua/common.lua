-- common.lua - shared by every wrk script in bench/lua.
--
-- Counts what must never be measured: responses whose status is not the
-- expected one (default 200), responses whose body lacks an expected
-- substring (set `expect` in init), and responses that say
-- `Connection: close` (keep-alive lost).  done() prints one machine-readable
-- line that bench/run.sh parses:
--
--   RESULT requests=N duration_us=N rps=F p50_us=F p99_us=F mean_us=F bad=N
--          closed=N first_bad=STATUS err_connect=N err_read=N err_write=N
--          err_timeout=N err_status=N
--
-- Each wrk thread runs its own Lua state: counters are globals in that state
-- and done() (in the main state) collects them with thread:get().

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_index", #threads)
end

thread_index = 1

-- Globals of the running thread's state.
bad, closed, first_bad = 0, 0, 0
expect_status = 200
expect = nil          -- optional substring every body must contain

function check(status, headers, body)
   local ok = status == expect_status
   if ok and expect and not string.find(body, expect, 1, true) then
      ok = false
   end
   if not ok then
      bad = bad + 1
      if first_bad == 0 then first_bad = status end
   end
   local c = headers["Connection"] or headers["connection"]
   if c and string.lower(c) == "close" then
      closed = closed + 1
   end
end

response = check

function done(summary, latency, requests)
   local nbad, nclosed, fb = 0, 0, 0
   for _, t in ipairs(threads) do
      nbad = nbad + (t:get("bad") or 0)
      nclosed = nclosed + (t:get("closed") or 0)
      local f = t:get("first_bad") or 0
      if fb == 0 and f ~= 0 then fb = f end
   end
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%.0f p99_us=%.0f mean_us=%.0f"
      .. " bad=%d closed=%d first_bad=%d err_connect=%d err_read=%d err_write=%d"
      .. " err_timeout=%d err_status=%d\n",
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50.0), latency:percentile(99.0), latency.mean,
      nbad, nclosed, fb, e.connect, e.read, e.write, e.timeout, e.status))
end
