#!/usr/bin/env python3
"""Checks a real API answer against docs/openapi.yaml (OpenAPI 3.1, JSON Schema 2020-12).

Usage: check.py OPENAPI_YAML PATH_TEMPLATE STATUS < answer.json
PATH_TEMPLATE is the key under `paths:` (e.g. /api/v1/monitors/{name}/history). Exit 0 when the
answer matches the schema of that path's GET response for STATUS, 1 with the errors otherwise.
"""
import json
import sys

import jsonschema
import yaml


def main():
    spec_path, template, status = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(spec_path) as f:
        spec = yaml.safe_load(f)
    response = spec["paths"][template]["get"]["responses"][status]
    while "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].split("/")[-1]]
    schema = dict(response["content"]["application/json"]["schema"])
    # Local $refs (#/components/schemas/...) resolve against the schema's root.
    schema["components"] = spec["components"]
    jsonschema.Draft202012Validator.check_schema(schema)
    answer = json.load(sys.stdin)
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(answer), key=lambda e: list(e.path)
    )
    for error in errors[:20]:
        print(f"{template} {status}: {'/'.join(map(str, error.path))}: {error.message}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
