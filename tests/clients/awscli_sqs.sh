#!/usr/bin/env bash
# Drives `sluice serve`'s SQS with the AWS CLI, in the JSON protocol of botocore's current model and in the query
# protocol (the model rewritten by sqs_query_model.py, as the CLI v2 that Debian ships and older SDKs speak it):
# create a queue with attributes, send with message attributes and a delay, receive, delete.
# Usage: awscli_sqs.sh URL
set -euo pipefail
url="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
fail() { echo "FAIL: $*"; exit 1; }
models="$(mktemp -d)"
trap 'rm -rf "$models"' EXIT
python3 "$here/sqs_query_model.py" "$models"

for protocol in json query; do
  if [[ $protocol == query ]]; then export AWS_DATA_PATH="$models"; fi
  sqs() { aws sqs --endpoint-url "$url" "$@"; }
  queue=$(sqs create-queue --queue-name "cli-$protocol" --attributes VisibilityTimeout=60 --query QueueUrl --output text)
  [[ "$queue" == */000000000000/cli-$protocol ]] || fail "$protocol create-queue: $queue"
  md5=$(sqs send-message --queue-url "$queue" --message-body "My first message." \
    --message-attributes '{"PostalCode": {"DataType": "String", "StringValue": "ABC123"}}' --query MD5OfMessageAttributes --output text)
  # SQS's published digest of this attribute (aws sqs receive-message's documented example).
  [[ "$md5" == b8e89563*e088e74f ]] || fail "$protocol send-message MD5OfMessageAttributes: $md5"
  sqs send-message --queue-url "$queue" --message-body later --delay-seconds 600 > /dev/null
  received=$(sqs receive-message --queue-url "$queue" --max-number-of-messages 10 --message-attribute-names All \
    --query 'Messages[].[Body, MessageAttributes.PostalCode.StringValue, MD5OfMessageAttributes]' --output text)
  [[ "$received" == $'My first message.\tABC123\tb8e89563a83b6381835710c1e088e74f' ]] || fail "$protocol receive-message: $received"
  handle=$(sqs receive-message --queue-url "$queue" --visibility-timeout 0 --query 'Messages[0].ReceiptHandle' --output text)
  [[ "$handle" == None ]] || fail "$protocol: a message was visible within its visibility timeout or delay"
  counts=$(sqs get-queue-attributes --queue-url "$queue" --attribute-names All \
    --query 'Attributes.[ApproximateNumberOfMessagesNotVisible, ApproximateNumberOfMessagesDelayed, VisibilityTimeout]' --output text)
  [[ "$counts" == $'1\t1\t60' ]] || fail "$protocol get-queue-attributes: $counts"
  sqs purge-queue --queue-url "$queue"
  sqs delete-queue --queue-url "$queue"
  if sqs get-queue-url --queue-name "cli-$protocol" 2> "$models/error"; then fail "$protocol: the deleted queue was found"; fi
  grep -q -e NonExistentQueue -e QueueDoesNotExist "$models/error" || fail "$protocol get-queue-url error: $(cat "$models/error")"
done
echo "aws cli sqs: all checks passed"
