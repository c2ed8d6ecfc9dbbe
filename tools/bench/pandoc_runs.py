#!/usr/bin/python3
"""Recorded pandoc runs, for tools/bench/compare.sh (not a test).

The recording wrapper compare.sh writes (COACHKIT_PANDOC) keeps, for every run, a folder with
  argv   the arguments after the program, each ending in a NUL byte;
  env    the environment coachkit gave it (NAME=VALUE, each ending in a NUL byte);
  stdin  what it read;
  status its exit status.

  pandoc_runs.py keep-batch RUN_DIR
      Called by the wrapper when stdin is a batch: many documents in one pandoc process, as
      coachkit-pandoc-batch.lua reads them (a placeholder document whose metadata names
      coachkit-batch-inputs, every document's JSON one after another, and coachkit-batch-list,
      per document NUL-terminated fields: its length in bytes, the file to write and its
      package identifier). Those files are temporary, so it copies them into RUN_DIR.
  pandoc_runs.py expand RECORD_DIR JOBS_DIR
      Writes one job folder per document (argv, env, stdin) to replay as its own pandoc process:
      a single-document run as it was, a batch as one run per document with the command line
      a document rendered alone gets (the batch's without --lua-filter, with the document's
      --metadata=identifier when it has one). --output goes to the job's folder. Runs that
      convert no document (the version probes) are left out. Prints the number of jobs, and
      how many of them came from batches.
"""

import json
import os
import shutil
import sys


def read_nul_list(path):
    with open(path, "rb") as f:
        data = f.read()
    return [field.decode("utf-8", "surrogateescape") for field in data.split(b"\0")[:-1]]


def write_nul_list(path, items):
    with open(path, "wb") as f:
        for item in items:
            f.write(item.encode("utf-8", "surrogateescape") + b"\0")


def stringify(value):
    """pandoc.utils.stringify of a metadata value, as far as a file name needs."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(stringify(v) for v in value)
    if isinstance(value, dict):
        kind = value.get("t")
        if kind == "Space":
            return " "
        return stringify(value.get("c", ""))
    return ""


def batch_files(stdin_path):
    """The batch's inputs and list files, or None when stdin is one document."""
    with open(stdin_path, "rb") as f:
        data = f.read()
    if b"coachkit-batch-list" not in data:
        return None
    meta = json.loads(data).get("meta", {})
    if "coachkit-batch-list" not in meta or "coachkit-batch-inputs" not in meta:
        return None
    return stringify(meta["coachkit-batch-inputs"]), stringify(meta["coachkit-batch-list"])


def keep_batch(run_dir):
    files = batch_files(os.path.join(run_dir, "stdin"))
    if files:
        shutil.copyfile(files[0], os.path.join(run_dir, "batch-inputs"))
        shutil.copyfile(files[1], os.path.join(run_dir, "batch-list"))


def without_output(argv):
    """argv without --output VALUE (and --output=VALUE), and whether it had one."""
    out, had, skip = [], False, False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--output", "-o"):
            had, skip = True, True
            continue
        if arg.startswith("--output="):
            had = True
            continue
        out.append(arg)
    return out, had


def without_filter(argv):
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--lua-filter":
            skip = True
            continue
        if arg.startswith("--lua-filter="):
            continue
        out.append(arg)
    return out


def expand(record_dir, jobs_dir):
    os.makedirs(jobs_dir, exist_ok=True)
    count = batched = 0

    def job(argv, env, stdin_bytes):
        nonlocal count
        count += 1
        folder = os.path.join(jobs_dir, "%06d" % count)
        os.makedirs(folder)
        write_nul_list(os.path.join(folder, "argv"), argv + ["--output", folder + "/out"])
        write_nul_list(os.path.join(folder, "env"), env)
        with open(os.path.join(folder, "stdin"), "wb") as f:
            f.write(stdin_bytes)

    for name in sorted(os.listdir(record_dir)):
        run = os.path.join(record_dir, name)
        if not os.path.isfile(os.path.join(run, "argv")):
            continue
        argv, had_output = without_output(read_nul_list(os.path.join(run, "argv")))
        if not had_output or "json" not in argv:
            continue  # a probe, not a document
        env = read_nul_list(os.path.join(run, "env"))
        if os.path.exists(os.path.join(run, "batch-list")):
            single = without_filter(argv)
            with open(os.path.join(run, "batch-inputs"), "rb") as f:
                inputs = f.read()
            fields = read_nul_list(os.path.join(run, "batch-list"))
            offset = 0
            for i in range(0, len(fields) - 2, 3):
                length, identifier = int(fields[i]), fields[i + 2]
                extra = ["--metadata=identifier:" + identifier] if identifier else []
                job(single + extra, env, inputs[offset:offset + length])
                offset += length
                batched += 1
        else:
            with open(os.path.join(run, "stdin"), "rb") as f:
                job(argv, env, f.read())
    print(count, batched)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "keep-batch":
        keep_batch(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "expand":
        expand(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
