#!/usr/bin/python3
"""Check docs/scenario.schema.json and the scenario files against it.

Run by ctest as:
    /usr/bin/python3 validate_scenarios.py SCHEMA_PATH SCENARIOS_DIR FIXTURES_DIR

1. SCHEMA_PATH must be a valid JSON Schema, draft 2020-12.
2. Every SCENARIOS_DIR/*.json must validate and name the schema in "$schema"
   as "../docs/scenario.schema.json". An empty (or missing) directory is fine.
3. Every FIXTURES_DIR/valid/*.json must validate; every
   FIXTURES_DIR/invalid/*.json must be rejected.

Prints one line per file and a final "N passed, M failed"; exit code 1 if any
check failed, 2 on usage errors. Needs python3-jsonschema >= 4 (Debian's
/usr/bin/python3 has it).
"""

import json
import sys
from pathlib import Path

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
SCENARIO_SCHEMA_REF = "../docs/scenario.schema.json"


class DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise DuplicateKey(f"duplicate key {key!r}")
        obj[key] = value
    return obj


def load_json(path):
    """Parse a file strictly: duplicate keys are errors, as in the C++ loader."""
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=_no_duplicates)


def json_path(error):
    """Render an error's instance location like the loader does: transitions[3].p"""
    out = ""
    for part in error.absolute_path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(root)"


def describe(error):
    return f"{json_path(error)}: {error.message}"


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, label, detail=""):
        self.passed += 1
        print(f"PASS {label}" + (f" ({detail})" if detail else ""))

    def fail(self, label, detail):
        self.failed += 1
        print(f"FAIL {label}: {detail}")


def main(argv):
    if len(argv) != 4:
        print(f"usage: {argv[0]} SCHEMA_PATH SCENARIOS_DIR FIXTURES_DIR", file=sys.stderr)
        return 2
    schema_path, scenarios_dir, fixtures_dir = (Path(a) for a in argv[1:])

    try:
        import jsonschema
        from jsonschema import Draft202012Validator
        from jsonschema.exceptions import best_match
    except ImportError as e:  # pragma: no cover - environment problem
        print(f"FAIL python3-jsonschema with draft 2020-12 support is needed: {e}")
        print("0 passed, 1 failed")
        return 1

    check = Checker()

    # 1. The schema itself.
    try:
        schema = load_json(schema_path)
        if schema.get("$schema") != DRAFT_2020_12:
            raise ValueError(f'"$schema" is {schema.get("$schema")!r}, expected {DRAFT_2020_12!r}')
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        msg = e.message if isinstance(e, jsonschema.exceptions.SchemaError) else str(e)
        check.fail(str(schema_path), f"not a valid draft 2020-12 schema: {msg}")
        print(f"{check.passed} passed, {check.failed} failed")
        return 1
    check.ok(str(schema_path), "valid draft 2020-12 schema")
    validator = Draft202012Validator(schema)

    def first_error(path):
        """None if the file parses and validates, else a one-line reason."""
        try:
            instance = load_json(path)
        except (OSError, ValueError) as e:
            return None, f"cannot parse: {e}"
        error = best_match(validator.iter_errors(instance))
        return instance, (describe(error) if error is not None else None)

    # 2. The real scenarios.
    scenarios = sorted(scenarios_dir.glob("*.json")) if scenarios_dir.is_dir() else []
    if not scenarios:
        print(f"note: no scenario files in {scenarios_dir} yet")
    for path in scenarios:
        instance, reason = first_error(path)
        if reason is None and instance.get("$schema") != SCENARIO_SCHEMA_REF:
            reason = f'"$schema" is {instance.get("$schema")!r}, expected "{SCENARIO_SCHEMA_REF}"'
        if reason is None:
            check.ok(str(path))
        else:
            check.fail(str(path), reason)

    # 3. Fixtures: valid ones must pass, invalid ones must be rejected.
    for kind in ("valid", "invalid"):
        files = sorted((fixtures_dir / kind).glob("*.json"))
        if not files:
            check.fail(str(fixtures_dir / kind), "no fixture files found")
        for path in files:
            _, reason = first_error(path)
            if kind == "valid":
                if reason is None:
                    check.ok(str(path))
                else:
                    check.fail(str(path), f"should be valid but: {reason}")
            else:
                if reason is None:
                    check.fail(str(path), "should be rejected but validates")
                else:
                    check.ok(str(path), f"rejected: {reason}")

    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
