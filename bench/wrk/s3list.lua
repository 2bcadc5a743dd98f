-- Full ListObjectsV2 listings of list/, every page in turn, as the s3 workload's second client:
--   wrk -t1 -c1 ... -s s3list.lua URL -- bucket=BUCKET
-- One connection (each page's request needs the previous page's NextContinuationToken): the first request lists from
-- the start, each answer's token (if truncated) makes the next request, and an answer without one starts the next
-- listing. Only the token is looked for in the body; the client's own cost per page is a string search.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "common.lua")

local base, token

local function escape(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  local options = common.options(args)
  assert(options.bucket, "usage: -s s3list.lua URL -- bucket=BUCKET")
  base = "/" .. options.bucket .. "?list-type=2&prefix=list%2F"
  wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, "
    .. "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0"
  wrk.headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD"
  wrk.headers["x-amz-date"] = "20260101T000000Z"
end

function request()
  local path = base
  if token then path = path .. "&continuation-token=" .. escape(token) end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  token = nil
  if status == 200 and body:find("<IsTruncated>true</IsTruncated>", 1, true) then
    token = body:match("<NextContinuationToken>([^<]+)</NextContinuationToken>")
  end
end
