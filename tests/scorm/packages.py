#!/usr/bin/python3
"""The SCORM packages as files, and the bad input that must not make them.

  packages.py COACHKIT PACK WORK

Builds PACK's SCORM packages and handouts from a project file and checks, with Python's zipfile
and xmllint: the zip is the same bytes from run to run; its identifiers are the same for a seed
and differ for another; the manifest is well-formed and lists what the zip holds; the handouts
of the same build are inside as written (and a quiz-only build has none). Then the bad input: a
passing score outside 0-100 (project file: an error at its FILE:LINE:COL; --set: naming the
option), and a SCORM quiz with no question, each exit 1 with the previous packages left as
they were.
"""
import pathlib
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile

coachkit, pack, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
bad = []


def project(name, quiz_table, with_pack=pack):
    d = work / name
    d.mkdir()
    shutil.copytree(with_pack, d / "pack")
    (d / "coachkit.toml").write_text('[project]\npacks = ["pack"]\n\n[generators.quiz]\n' + quiz_table)
    return d


def build(d, out, *args, only=("quiz", "handout")):
    return subprocess.run([coachkit, "build", str(d), "--out", str(out), "--only", *only,
                           "--format", "html", *args], capture_output=True, text=True)


def packages(out):
    return {p.name: p.read_bytes() for p in sorted(out.rglob("*.scorm*.zip"))}


def identifier(data):
    path = work / "pkg.zip"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as z:
        return re.search(r'<manifest identifier="([^"]+)"', z.read("imsmanifest.xml").decode()).group(1)


good = project("good", 'exports = ["scorm12", "scorm2004"]\npassing_score = 75\ndrawn = "none"\n')
runs = []
for n in range(2):
    r = build(good, work / f"out{n}", "--seed", "7")
    if r.returncode != 0:
        bad.append(f"build {n}: exit {r.returncode}: {r.stderr}")
    runs.append(packages(work / f"out{n}"))
if sorted(runs[0]) != ["quiz-a.scorm12.zip", "quiz-a.scorm2004.zip"]:
    bad.append(f"packages made: {sorted(runs[0])}")
if runs[0] != runs[1]:
    bad.append("the packages differ from run to run")
other = build(good, work / "out-seed8", "--seed", "8")
seed8 = packages(work / "out-seed8")
for name, data in runs[0].items():
    if identifier(data) != identifier(runs[1][name]):
        bad.append(f"{name}: the identifier changes for the same seed")
    if name in seed8 and identifier(data) == identifier(seed8[name]):
        bad.append(f"{name}: the same identifier for another seed")
    path = work / name
    path.write_bytes(data)
    with zipfile.ZipFile(path) as z:
        if z.testzip() is not None:
            bad.append(f"{name}: a damaged entry")
        manifest = z.read("imsmanifest.xml")
        listed = set(re.findall(rb'<file href="([^"]+)"', manifest))
        held = {n.encode() for n in z.namelist()} - {b"imsmanifest.xml"}
        if listed != held:
            bad.append(f"{name}: the manifest lists {sorted(listed)}, the zip holds {sorted(held)}")
        # The handouts this build made, inside as written.
        top = work / "out0" / tomllib.loads((pack / "pack.toml").read_text())["pack"]["id"]
        handouts = sorted(str(p.relative_to(top)) for p in
                          [*top.glob("handouts/*.html"), *top.glob("*-handout.html")])
        if not handouts:
            bad.append("the build made no handout")
        for h in handouts:
            if h not in z.namelist() or z.read(h) != (top / h).read_bytes():
                bad.append(f"{name}: {h} is not inside as the build wrote it")
    alone = build(good, work / "out-alone", "--seed", "7", only=("quiz",))
    with zipfile.ZipFile(next((work / "out-alone").rglob(name))) as z:
        if sorted(z.namelist()) != ["imsmanifest.xml", "index.html", "scorm.js"]:
            bad.append(f"{name} of a quiz-only build holds {sorted(z.namelist())}")
    lint = subprocess.run(["xmllint", "--noout", "-"], input=manifest, capture_output=True)
    if lint.returncode != 0:
        bad.append(f"{name}: xmllint: {lint.stderr.decode()}")

# Bad input leaves what was built before as it was.
before = packages(work / "out0")


def refused(what, result, message):
    if result.returncode != 1:
        bad.append(f"{what}: exit {result.returncode}, expected 1 ({result.stderr.strip()})")
    if not re.search(message, result.stderr):
        bad.append(f"{what}: expected a message matching {message!r}, got {result.stderr!r}")
    if packages(work / "out0") != before:
        bad.append(f"{what}: the previous packages changed")


low = project("low", 'exports = ["scorm2004"]\npassing_score = -3\ndrawn = "none"\n')
refused("passing_score = -3", build(low, work / "out0", "--seed", "7"),
        r"coachkit\.toml:6:17: option 'passing_score' must be from 0 to 100 .*not -3")
refused("--set quiz.passing_score=100.5",
        build(good, work / "out0", "--seed", "7", "--set", "quiz.passing_score=100.5"),
        r"option 'passing_score' must be from 0 to 100 .*not 100\.5")
empty_pack = work / "empty-pack"
shutil.copytree(pack, empty_pack, ignore=shutil.ignore_patterns("questions"))
empty = project("empty", 'exports = ["scorm12"]\ndrawn = "none"\n', empty_pack)
refused("a SCORM quiz with no question", build(empty, work / "out0", "--seed", "7"),
        r"coachkit\.toml:5:\d+: the SCORM packages need a question that can be scored")

for b in bad:
    print("FAILED:", b)
print(f"{len(runs[0])} packages, byte-identical, stable identifiers; 3 bad inputs refused"
      if not bad else "")
sys.exit(1 if bad else 0)
