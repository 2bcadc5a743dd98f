#!/usr/bin/env bash
# Drives `sluice serve`'s S3 endpoint with the AWS CLI: mb, cp of a file over 8 MiB (multipart) and back, an S3-to-S3
# cp of it (UploadPartCopy), ls, sync,
# s3api put-object/get-object with a range, list-objects-v2, rm and rb. Usage: awscli_s3.sh URL
set -euo pipefail
url="$1"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
s3() { aws s3 --endpoint-url "$url" "$@"; }
s3api() { aws s3api --endpoint-url "$url" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

s3 mb s3://cli-bucket >/dev/null
head -c $((9 * 1024 * 1024 + 7)) /dev/urandom > "$work/big.bin"
s3 cp "$work/big.bin" s3://cli-bucket/models/big.bin >/dev/null
etag=$(s3api head-object --bucket cli-bucket --key models/big.bin --query ETag --output text)
[[ "$etag" == *-2\" ]] || fail "a 9 MiB cp is a 2-part multipart upload: ETag $etag"
s3 cp s3://cli-bucket/models/big.bin "$work/back.bin" >/dev/null
cmp -s "$work/big.bin" "$work/back.bin" || fail "cp back gives other bytes"
s3 cp s3://cli-bucket/models/big.bin s3://cli-bucket/copies/big.bin >/dev/null
s3 cp s3://cli-bucket/copies/big.bin "$work/copy.bin" >/dev/null
cmp -s "$work/big.bin" "$work/copy.bin" || fail "an S3-to-S3 cp over 8 MiB (UploadPartCopy) gives other bytes"
s3 rm s3://cli-bucket/copies/big.bin >/dev/null

mkdir -p "$work/tree/sub"
echo one > "$work/tree/a.txt"; echo two > "$work/tree/sub/b.txt"
s3 sync "$work/tree" s3://cli-bucket/tree >/dev/null
listing=$(s3 ls s3://cli-bucket/tree/ --recursive | awk '{print $4}' | tr '\n' ' ')
[[ "$listing" == "tree/a.txt tree/sub/b.txt " ]] || fail "ls --recursive: $listing"
top=$(s3 ls s3://cli-bucket/ | awk '{print $NF}' | tr '\n' ' ')
[[ "$top" == "models/ tree/ " ]] || fail "ls: $top"

printf '0123456789' > "$work/digits"
s3api put-object --bucket cli-bucket --key digits --body "$work/digits" --content-type text/plain >/dev/null
s3api get-object --bucket cli-bucket --key digits --range bytes=2-5 "$work/range" >/dev/null
[[ "$(cat "$work/range")" == "2345" ]] || fail "ranged get-object: $(cat "$work/range")"
[[ "$(s3api list-objects-v2 --bucket cli-bucket --prefix tree/ --query 'length(Contents)')" == 2 ]] || fail "list-objects-v2"
[[ "$(s3api head-object --bucket cli-bucket --key digits --query ContentType --output text)" == text/plain ]] || fail "content type"

s3 rm s3://cli-bucket --recursive >/dev/null
s3 rb s3://cli-bucket >/dev/null
s3api head-bucket --bucket cli-bucket 2>/dev/null && fail "the bucket is still there"
[[ "$(aws sts get-caller-identity --endpoint-url "$url" --query Account --output text)" == 000000000000 ]] || fail "sts get-caller-identity"
echo "aws cli s3: all checks passed"
