#!/usr/bin/env bash
# Times the PDF worker (core/pdf/coachkit-pdf-worker.py, one long-lived process, as a build uses
# it) against WeasyPrint's command line, document by document, on the same HTML: the handouts'
# HTML coachkit makes for the default pack (caught from pandoc on its way to the worker). Each
# document is rendered by both in turn, the order alternating, so machine load hits both; wall
# and CPU time (the command's: its own process; the worker's: its process's CPU during the
# request). Prints the figures; not a test. tools/bench/compare.sh may call it.
#
# Usage: tools/bench/pdf.sh [RUNS] [WORKER]
#   RUNS    rounds over every document (default 1)
#   WORKER  the worker script to time (default: the built one), e.g. an older version
#           (git show REV:core/pdf/coachkit-pdf-worker.py > old.py) to compare before and after
# The last line is machine-readable: pdf-bench docs=N worker_wall=S cli_wall=S worker_cpu=S
# cli_cpu=S speedup_wall=X speedup_cpu=X (sums over the documents, whole-pack handouts apart).
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/setup.sh coachkit coachkit_themes coachkit_pdf_worker >/dev/null
build=${COACHKIT_BUILD_DIR:-build}
runs=${1:-1}
worker=${2:-$build/share/coachkit/pdf/coachkit-pdf-worker.py}
python=/usr/bin/python3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# shellcheck source=tools/bench/catch_pdf_html.sh
source tools/bench/catch_pdf_html.sh
catch_pdf_html "$scratch" handout

"$python" - "$worker" "$scratch" "$runs" "$PWD/$build/share/coachkit/themes/default/" <<'PY'
import glob, json, os, resource, subprocess, sys, time

worker, scratch, runs, base = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
pages = sorted(glob.glob(scratch + "/kept/*"))
# The date coachkit gives its tools, so both embed the same timestamps.
environment = {"SOURCE_DATE_EPOCH": "1700000000"}
tick = os.sysconf("SC_CLK_TCK")

def cpu_of(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick

process = subprocess.Popen([sys.executable, worker], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True)
process.stdout.readline()

def by_worker(html):
    request = {"html": html, "pdf": scratch + "/worker.pdf", "base_url": base,
               "fit_to_one_page": False, "environment": environment}
    wall, cpu = time.perf_counter(), cpu_of(process.pid)
    process.stdin.write(json.dumps(request) + "\n")
    process.stdin.flush()
    answer = json.loads(process.stdout.readline())
    assert answer["ok"], answer
    return time.perf_counter() - wall, cpu_of(process.pid) - cpu

def by_command(html):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run([sys.executable, "-m", "weasyprint", "--pdf-variant", "pdf/ua-1",
                    "--base-url", base, html, scratch + "/cli.pdf"],
                   check=True, env=dict(os.environ, **environment), stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (time.perf_counter() - wall,
            after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)

# A first request warms the worker as the build's first PDF does (its start-up is paid once
# per build and is not counted per document).
by_worker(pages[0])
figures = {page: {"worker": [], "cli": []} for page in pages}
for run in range(runs):
    for number, page in enumerate(pages):
        if (number + run) % 2:
            figures[page]["cli"].append(by_command(page))
            figures[page]["worker"].append(by_worker(page))
        else:
            figures[page]["worker"].append(by_worker(page))
            figures[page]["cli"].append(by_command(page))
process.stdin.close()
process.wait()

def median(values):
    values = sorted(values)
    return values[len(values) // 2]

def line(label, rows):
    ww = sum(median([w for w, _ in r["worker"]]) for r in rows)
    cw = sum(median([w for w, _ in r["cli"]]) for r in rows)
    wc = sum(median([c for _, c in r["worker"]]) for r in rows)
    cc = sum(median([c for _, c in r["cli"]]) for r in rows)
    print("%-28s %3d docs  worker %6.2f s wall %6.2f s CPU   command %6.2f s wall %6.2f s CPU"
          "   %4.2fx wall %4.2fx CPU" % (label, len(rows), ww, wc, cw, cc, cw / ww, cc / wc))
    return len(rows), ww, cw, wc, cc

whole = [figures[p] for p in pages if "service-principles-handout" in os.path.basename(p)]
single = [figures[p] for p in pages if "service-principles-handout" not in os.path.basename(p)]
per = line("one principle or activity", single)
if whole:
    line("the whole-pack handout", whole)
line("all", whole + single)
print("pdf-bench docs=%d worker_wall=%.3f cli_wall=%.3f worker_cpu=%.3f cli_cpu=%.3f "
      "speedup_wall=%.2f speedup_cpu=%.2f"
      % (per[0], per[1], per[2], per[3], per[4], per[2] / per[1], per[4] / per[3]))
PY
