#!/usr/bin/env bash
# The accessibility checks of coachkit's outputs, with readers we did not write.
#   accessibility.sh html THEME SOURCE_DIR COACHKIT BUILD_DIR WORK_DIR
#     axe-core's WCAG 2.0/2.1/2.2 A and AA rules in chromium on one page of every kind of HTML
#     output of the default pack in THEME (handouts, worksheets, the quiz, its key and its
#     self-check, the scorecard, a coaching report), plus one h1 and no skipped heading level.
#   accessibility.sh tree SOURCE_DIR COACHKIT BUILD_DIR WORK_DIR
#     the self-check of the hostile quiz pack (every kind of question) in chromium's
#     accessibility tree, used with the keyboard alone, and through axe-core.
#   accessibility.sh pdf SOURCE_DIR COACHKIT BUILD_DIR WORK_DIR
#     the Acme pack's handouts and worksheet as PDF, read back by poppler: tagged, titled, in the pack's language,
#     with a structure tree that has the document's headings, lists and table header cells.
#   accessibility.sh office SOURCE_DIR COACHKIT BUILD_DIR WORK_DIR
#     DOCX, ODT and PPTX read from their XML parts: title, language, heading styles, repeating
#     table headers, pictures' alternative text, slide titles.
# Skips (exit 77), saying why, when a reader is missing.
set -euo pipefail
mode=$1
shift
if [[ $mode == html ]]; then
  theme=$1
  shift
fi
source_dir=$1 coachkit=$2 build_dir=$3 work=$4
modules=$build_dir/npm/node_modules
python=/usr/bin/python3

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

# Two evaluations of one agent, for a coaching report.
write_evaluations() {
  mkdir -p "$1"
  for n in 1 2; do
    cat >"$1/e$n.toml" <<EOF
[evaluation]
rubric = "call-quality"
interaction = "call-$n"
evaluator = "dana"
agent = "sam"
date = 2026-11-2$n

[answers]
respect-every-caller = 4
assume-customer-wrong = 4
argue-with-customer = "yes"
listen-to-understand = $n
checks-understanding = 4
help-to-the-clock = 4
mislead-customer = "yes"
be-above-board = 4
verifies-identity = "yes"
resolves-reason = 4
no-rushed-close = "yes"
case-notes = 2
tolerate-occasional-rudeness = "na"
end-abuse-decisively = "na"
take-it-personally = 4
EOF
  done
}

rm -rf "$work"
mkdir -p "$work"

case $mode in
html)
  [[ -d $modules/@axe-core/puppeteer ]] || skip "no @axe-core/puppeteer under $modules (run tools/test-readers.sh)"
  [[ -x /usr/bin/chromium ]] || skip "no /usr/bin/chromium"
  "$coachkit" build "$source_dir/content/service-principles" --out "$work/out" --format html \
    --theme "$theme" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
  out=$work/out/service-principles
  write_evaluations "$work/evals"
  "$coachkit" report "$source_dir/content/service-principles:call-quality" "$work/evals" \
    --format html --out "$work/reports" >"$work/report.log" 2>&1 || { cat "$work/report.log"; fail "report"; }
  pages=("$out/handouts/integrity.html" "$out/trainer/handouts/integrity.html"
         "$out/activities/breakdown-sources.html" "$out/activities/miracle-service.html"
         "$out/trainer/activities/breakdown-sources.html" "$out/service-principles-handout.html"
         "$out/quiz/quiz-a.html" "$out/quiz/quiz-a-key.html" "$out/quiz/quiz-a.self-check.html"
         "$out/rubrics/call-quality.html" "$work/reports/coaching-sam.html")
  for page in "${pages[@]}"; do [[ -f $page ]] || fail "no $page"; done
  node "$source_dir/tests/scripts/axe_pages.js" "$modules" "$work/profile" "${pages[@]}" \
    || fail "axe-core found violations in theme $theme"
  ;;
tree)
  [[ -d $modules/puppeteer-core ]] || skip "no puppeteer-core under $modules (run tools/test-readers.sh)"
  [[ -x /usr/bin/chromium ]] || skip "no /usr/bin/chromium"
  "$coachkit" build "$source_dir/tests/data/packs/quiz-hostile" --out "$work/out" --format html \
    --only quiz >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
  page=$(find "$work/out" -name '*.self-check.html' | sort | head -1)
  [[ -n $page ]] || fail "no self-check page"
  node "$source_dir/tests/scripts/self_check_tree.js" "$modules" "$page" "$work/profile" \
    >"$work/tree.json" || fail "chromium could not read $page"
  "$python" "$source_dir/tests/scripts/self_check_tree_check.py" "$page" "$work/tree.json"
  # Every kind of question (matching, ordering, numeric, …) also passes axe-core.
  if [[ -d $modules/@axe-core/puppeteer ]]; then
    node "$source_dir/tests/scripts/axe_pages.js" "$modules" "$work/profile-axe" "$page" \
      || fail "axe-core found violations in the hostile pack's self-check"
  fi
  ;;
pdf)
  command -v pdfinfo >/dev/null || skip "no pdfinfo (poppler-utils)"
  # The Acme pack: small enough to render quickly, with do's and don'ts tables and a worksheet.
  "$coachkit" build "$source_dir/plugins/example-org/packs/acme-way" --out "$work/out" \
    --format pdf,html --only handout >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
  out=$work/out/acme-way
  "$python" "$source_dir/tests/scripts/tagged_pdf_check.py" "$out/handouts/listen-first.pdf" \
    "$out/activities/call-replay.pdf" "$out/acme-way-handout.pdf"
  ;;
office)
  # The Acme pack's handouts, worksheet and deck; the default pack's coaching report (a chart).
  "$coachkit" build "$source_dir/plugins/example-org/packs/acme-way" --out "$work/out" \
    --format docx,odt,pptx >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
  write_evaluations "$work/evals"
  "$coachkit" report "$source_dir/content/service-principles:call-quality" "$work/evals" \
    --format docx --out "$work/reports" >"$work/report.log" 2>&1 || { cat "$work/report.log"; fail "report"; }
  out=$work/out/acme-way
  "$python" "$source_dir/tests/scripts/office_accessibility.py" en \
    "$out/acme-way-handout.docx" "$out/acme-way-handout.odt" "$out/acme-way-slides.pptx" \
    "$out/activities/call-replay.docx" "$out/activities/call-replay.odt" \
    "$work/reports/coaching-sam.docx"
  ;;
*)
  fail "unknown mode $mode"
  ;;
esac
echo "OK: $mode ${theme:-}"
