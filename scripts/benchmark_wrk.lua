-- wrk script for scripts/benchmark: each thread walks the target file (one `path` or
-- `path<TAB>body` per line) from its own starting point, so a step meant once per request is
-- taken once per line across both threads.
local targets, counter, step, headers, method = {}, 0, 1, {}, os.getenv("BENCH_METHOD") or "GET"
local threads = 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(os.getenv("BENCH_TARGETS")) do
    local path, body = line:match("^([^\t]*)\t(.*)$")
    targets[#targets + 1] = { path or line, body }
  end
  for name, value in string.gmatch(os.getenv("BENCH_HEADERS") or "", '"([^"]+)":%s*"([^"]*)"') do
    headers[name] = value
  end
  counter = tonumber(offset) or 0
  step = 2
end

function request()
  local target = targets[(counter % #targets) + 1]
  counter = counter + step
  return wrk.format(method, target[1], headers, target[2])
end
