-- oltp_timed.lua: sysbench's own oltp_read_write workload, unchanged, with one line per
-- transaction written to $OSC_BENCH_LOG/lat.THREAD: start (microseconds since the epoch),
-- latency in microseconds, 1 when the transaction failed (0 when it committed) and the
-- server's error number (0: none; -1: not a server error). The
-- benchmark (tests/bench/osc/run.sh) takes percentiles over exactly the window in which a
-- migration ran. Run with --mysql-ignore-errors=all so that a failed transaction is counted
-- and the load goes on.
require("oltp_read_write")

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]]
local tspec = ffi.new("bench_timespec")
local function now_us()
   ffi.C.clock_gettime(0, tspec) -- CLOCK_REALTIME, comparable with date +%s%N
   return tonumber(tspec.tv_sec) * 1000000 + math.floor(tonumber(tspec.tv_nsec) / 1000)
end

local workload_event = event
local workload_thread_init = thread_init
local log

function thread_init()
   workload_thread_init()
   local dir = assert(os.getenv("OSC_BENCH_LOG"), "OSC_BENCH_LOG is not set")
   log = assert(io.open(dir .. "/lat." .. sysbench.tid, "w"))
   log:setvbuf("line")
end

function event()
   local t0 = now_us()
   local ok, err = pcall(workload_event)
   local t1 = now_us()
   local errno = 0
   if not ok then
      errno = type(err) == "table" and tonumber(err.sql_errno) or -1
   end
   log:write(string.format("%.0f %.0f %d %d\n", t0, t1 - t0, ok and 0 or 1, errno or -1))
   if not ok then
      error(err, 0) -- sysbench decides: restart the event (ignored error) or stop
   end
end
