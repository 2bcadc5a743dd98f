-- Shared by the request scripts here: each one is `wrk ... -s OP.lua URL -- name=value ...` and sends one fixed
-- POST, over and over, as boto3 would send it (AWS JSON 1.1).
local M = {}

-- The script arguments after `--`, as a table: `arn=arn:aws:...` gives options.arn. An empty value counts as absent.
function M.options(args)
  local options = {}
  for _, arg in ipairs(args) do
    local name, value = arg:match("^([%w_]+)=(.*)$")
    assert(name, "expected name=value, got " .. arg)
    if value ~= "" then options[name] = value end
  end
  return options
end

-- Makes every request a POST of `body` to operation `target` (e.g. SageMaker.DescribePipelineExecution). The
-- Authorization header has the shape of a SigV4 signature with a placeholder signature: neither server checks it,
-- and moto's server finds the service (sagemaker) from its credential scope.
function M.request(target, body)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
  wrk.headers["X-Amz-Target"] = target
  wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sagemaker/aws4_request, "
    .. "SignedHeaders=content-type;host;x-amz-target, Signature=0"
  wrk.body = body
end

-- A JSON string literal (the values here are names and ARNs: no control characters).
function M.json(text)
  return '"' .. text:gsub('[\\"]', '\\%0') .. '"'
end

return M
