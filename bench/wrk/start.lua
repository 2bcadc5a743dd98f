-- StartPipelineExecution of one pipeline, a new execution per request: wrk ... -s start.lua URL -- pipeline=NAME
-- No ClientRequestToken, so no request is answered from an idempotency cache: every one starts an execution.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "common.lua")

function init(args)
  local options = common.options(args)
  assert(options.pipeline, "usage: -s start.lua URL -- pipeline=NAME")
  common.request("SageMaker.StartPipelineExecution", '{"PipelineName": ' .. common.json(options.pipeline) .. '}')
end
