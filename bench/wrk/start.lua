-- StartPipelineExecution of one pipeline, a new execution per request: wrk ... -s start.lua URL -- pipeline=NAME
-- Every request has a ClientRequestToken of its own, as boto3 fills one in (the model requires it), so none is
-- answered from the idempotency cache: every one starts an execution.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "common.lua")

local prefix, count, pipeline

-- 16 random bytes per thread, as hex: tokens differ between threads and between runs against one server.
local function random_hex()
  local file = assert(io.open("/dev/urandom", "rb"))
  local bytes = file:read(16)
  file:close()
  return (bytes:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

function init(args)
  local options = common.options(args)
  assert(options.pipeline, "usage: -s start.lua URL -- pipeline=NAME")
  common.request("SageMaker.StartPipelineExecution", "")
  pipeline = common.json(options.pipeline)
  prefix = random_hex()
  count = 0
end

function request()
  count = count + 1
  local body = '{"PipelineName": ' .. pipeline .. ', "ClientRequestToken": "' .. prefix .. "-" .. count .. '"}'
  return wrk.format(nil, nil, nil, body)
end
