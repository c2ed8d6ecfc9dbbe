#!/usr/bin/python3
"""Checks content files against coachkit's JSON Schemas with an independent validator.

    schema_validate.py --npm-prefix DIR --schemas DIR PATH...

Each PATH is a pack folder (every file is checked against the schema of its kind) or a
coachkit.toml. TOML is read with Debian's Python (tomllib; dates become strings) and handed to
ajv-cli as JSON. ajv-cli is installed from npm under --npm-prefix on first use, never globally.
Prints "FILE: valid" or "FILE: invalid" followed by ajv's errors, one per line as JSON (which
name the offending key or path). Exit 0: every file is valid; 1: some file is not; 2: the
validator could not be installed or run.
"""
import argparse
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib

AJV_CLI = "ajv-cli@5.0.0"
KINDS = {  # folder of a pack -> schema
    "principles": "principle",
    "activities": "activity",
    "quotes": "quotes",
    "questions": "questions",
    "rubrics": "rubric",
    "posters": "poster",
}


def fail(message):
    print("schema_validate: " + message, file=sys.stderr)
    sys.exit(2)


def ensure_ajv(prefix):
    ajv = os.path.join(prefix, "node_modules", ".bin", "ajv")
    os.makedirs(prefix, exist_ok=True)
    # Test suites run at the same time; one installs while the others wait.
    with open(os.path.join(prefix, ".install-lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.access(ajv, os.X_OK):
            return ajv
        npm = shutil.which("npm")
        if not npm:
            fail("npm is not installed, so the schema cannot be checked with ajv; "
                 "install the test tools with: COACHKIT_TEST_TOOLS=1 tools/setup.sh")
        env = dict(os.environ, CI="true", npm_config_yes="true", npm_config_update_notifier="false")
        result = subprocess.run(
            [npm, "install", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error",
             AJV_CLI],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
            text=True, timeout=600)
        if result.returncode != 0 or not os.access(ajv, os.X_OK):
            fail(f"could not install {AJV_CLI} from npm into {prefix} "
                 f"(is the npm registry reachable?):\n{result.stdout}")
    return ajv


def files_to_check(path):
    """(schema name, file) for every content file of a pack folder, or for a project file."""
    if os.path.isfile(path):
        return [("project" if os.path.basename(path) == "coachkit.toml" else "pack", path)]
    found = [("pack", os.path.join(path, "pack.toml"))]
    for folder, schema in KINDS.items():
        directory = os.path.join(path, folder)
        if os.path.isdir(directory):
            for name in sorted(os.listdir(directory)):
                if name.endswith(".toml"):
                    found.append((schema, os.path.join(directory, name)))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--npm-prefix", required=True)
    parser.add_argument("--schemas", required=True)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    ajv = ensure_ajv(args.npm_prefix)

    by_schema = {}
    for path in args.paths:
        for schema, toml_file in files_to_check(path):
            by_schema.setdefault(schema, []).append(toml_file)

    all_valid = True
    with tempfile.TemporaryDirectory(prefix="coachkit-schema-") as scratch:
        for schema, toml_files in by_schema.items():
            # One ajv per schema: starting node costs more than validating a file.
            command = ["node", ajv, "validate", "--spec=draft7", "--all-errors", "--errors=line",
                       "-s", os.path.join(args.schemas, schema + ".schema.json")]
            toml_of = {}
            for toml_file in toml_files:
                with open(toml_file, "rb") as f:
                    data = tomllib.load(f)
                json_file = os.path.join(scratch, f"{len(toml_of)}-{schema}.json")
                with open(json_file, "w") as f:
                    json.dump(data, f, default=str)
                toml_of[json_file] = toml_file
                command += ["-d", json_file]
            result = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True, timeout=300)
            seen = set()
            current = None
            for line in result.stdout.splitlines():
                name, _, verdict = line.rpartition(" ")
                if name in toml_of and verdict in ("valid", "invalid"):
                    current = toml_of[name]
                    seen.add(name)
                    print(f"{current}: {verdict}")
                    all_valid = all_valid and verdict == "valid"
                elif line.startswith("[") and current:
                    for error in json.loads(line):
                        print(f"  {current}: {error['instancePath'] or '/'} {error['message']} "
                              f"{json.dumps(error['params'])}")
            if seen != set(toml_of):
                fail(f"ajv did not judge every file against {schema}.schema.json:\n"
                     f"{result.stdout}")
    return 0 if all_valid else 1


if __name__ == "__main__":
    sys.exit(main())
