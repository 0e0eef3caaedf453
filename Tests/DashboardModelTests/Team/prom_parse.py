"""Parses a Prometheus text exposition (stdin) with prometheus_client's own parser, independent of the Swift
code that wrote it, and prints its samples as JSON: [{"family", "type", "name", "labels", "value"}].
A body the parser refuses exits 1 with the parser's message on stderr."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

text = sys.stdin.read()
try:
    out = [
        {"family": f.name, "type": f.type, "name": s.name, "labels": s.labels, "value": s.value}
        for f in text_string_to_metric_families(text)
        for s in f.samples
    ]
except Exception as error:  # the parser raises ValueError and others for malformed text
    print(f"prometheus_client refused the exposition: {error}", file=sys.stderr)
    sys.exit(1)
json.dump(out, sys.stdout)
