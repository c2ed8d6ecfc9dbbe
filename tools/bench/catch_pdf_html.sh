# Sourced by the PDF benchmarks: catch_pdf_html SCRATCH KIND builds the default pack's KIND
# (handout, poster, …) as PDF into SCRATCH/out with a pandoc that keeps a copy of each HTML it
# writes on its way to the PDF worker, in SCRATCH/kept. coachkit gives its tools a clean
# environment, so the folder is written into the script; batches are off, since a batch writes
# its documents from inside pandoc, not through --output.
catch_pdf_html() {
  local scratch=$1 kind=$2
  cat >"$scratch/pandoc" <<SH
#!/usr/bin/env bash
KEEP_DIR=$scratch/kept
SH
  cat >>"$scratch/pandoc" <<'SH'
pandoc "$@" || exit
for ((i = 1; i <= $#; i++)); do
  if [[ ${!i} == --output ]]; then
    j=$((i + 1))
    case ${!j} in *.html.*) name=$(basename "${!j}"); cp "${!j}" "$KEEP_DIR/${name#.}" ;; esac
  fi
done
SH
  chmod +x "$scratch/pandoc"
  mkdir -p "$scratch/kept"
  COACHKIT_PANDOC="$scratch/pandoc" COACHKIT_PANDOC_BATCH=0 \
    "$build/bin/coachkit" build content/service-principles --out "$scratch/out" --only "$kind" \
    --format pdf >/dev/null
}
