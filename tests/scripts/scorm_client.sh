#!/usr/bin/env bash
# The quiz's SCORM packages as an LMS takes them: Moodle's own SCORM package check and manifest
# reader, then the SCO under scorm-again in headless Chromium with a scripted learner (the
# harness in ../shared/real-clients/scorm beside the checkout), checked against the pack's TOML
# by tests/scorm/learner.py.
#   scorm_client.sh setup SOURCE_DIR HARNESS
#       copies the harness to HARNESS (under the build folder: ../shared stays as it is) and
#       installs its pinned npm packages there (npm ci; again only when its lock file changed)
#   scorm_client.sh 12|2004 all-right|some-wrong|half-way SOURCE_DIR COACHKIT PACK WORK HARNESS
#       builds the pack's quiz package with its handouts (HTML; PDF too for all-right)
#       half-way launches the SCO a second time as the LMS resumes a learner: Moodle's start
#       values with what the first launch stored (entry resume, suspend data, location, status)
#   scorm_client.sh axe SOURCE_DIR COACHKIT PACK WORK NODE_MODULES
#       axe-core on the SCO pages (the npm readers of tools/test-readers.sh)
# Exit 77 (a skip for ctest) when the harness is not there, as in a user's fresh clone.
set -u
shared_harness() {
  local dir="$1/../shared/real-clients/scorm"
  if [[ ! -x $dir/run.sh ]]; then
    echo "SKIPPED: no SCORM harness at ../shared/real-clients/scorm/run.sh beside the checkout" >&2
    exit 77
  fi
  printf '%s\n' "$dir"
}
setup() {
  local source=$1 harness=$2 from
  from=$(shared_harness "$source") || exit $?
  mkdir -p "$harness"
  (
    flock 9
    if [[ -d $harness/harness/node_modules ]] &&
      cmp -s "$from/harness/package-lock.json" "$harness/harness/package-lock.json" &&
      diff -rq --exclude=node_modules --exclude=.installed-lock.json --exclude=.lock "$from" "$harness" >/dev/null; then
      exit 0
    fi
    echo "copying the SCORM harness to $harness and installing its npm packages"
    find "$harness" -mindepth 1 -maxdepth 1 ! -name .lock ! -name harness -exec rm -rf {} +
    cp -R "$from/." "$harness/" && chmod -R u+w "$harness" || exit 1
    if [[ ! -d $harness/harness/node_modules ]] ||
      ! cmp -s "$from/harness/package-lock.json" "$harness/harness/.installed-lock.json"; then
      (cd "$harness/harness" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund \
        --loglevel=error </dev/null) || { echo "FAILED: npm ci in the harness copy"; exit 1; }
      cp "$from/harness/package-lock.json" "$harness/harness/.installed-lock.json"
    fi
  ) 9>"$harness/.lock"
}

if [[ $1 == setup ]]; then
  setup "$2" "$3"
  exit $?
fi
if [[ $1 == axe ]]; then
  # axe-core's WCAG A and AA rules on each edition's SCO page as the package holds it, with its
  # handouts' links, before and after every question is checked (tests/scripts/axe_pages.js).
  source=$2 coachkit=$3 pack=$4 work=$5 modules=$6
  if [[ ! -d $modules/@axe-core/puppeteer ]]; then
    echo "SKIPPED: no axe-core under $modules (tools/test-readers.sh BUILD_DIR installs it)" >&2
    exit 77
  fi
  rm -rf "$work" && mkdir -p "$work"
  "$coachkit" build "$pack" --out "$work/out" --only quiz handout --format html --seed 7 \
    --set quiz.exports=scorm12,scorm2004 >"$work/build.log" 2>&1 ||
    { cat "$work/build.log"; echo "FAILED: coachkit build"; exit 1; }
  pages=()
  for edition in 12 2004; do
    mkdir -p "$work/scorm$edition"
    (cd "$work/scorm$edition" && unzip -q "$(find "$work/out" -name "quiz-a.scorm$edition.zip")") ||
      { echo "FAILED: no quiz-a.scorm$edition.zip"; exit 1; }
    grep -q 'handouts/' "$work/scorm$edition/imsmanifest.xml" || { echo "FAILED: no handouts"; exit 1; }
    pages+=("$work/scorm$edition/index.html")
  done
  node "$source/tests/scripts/axe_pages.js" "$modules" "$work/profile" "${pages[@]}"
  exit $?
fi
edition=$1 learner=$2 source=$3 coachkit=$4 pack=$5 work=$6 harness=$7
shared_harness "$source" >/dev/null || exit 77
setup "$source" "$harness" >/dev/null || exit 1
passing=75
rm -rf "$work" && mkdir -p "$work"
# With the pack's handouts, which go into the package: as web pages, and for all-right as PDFs too.
formats=html
[[ $learner == all-right ]] && formats=html,pdf
"$coachkit" build "$pack" --out "$work/out" --only quiz handout --format $formats --seed 7 --set quiz.drawn=none \
  --set quiz.exports=scorm$edition --set quiz.passing_score=$passing >"$work/build.log" 2>&1 ||
  { cat "$work/build.log"; echo "FAILED: coachkit build"; exit 1; }
pkg=$(find "$work/out" -name "quiz-a.scorm$edition.zip")
[[ -n $pkg ]] || { echo "FAILED: no quiz-a.scorm$edition.zip"; exit 1; }
learners=$source/tests/scorm
/usr/bin/python3 "$learners/learner.py" plan "$pack" "$learner" "$work/plan.json" || exit 1
SCORM_PLAN=$work/plan.json PKG=$pkg ACT=$learners/$learner.js WORK=$work/probe \
  "$harness/run.sh" >"$work/run.log" 2>&1
status=$?
grep -v "^    act: " "$work/run.log" | tail -n 12
[[ $status == 0 ]] || echo "FAILED: the harness says the package or the SCO has a problem ($status)"
resume=()
if [[ $learner == half-way && -f $work/probe/runtime.json ]]; then
  # What an LMS hands a returning learner's SCO: what it stored, and entry "resume".
  /usr/bin/python3 - "$edition" "$work/probe" "$work/resume.moodle.json" <<'PY' || exit 1
import json, sys
edition, probe, out = sys.argv[1:4]
moodle = json.load(open(f"{probe}/moodle.json"))
final = json.load(open(f"{probe}/runtime.json"))["visits"][0]["final"]
keep = (["cmi.core.lesson_location", "cmi.core.lesson_status", "cmi.suspend_data",
         "cmi.core.score.raw", "cmi.core.total_time"] if edition == "12" else
        ["cmi.location", "cmi.completion_status", "cmi.success_status", "cmi.suspend_data",
         "cmi.score.raw", "cmi.score.scaled"])
for item in moodle["items"]:
    if item.get("launch"):
        cmi = item["default_cmi"]
        cmi["cmi.core.entry" if edition == "12" else "cmi.entry"] = "resume"
        for k in keep:
            if final.get(k) not in (None, ""):
                cmi[k] = final[k]
json.dump(moodle, open(out, "w"))
PY
  mkdir -p "$work/resume"
  SCORM_PLAN=$work/plan.json node "$harness/harness/run_sco.js" --moodle "$work/resume.moodle.json" \
    --content "$work/probe/content" --act "$learners/resume.js" --out "$work/resume/runtime.json" \
    --screenshot "$work/resume/screen.png" >/dev/null 2>"$work/resume/stderr.log" ||
    { echo "FAILED: the second launch (resume) has a problem"; status=1; }
  resume=("$work/resume")
fi
title=$(/usr/bin/python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["pack"]["title"] + " quiz (version A)")' "$pack/pack.toml")
/usr/bin/python3 "$learners/learner.py" check "$edition" "$learner" "$pack" "$work/plan.json" \
  "$passing" "$title" "$pkg" "$(dirname "$pkg")/.." "$work/probe" "${resume[@]}" || exit 1
[[ $status == 0 ]]
