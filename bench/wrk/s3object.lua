-- PutObject or GetObject of one object, over and over, as the s3 workload's second client:
--   wrk -tN -cN ... -s s3object.lua URL -- op=put|get bucket=BUCKET size=BYTES
-- put: every request is a PUT of the same SIZE bytes to put/<thread> (each wrk thread replaces its own key; give each
-- thread one connection, -t equal to -c, as moto fails concurrent PUTs of one key with 500s); get: a
-- GET of seed/object (the server was seeded with it). The request is built once per thread, so wrk spends nothing
-- per request in Lua. The Authorization header has SigV4's shape with a placeholder signature (neither server checks
-- it; moto finds the service, s3, from its credential scope); the payload is UNSIGNED-PAYLOAD.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "common.lua")

local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  local options = common.options(args)
  assert(options.op == "put" or options.op == "get", "usage: -s s3object.lua URL -- op=put|get bucket=B size=N")
  assert(options.bucket, "bucket= is required")
  wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, "
    .. "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0"
  wrk.headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD"
  wrk.headers["x-amz-date"] = "20260101T000000Z"
  if options.op == "put" then
    local size = tonumber(options.size)
    assert(size and size > 0, "size= is required for put")
    -- 4 KiB of pseudo-random bytes, repeated: the body does not compress, and building it costs nothing measurable
    local bytes = {}
    math.randomseed(id + 1)
    for i = 1, 4096 do bytes[i] = string.char(math.random(0, 255)) end
    local block = table.concat(bytes)
    local body = string.rep(block, math.floor(size / 4096)) .. block:sub(1, size % 4096)
    wrk.method = "PUT"
    wrk.path = "/" .. options.bucket .. "/put/" .. id
    wrk.body = body
    wrk.headers["Content-Type"] = "application/octet-stream"
  else
    wrk.method = "GET"
    wrk.path = "/" .. options.bucket .. "/seed/object"
  end
end
