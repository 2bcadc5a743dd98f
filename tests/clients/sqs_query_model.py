"""Writes botocore's SQS model as the query protocol (as botocore shipped it before SQS moved to JSON) into a data
folder, so that boto3 and the AWS CLI, with AWS_DATA_PATH pointing at it, speak SQS's form-encoded query protocol:
the member and entry names of the query model (Attribute.N.Name, MessageAttribute.N.Value.StringValue,
SendMessageBatchRequestEntry.N.Id, ...) are put back on the JSON model's shapes. Usage: sqs_query_model.py FOLDER"""
import gzip
import json
import os
import sys

import botocore

# Structure members whose query names differ from their JSON names (flattened lists and maps).
MEMBER_NAMES = {
    "AttributeNames": "AttributeName", "MessageAttributeNames": "MessageAttributeName",
    "MessageSystemAttributeNames": "MessageSystemAttributeName", "Attributes": "Attribute",
    "MessageAttributes": "MessageAttribute", "MessageSystemAttributes": "MessageSystemAttribute",
    "QueueUrls": "QueueUrl", "Messages": "Message", "Failed": "BatchResultErrorEntry", "tags": "Tag", "Tags": "Tag",
    "TagKeys": "TagKey",
}
ENTRY_NAMES = {
    "SendMessageBatchRequestEntryList": "SendMessageBatchRequestEntry",
    "DeleteMessageBatchRequestEntryList": "DeleteMessageBatchRequestEntry",
    "ChangeMessageVisibilityBatchRequestEntryList": "ChangeMessageVisibilityBatchRequestEntry",
    "SendMessageBatchResultEntryList": "SendMessageBatchResultEntry",
    "DeleteMessageBatchResultEntryList": "DeleteMessageBatchResultEntry",
    "ChangeMessageVisibilityBatchResultEntryList": "ChangeMessageVisibilityBatchResultEntry",
}


def main(folder):
    source = os.path.join(os.path.dirname(botocore.__file__), "data", "sqs", "2012-11-05", "service-2.json.gz")
    with gzip.open(source, "rt", encoding="utf-8") as f:
        model = json.load(f)
    metadata = model["metadata"]
    metadata.update(protocol="query", protocols=["query"], xmlNamespace="http://queue.amazonaws.com/doc/2012-11-05/")
    for key in ("jsonVersion", "targetPrefix", "awsQueryCompatible"):
        metadata.pop(key, None)
    shapes = model["shapes"]
    for name, shape in shapes.items():
        if shape["type"] == "map":
            key_name = "Key" if "Tag" in name else "Name"
            shape["key"]["locationName"] = key_name
            shape["value"]["locationName"] = "Value"
        if shape["type"] == "list" and name in ENTRY_NAMES:
            shape["member"]["locationName"] = ENTRY_NAMES[name]
        if shape["type"] == "structure":
            for member_name, member in shape.get("members", {}).items():
                target = shapes[member["shape"]]
                if member_name == "Entries" and member["shape"] in ENTRY_NAMES:
                    member["locationName"] = ENTRY_NAMES[member["shape"]]
                elif member_name == "Successful" and member["shape"] in ENTRY_NAMES:
                    member["locationName"] = ENTRY_NAMES[member["shape"]]
                elif member_name in MEMBER_NAMES and target["type"] in ("list", "map"):
                    member["locationName"] = MEMBER_NAMES[member_name]
                    if target["type"] == "list":
                        target["member"]["locationName"] = MEMBER_NAMES[member_name]
    for name, operation in model["operations"].items():
        if "output" in operation:
            operation["output"]["resultWrapper"] = name + "Result"
    # Query errors are named by their query codes (the JSON model's x-amzn-query-error values).
    for name, code in {"QueueDoesNotExist": "AWS.SimpleQueueService.NonExistentQueue", "QueueNameExists": "QueueAlreadyExists",
                       "BatchEntryIdsNotDistinct": "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                       "EmptyBatchRequest": "AWS.SimpleQueueService.EmptyBatchRequest"}.items():
        shapes[name].setdefault("error", {})["code"] = code
    target = os.path.join(folder, "sqs", "2012-11-05")
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "service-2.json"), "w", encoding="utf-8") as f:
        json.dump(model, f)


if __name__ == "__main__":
    main(sys.argv[1])
