-- DescribePipelineExecution of one stored execution: wrk ... -s describe.lua URL -- arn=EXECUTION_ARN
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "common.lua")

function init(args)
  local options = common.options(args)
  assert(options.arn, "usage: -s describe.lua URL -- arn=EXECUTION_ARN")
  common.request("SageMaker.DescribePipelineExecution", '{"PipelineExecutionArn": ' .. common.json(options.arn) .. '}')
end
