"""Parses Prometheus text (standard input) with the Prometheus Python client's own parser and prints every
sample as JSON: [{"family", "type", "name", "labels", "value"}] (a value that is not finite as a
string, "nan" or "inf"). A text the parser rejects exits non-zero."""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families

samples = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        samples.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels,
                        "value": s.value if math.isfinite(s.value) else str(s.value)})
json.dump(samples, sys.stdout)
