#!/usr/bin/env bash
# Imports a pack's quizzes with a learning platform's own import code (the harnesses beside the
# checkout, in ../shared/real-clients) and requires an exact match with the pack's TOML.
#   real_client.sh moodle|canvas SOURCE_DIR COACHKIT PACK WORK
# Exit 77 (a skip for ctest) when the harnesses are not there, as in a user's fresh clone.
set -u
client=$1 source=$2 coachkit=$3 pack=$4 work=$5
harness="$source/../shared/real-clients/$client/run.sh"
if [[ ! -x $harness ]]; then
  echo "SKIPPED: no $client harness at ../shared/real-clients/$client/run.sh beside the checkout"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
case $client in
  moodle)
    # Exit 0 only when Moodle reads every question as authored; notes are documented limits.
    COACHKIT=$coachkit PACK=$pack WORK=$work "$harness" || exit 1
    # Every authored question is in every file: in the Moodle XML always, in GIFT unless the
    # build said why it left it out (the harness compares only what the files hold).
    /usr/bin/python3 - "$pack" "$work" <<'PY' || exit 1
import pathlib, re, sys, tomllib
pack, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
pid = tomllib.loads((pack / "pack.toml").read_text())["pack"]["id"]
ids = [q["id"] for f in sorted((pack / "questions").glob("*.toml"))
       for q in tomllib.loads(f.read_text()).get("question", [])]
log = (work / "build.log").read_text()
files = sorted((work / "out" / pid / "quiz").glob("quiz-*.gift")) + \
        sorted((work / "out" / pid / "quiz").glob("quiz-*.moodle.xml"))
bad = 0
for f in files:
    text = f.read_text()
    version = re.search(r"quiz-([a-z]+)\.", f.name).group(1).upper()
    for i in ids:
        if f.suffix == ".gift":
            if "::" + i + "::" in text:
                continue
            if f"version {version}: question '{i}' is left out of the GIFT file" in log:
                continue
        elif "<name><text>" + i + "</text></name>" in text:
            continue
        print(f"FAILED: {f.name} does not hold question '{i}'")
        bad += 1
print(f"{len(ids)} authored questions in each of {len(files)} files" if not bad else "")
sys.exit(1 if bad else 0)
PY
    ;;
  canvas)
    CK=$coachkit PACK=$pack WORK=$work "$harness" >"$work/run.log" 2>&1
    cat "$work/run.log"
    grep -q "^0 validation failures" "$work/run.log" || { echo "FAILED: XML validation"; exit 1; }
    if grep -q "importer errors: [^n]" "$work/run.log"; then echo "FAILED: importer errors"; exit 1; fi
    grep -q "^== .*json" "$work/run.log" || { echo "FAILED: nothing imported"; exit 1; }
    # Classic Canvas quizzes keep only right (100) and wrong (0) per choice: authored weights
    # are a limit coachkit warns about (docs/quizzes.md), every other mismatch fails.
    # Canvas's converter also runs CGI.unescapeHTML on a matching answer's "right" copy (the
    # drop-down shows the text as written): a right side holding "&amp;" or "&lt;" is a limit
    # docs/quizzes.md states, and only when Canvas's copy is exactly the unescaped text.
    bad=$(cat "$work"/compare-*.txt | grep MISMATCH | /usr/bin/python3 -c '
import json, re, sys
def unescape(s):  # what Ruby CGI.unescapeHTML decodes
    named = {"amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": chr(39)}
    def one(m):
        e = m.group(1)
        if e in named: return named[e]
        if e[:2] in ("#x", "#X"): return chr(int(e[2:], 16))
        if e[:1] == "#": return chr(int(e[1:]))
        return m.group(0)
    return re.sub(r"&(amp|lt|gt|quot|apos|#[0-9]+|#[xX][0-9a-fA-F]+);", one, s)
for line in sys.stdin:
    m = json.loads(line.split("MISMATCH", 1)[1])
    if m["what"] == "authored choice weights":
        continue
    if (m["what"].startswith("answer.right for") and m["converted"] != m["authored"]
            and m["converted"] == unescape(m["authored"])):
        continue
    print(line.rstrip())
')
    if [[ -n $bad ]]; then
      echo "FAILED: Canvas does not import these as authored:"
      echo "$bad"
      exit 1
    fi
    # Every kind read as many times as the TOML has it.
    short=$(cat "$work"/compare-*.txt | grep -oE "read +[0-9]+ \(TOML [0-9]+\)" |
      sed -E 's/read +([0-9]+) \(TOML ([0-9]+)\)/\1 \2/' | awk '$1 != $2')
    if [[ -n $short ]]; then
      echo "FAILED: a question kind was not read as often as the TOML has it"
      exit 1
    fi
    ;;
esac
