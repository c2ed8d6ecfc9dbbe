#!/usr/bin/env bash
# The quiz's SCORM packages as an LMS takes them: Moodle's own SCORM package check and manifest
# reader, then the SCO under scorm-again in headless Chromium with a scripted learner (the
# harness in ../shared/real-clients/scorm beside the checkout).
#   scorm_client.sh 12|2004 all-right|some-wrong|half-way SOURCE_DIR COACHKIT PACK WORK
# Exit 77 (a skip for ctest) when the harness is not there, as in a user's fresh clone.
set -u
edition=$1 learner=$2 source=$3 coachkit=$4 pack=$5 work=$6
harness="$source/../shared/real-clients/scorm/run.sh"
if [[ ! -x $harness ]]; then
  echo "SKIPPED: no SCORM harness at ../shared/real-clients/scorm/run.sh beside the checkout"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
"$coachkit" build "$pack" --out "$work/out" --only quiz --format html --seed 7 \
  --set quiz.exports=scorm$edition --set quiz.passing_score=75 >"$work/build.log" 2>&1 ||
  { cat "$work/build.log"; echo "FAILED: coachkit build"; exit 1; }
pkg=$(find "$work/out" -name "quiz-a.scorm$edition.zip")
[[ -n $pkg ]] || { echo "FAILED: no quiz-a.scorm$edition.zip"; exit 1; }
PKG=$pkg ACT=$source/tests/scorm/$learner.js WORK=$work/probe "$harness" >"$work/run.log" 2>&1
status=$?
tail -n 20 "$work/run.log"
/usr/bin/python3 - "$edition" "$learner" "$pack" "$work/probe" "$status" <<'PY'
import json, pathlib, sys, tomllib
edition, learner, pack, probe, status = sys.argv[1:6]
pack = pathlib.Path(pack)
moodle = json.loads((pathlib.Path(probe) / "moodle.json").read_text())
runtime = json.loads((pathlib.Path(probe) / "runtime.json").read_text())
bad = []
def want(what, expected, got):
    if expected != got:
        bad.append(f"{what}: expected {expected!r}, got {got!r}")
want("harness exit status", "0", status)
want("Moodle's version check", "SCORM_12" if edition == "12" else "SCORM_13", moodle.get("version_check"))
want("accepted", True, moodle.get("accepted"))
title = tomllib.loads((pack / "pack.toml").read_text())["pack"]["title"] + " quiz (version A)"
titles = [i.get("title") for i in moodle.get("items", [])]
if title not in titles:
    bad.append(f"manifest title: expected {title!r} among {titles!r}")
visit = runtime["visits"][0]
want("problems", [], visit.get("problems"))
s, final = visit["summary"], visit["final"]
calls = [c["fn"] for c in visit["calls"]]
ids = [q["id"] for f in sorted((pack / "questions").glob("*.toml"))
       for q in tomllib.loads(f.read_text()).get("question", [])]
if edition == "12":
    status_el, raw = "cmi.core.lesson_status", "cmi.core.score.raw"
    for fn in ("LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"):
        if fn not in calls: bad.append(f"no {fn} call")
else:
    status_el, raw = "cmi.success_status", "cmi.score.raw"
    for fn in ("Initialize", "SetValue", "Commit", "Terminate"):
        if fn not in calls: bad.append(f"no {fn} call")
    want("scaled passing score", "0.75", str(final.get("cmi.scaled_passing_score")))
score = float(final.get(raw) or -1)
interactions = int(final.get("cmi.interactions._count") or 0)
if learner == "all-right":
    want("status", "passed", s.get(status_el)); want("score", 100.0, score)
    want("interactions", len(ids), interactions)
elif learner == "some-wrong":
    want("status", "failed", s.get(status_el))
    if not 0 < score < 100: bad.append(f"score of a partly wrong quiz: {score}")
    results = [final.get(f"cmi.interactions.{n}.result") for n in range(interactions)]
    want("wrong interactions", 1, sum(r in ("wrong", "incorrect") for r in results))
else:
    want("status", "incomplete", s.get(status_el if edition == "12" else "cmi.completion_status"))
    want("exit", "suspend", final.get("cmi.core.exit" if edition == "12" else "cmi.exit"))
    saved = json.loads(final.get("cmi.suspend_data") or "[]")
    checked = sum(a["c"] for a in saved)
    want("questions checked in suspend_data", (len(ids) + 1) // 2, checked)
    loc = final.get("cmi.core.lesson_location" if edition == "12" else "cmi.location")
    want("location", f"q{(len(ids) + 1) // 2}", loc)
# Hostile text literal: the prompts in the SCO as the learner sees them (2004 also as the
# interactions' descriptions, cut to 250 characters).
text = "\n".join(visit.get("frames", [{}])[-1].get("text", "") if isinstance(visit.get("frames"), list) else [])
if edition == "2004" and interactions:
    d = final.get("cmi.interactions.0.description", "")
    if not d.startswith("{lang="): bad.append(f"description without a language: {d[:60]!r}")
for b in bad: print("FAILED:", b)
print(f"{learner}, SCORM {edition}: {s.get(status_el)}, score {score}, {interactions} interactions")
sys.exit(1 if bad else 0)
PY
