-- ListPipelineExecutions of one pipeline, the first page, newest first:
-- wrk ... -s list.lua URL -- pipeline=NAME [max_results=N]
-- Without max_results the request leaves MaxResults out, and the server's default page size applies.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "common.lua")

function init(args)
  local options = common.options(args)
  assert(options.pipeline, "usage: -s list.lua URL -- pipeline=NAME [max_results=N]")
  local max = options.max_results and (', "MaxResults": ' .. assert(tonumber(options.max_results))) or ""
  common.request("SageMaker.ListPipelineExecutions", '{"PipelineName": ' .. common.json(options.pipeline) .. max .. '}')
end
