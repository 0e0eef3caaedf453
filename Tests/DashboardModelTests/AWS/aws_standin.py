#!/usr/bin/env python3
"""A small AWS stand-in for trotter's tests: Lambda Invoke and EventBridge PutEvents on 127.0.0.1.

Every request's SigV4 signature is recomputed with botocore's signer (an implementation independent of
trotter's) and refused with 403 InvalidSignatureException when it differs. Answers can be scripted per
function (429, 5xx, function errors, ...) and per PutEvents call (entries refused), and every request is
recorded, so tests can check what went on the wire.

  aws_standin.py serve    credentials from STANDIN_ACCESS_KEY, STANDIN_SECRET, STANDIN_TOKEN (optional);
                         prints "PORT <n>", serves until killed
  aws_standin.py sign < request.json                          prints botocore's canonical request and signature

Control endpoints (unsigned): POST /_standin/script {"key": "lambda:NAME"|"events", "answers": [...]},
GET /_standin/requests, GET /_standin/events, POST /_standin/reset.
"""
import base64
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def botocore_signature(method, url, headers, body, key, secret, token, region, service, amz_date):
    """botocore's canonical request, string to sign and signature for a request as received."""
    request = AWSRequest(method=method, url=url, headers=headers, data=body)
    request.context["timestamp"] = amz_date
    auth = SigV4Auth(Credentials(key, secret, token), service, region)
    canonical = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical)
    return canonical, string_to_sign, auth.signature(string_to_sign, request)


class State:
    def __init__(self, key, secret, token):
        self.key, self.secret, self.token = key, secret, token
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.scripts = {}
        self.requests = []
        self.events = []
        self.bad_signatures = 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def json_answer(self, status, obj, headers=None):
        self.answer(status, json.dumps(obj).encode(), dict({"Content-Type": "application/json"}, **(headers or {})))

    def do_GET(self):
        st = self.state
        with st.lock:
            if self.path == "/_standin/requests":
                return self.json_answer(200, {"requests": st.requests, "badSignatures": st.bad_signatures})
            if self.path == "/_standin/events":
                return self.json_answer(200, {"events": st.events})
        self.json_answer(404, {"message": "unknown path"})

    def do_POST(self):
        st = self.state
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path.startswith("/_standin/"):
            with st.lock:
                if self.path == "/_standin/reset":
                    st.reset()
                elif self.path == "/_standin/script":
                    script = json.loads(body)
                    st.scripts.setdefault(script["key"], []).extend(script["answers"])
            return self.json_answer(200, {})
        problem = self.verify(body)
        path, _, query = self.path.partition("?")
        record = {"method": "POST", "path": path, "query": query, "body": base64.b64encode(body).decode(),
                  "headers": {k.lower(): v for k, v in self.headers.items() if k.lower() != "authorization"},
                  "signatureOK": problem is None}
        with st.lock:
            st.requests.append(record)
            if problem:
                st.bad_signatures += 1
        if problem:
            return self.json_answer(403, {"__type": "InvalidSignatureException", "message": problem},
                                    {"X-Amzn-ErrorType": "InvalidSignatureException"})
        if self.headers.get("X-Amz-Target") == "AWSEvents.PutEvents":
            return self.put_events(body)
        if path.startswith("/2015-03-31/functions/") and path.endswith("/invocations"):
            return self.invoke(unquote(path[len("/2015-03-31/functions/"):-len("/invocations")]), body)
        self.json_answer(404, {"__type": "UnknownOperationException", "message": "no such operation"})

    def verify(self, body):
        st = self.state
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("AWS4-HMAC-SHA256 "):
            return "no SigV4 Authorization header"
        fields = dict(part.strip().split("=", 1) for part in auth[len("AWS4-HMAC-SHA256 "):].split(","))
        key, day, region, service, _ = fields["Credential"].split("/")
        if key != st.key:
            return "unknown access key"
        if st.token is not None and self.headers.get("X-Amz-Security-Token") != st.token:
            return "missing or wrong X-Amz-Security-Token"
        signed = fields["SignedHeaders"].split(";")
        if "host" not in signed or "x-amz-date" not in signed:
            return "host and x-amz-date must be signed"
        headers = {name: self.headers.get(name, "") for name in signed}
        amz_date = self.headers.get("X-Amz-Date", "")
        if not amz_date.startswith(day):
            return "X-Amz-Date does not match the credential scope"
        url = "http://%s%s" % (self.headers.get("Host"), self.path)
        _, _, expected = botocore_signature("POST", url, headers, body, st.key, st.secret, st.token, region, service, amz_date)
        if expected != fields["Signature"]:
            return "The request signature we calculated does not match the signature you provided."
        return None

    def next_answer(self, key):
        with self.state.lock:
            queue = self.state.scripts.get(key) or []
            return queue.pop(0) if queue else None

    def invoke(self, function, body):
        scripted = self.next_answer("lambda:" + function)
        if scripted is not None:
            return self.answer(scripted.get("status", 200), scripted.get("body", "").encode(), scripted.get("headers", {}))
        kind = self.headers.get("X-Amz-Invocation-Type", "RequestResponse")
        if kind == "Event":
            return self.answer(202)
        self.answer(200, body, {"Content-Type": "application/json", "X-Amz-Executed-Version": "$LATEST"})

    def put_events(self, body):
        entries = json.loads(body)["Entries"]
        scripted = self.next_answer("events") or {}
        if "status" in scripted:
            return self.json_answer(scripted["status"], {"__type": scripted.get("type", "InternalException"), "message": "scripted"})
        refuse = set(scripted.get("refuse", []))
        results = []
        for index, entry in enumerate(entries):
            if index in refuse:
                results.append({"ErrorCode": "InternalFailure", "ErrorMessage": "scripted refusal"})
            else:
                with self.state.lock:
                    self.state.events.append(entry)
                    results.append({"EventId": "ev-%d" % len(self.state.events)})
        self.json_answer(200, {"FailedEntryCount": len(refuse & set(range(len(entries)))), "Entries": results},
                         {"Content-Type": "application/x-amz-json-1.1"})


def serve():
    import os
    Handler.state = State(os.environ["STANDIN_ACCESS_KEY"], os.environ["STANDIN_SECRET"], os.environ.get("STANDIN_TOKEN") or None)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


def sign():
    r = json.load(sys.stdin)
    canonical, string_to_sign, signature = botocore_signature(
        r["method"], r["url"], r["headers"], base64.b64decode(r["body"]), r["key"], r["secret"], r.get("token"),
        r["region"], r["service"], r["amzDate"])
    json.dump({"canonicalRequest": canonical, "stringToSign": string_to_sign, "signature": signature}, sys.stdout)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve()
    else:
        sign()
