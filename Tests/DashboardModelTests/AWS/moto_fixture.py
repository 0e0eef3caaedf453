#!/usr/bin/env python3
"""Sets up and reads back a moto server for trotter's tests, with boto3 (independent of trotter's client).

  moto_fixture.py setup URL   Lambda simple mode, a function, bus ops-bus, a rule sending source
                              "globetrotter" to SQS queue trotter-events; prints {"queueUrl": ...}
  moto_fixture.py drain URL QUEUE_URL N   reads up to N messages (10 s at most); prints their bodies as a list
"""
import io
import json
import sys
import time
import urllib.request
import zipfile

import boto3

KW = dict(region_name="eu-west-1", aws_access_key_id="AKIDMOTO", aws_secret_access_key="moto-secret")


def setup(url):
    request = urllib.request.Request(url + "/moto-api/config", data=json.dumps({"lambda": {"use_docker": False}}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    urllib.request.urlopen(request).read()
    iam = boto3.client("iam", endpoint_url=url, **KW)
    role = iam.create_role(RoleName="trotter-test", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                 "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return event\n")
    lam = boto3.client("lambda", endpoint_url=url, **KW)
    lam.create_function(FunctionName="extract-orders", Runtime="python3.12", Role=role, Handler="index.handler",
                        Code={"ZipFile": code.getvalue()})
    events = boto3.client("events", endpoint_url=url, **KW)
    sqs = boto3.client("sqs", endpoint_url=url, **KW)
    events.create_event_bus(Name="ops-bus")
    queue = sqs.create_queue(QueueName="trotter-events")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name="all-trotter", EventBusName="ops-bus", EventPattern=json.dumps({"source": ["globetrotter"]}))
    events.put_targets(Rule="all-trotter", EventBusName="ops-bus", Targets=[{"Id": "q", "Arn": arn}])
    print(json.dumps({"queueUrl": queue}))


def drain(url, queue, n):
    sqs = boto3.client("sqs", endpoint_url=url, **KW)
    bodies, deadline = [], time.time() + 10
    while len(bodies) < n and time.time() < deadline:
        got = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        for message in got:
            bodies.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
    print(json.dumps(bodies))


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup(sys.argv[2])
    else:
        drain(sys.argv[2], sys.argv[3], int(sys.argv[4]))
