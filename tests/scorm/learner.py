#!/usr/bin/python3
"""The scripted learner's plan, and what the LMS must have recorded, both from the pack's TOML.

  learner.py plan PACK LEARNER PLAN.json
      what the learner answers (tests/scorm/answer.js reads it): right answers from the TOML,
      and for some-wrong every third question (in the TOML's order) and every short answer
      answered wrong, each worth 0 then
  learner.py check 12|2004 LEARNER PACK PLAN.json PASSING TITLE PACKAGE OUT PROBE [RESUME_PROBE]
      reads the package, the build's output folder OUT (the pack's handouts), the harness's
      moodle.json and runtime.json (and, for half-way, the second launch's) and says FAILED: for
      each difference; exit 1 when there is one

Nothing here is taken from the SCO's own quiz data: the score, each interaction's id, type,
response and result, and the SCORM limits (cut to 255 / 250 UTF-16 units, never half a
character; 2004's [,] and [.] mapped to (,) and (.)) are worked out again from the TOML and
from what the learner saw and did.
"""
import json
import math
import pathlib
import re
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile

# A typed answer that is wrong, long (past both editions' limits, with astral characters where
# the cut falls) and full of what means something to SCORM, XML, HTML and Markdown.
WRONG_TEXT = ("not it [,] [.] {lang=xx} {case_matters=true} <b>&amp;</b> \"q\" it's ]]> **md** "
              "שלום مرحبا " + "é😀" * 100)


def questions(pack):
    out = []
    for f in sorted((pack / "questions").glob("*.toml")):
        out += tomllib.loads(f.read_text()).get("question", [])
    return out


def choice_texts(q):
    return [c if isinstance(c, str) else c["text"] for c in q.get("choices", [])]


def answers(q):
    a = q.get("answer")
    return a if isinstance(a, list) else [a]


def answer_for(q, right):
    kind = q["kind"]
    if kind in ("single", "multiple"):
        want = [c for c in choice_texts(q) if (c in answers(q)) == right]
        return {"pick": want[:1] if kind == "single" or not right else want}
    if kind == "true-false":
        return {"truth": bool(q["answer"]) == right}
    if kind == "matching":
        rights = [p[1] for p in q["pairs"]]
        return {"pairs": {p[0]: rights[(i + (0 if right else 1)) % len(rights)]
                          for i, p in enumerate(q["pairs"])}}
    if kind == "ordering":
        steps = q["order"]
        return {"places": {s: (i + (0 if right else 1)) % len(steps) for i, s in enumerate(steps)}}
    if kind == "short":
        return {"text": answers(q)[0] if right else WRONG_TEXT}
    number = float(q["answer"])
    return {"text": number_text(number if right else number + float(q.get("tolerance", 0)) + 1)}


def number_text(x):
    return str(int(x)) if x == int(x) else repr(x)


def plan(pack, learner, out):
    qs = questions(pack)
    # Every third question wrong, and every typed answer (the long hostile text).
    wrong = ({q["id"] for q in qs[0::3]} | {q["id"] for q in qs if q["kind"] == "short"}
             if learner == "some-wrong" else set())
    p = {"learner": learner, "questions": {}}
    for q in qs:
        p["questions"][q["id"]] = {"kind": q["kind"], "prompt": q["prompt"],
                                   "points": float(q.get("points", 1)),
                                   "right": q["id"] not in wrong,
                                   "answer": answer_for(q, q["id"] not in wrong)}
    pathlib.Path(out).write_text(json.dumps(p, ensure_ascii=False, indent=1))


def units(s):  # UTF-16 code units, as JavaScript and the LMSs' length checks count
    return len(s.encode("utf-16-le")) // 2


def cut(s, limit):
    out = ""
    for ch in s:
        if units(out) + units(ch) > limit:
            break
        out += ch
    return out


def letter(edition, i, prefix="c"):
    return "abcdefghijklmnopqrstuvwxyz0123456789"[i] if edition == "12" else f"{prefix}{i + 1}"


def expected_response(edition, q, box):
    a, labels, options = q["answer"], box["labels"], box["options"]
    comma = "," if edition == "12" else "[,]"
    kind = q["kind"]
    if kind in ("single", "multiple"):
        return "choice", comma.join(letter(edition, i) for i, l in enumerate(labels)
                                    if l[1:] in a["pick"])
    if kind == "true-false":
        t = "true" if a["truth"] else "false"
        return "true-false", t[0] if edition == "12" else t
    if kind == "matching":
        pairs = []
        for i, l in enumerate(labels):
            j = options.index(a["pairs"][l[:-1]])
            pairs.append(f"{letter(edition, i)}.{letter(edition, j)}" if edition == "12"
                         else f"l{i + 1}[.]r{j + 1}")
        return "matching", comma.join(pairs)
    if kind == "ordering":
        at = {a["places"][l[:-1]]: i for i, l in enumerate(labels)}
        return "sequencing", comma.join(letter(edition, at[p], "s") for p in sorted(at))
    if kind == "numeric":
        return "numeric", a["text"]
    typed = a["text"].strip()
    if edition == "12":
        return "fill-in", cut(typed, 255)
    return "fill-in", "{lang=en}" + cut(typed.replace("[,]", "(,)").replace("[.]", "(.)"), 250)


def handouts_made(pack, out):
    """The pack's handouts the build left in OUT, with what their links must say (from the TOML)."""
    meta = tomllib.loads((pack / "pack.toml").read_text())["pack"]
    titles = {f"{meta['id']}-handout": meta["title"]}
    for f in sorted((pack / "principles").glob("*.toml")):
        p = tomllib.loads(f.read_text())["principle"]
        titles[f"handouts/{p['id']}"] = p["title"]
    made = {}
    for stem, title in titles.items():
        for ext, fmt in (("html", "web page"), ("pdf", "PDF")):
            path = out / f"{stem}.{ext}"
            if path.exists():
                made[f"{stem}.{ext}"] = (path.read_bytes(), f"{title} ({fmt}, opens in a new window)")
    return made


def check(edition, learner, pack, plan_file, passing, title, package, out, probe, resume=None):
    pack, probe, out = pathlib.Path(pack), pathlib.Path(probe), pathlib.Path(out)
    p = json.loads(pathlib.Path(plan_file).read_text())
    qs = p["questions"]
    bad = []

    def want(what, expected, got):
        if expected != got:
            bad.append(f"{what}: expected {expected!r}, got {got!r}")

    # The handouts: in the package as the build wrote them, each an asset resource the SCO
    # depends on, and extracted by Moodle's zip code beside the SCO.
    made = handouts_made(pack, out)
    if not any(n.endswith(".html") for n in made):
        bad.append(f"the build made no HTML handout in {out}")
    if learner == "all-right" and not any(n.endswith(".pdf") for n in made):
        bad.append(f"the build made no PDF handout in {out}")
    with zipfile.ZipFile(package) as z:
        held = {n: z.read(n) for n in z.namelist()}
    want("the package's files", sorted(["imsmanifest.xml", "index.html", "scorm.js", *made]),
         sorted(held))
    for name, (data, _) in made.items():
        if held.get(name) != data:
            bad.append(f"{name}: not in the package as the build wrote it")
        extracted = probe / "content" / name
        if not extracted.exists() or extracted.read_bytes() != data:
            bad.append(f"{name}: not extracted by Moodle's zip code as written")
    root = ET.fromstring(held["imsmanifest.xml"])
    ns = {"cp": root.tag[1:].split("}")[0]}
    kind = next(k for k in ("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype",
                            "{http://www.adlnet.org/xsd/adlcp_v1p3}scormType")
                if root.find(f".//cp:resource[@{k}]", ns) is not None)
    resources = root.findall(".//cp:resource", ns)
    assets = {r.get("href"): r for r in resources if r.get(kind) == "asset"}
    want("asset resources in the manifest", sorted(made), sorted(assets))
    for href, r in assets.items():
        want(f"asset {href}: its files", [href], [f.get("href") for f in r.findall("cp:file", ns)])
    sco = [r for r in resources if r.get(kind) == "sco"]
    want("SCO resources", 1, len(sco))
    if sco:
        deps = {d.get("identifierref") for d in sco[0].findall("cp:dependency", ns)}
        want("the SCO's dependencies", sorted(r.get("identifier") for r in assets.values()),
             sorted(deps))

    moodle = json.loads((probe / "moodle.json").read_text())
    runtime = json.loads((probe / "runtime.json").read_text())
    want("Moodle's version check", "SCORM_12" if edition == "12" else "SCORM_13",
         moodle.get("version_check"))
    want("accepted by Moodle", True, moodle.get("accepted"))
    want("Moodle's messages", [], [m for m in moodle.get("messages", []) if m])
    items = [i for i in moodle.get("items", []) if i.get("launch")]
    want("launchable items", 1, len(items))
    for i in moodle.get("items", []):
        want(f"title of item {i.get('identifier')}", title, i.get("title"))
    for o in moodle.get("organizations", []) if isinstance(moodle.get("organizations"), list) else []:
        if isinstance(o, dict) and "title" in o:
            want("organization title", title, o["title"])
    if edition == "12" and items:
        want("mastery score", number_text(passing), str(items[0].get("masteryscore")))

    def visit_checks(run, learner, name):
        v = run["visits"][0]
        want(f"{name}: problems", [], v.get("problems"))
        logged = [json.loads(line) for line in v.get("act_log", []) if line.startswith("{")]
        log = [entry for entry in logged if "boxes" in entry]
        told = [entry["finish_status"] for entry in logged if "finish_status" in entry]
        if len(log) != 1:
            bad.append(f"{name}: the learner logged nothing (act_log {v.get('act_log')!r})")
            return v, None
        seen = log[0]
        want(f"{name}: markup made of content in the page", 0, seen["markup"])
        want(f"{name}: the handouts' links",
             sorted(({"href": n, "text": t, "target": "_blank"} for n, (_, t) in made.items()),
                    key=lambda h: h["href"]),
             sorted(seen["handouts"], key=lambda h: h["href"]))
        want(f"{name}: questions on the page", len(qs), len(seen["boxes"]))
        for b in seen["boxes"]:
            q = qs[b["id"]]
            want(f"{name}: question {b['n']} as shown", f"{b['n']}. {q['prompt']}", b["legend"])
            if b["answered"]:
                want(f"{name}: question {b['id']} marked", "right" if q["right"] else "wrong",
                     b["marked"])
        if learner != "half-way":
            want(f"{name}: what the learner is told on finishing",
                 ["Your score is sent. You may close this page."], told)
        calls = [c for c in v["calls"]
                 if not re.search("GetLastError|GetErrorString|GetDiagnostic", c["fn"])]
        init, commit, end = (("LMSInitialize", "LMSCommit", "LMSFinish") if edition == "12"
                             else ("Initialize", "Commit", "Terminate"))
        want(f"{name}: first call", init, calls[0]["fn"] if calls else None)
        want(f"{name}: last call", end, calls[-1]["fn"] if calls else None)
        want(f"{name}: the call before the last", commit, calls[-2]["fn"] if len(calls) > 1 else None)
        want(f"{name}: terminated", True, v.get("terminated"))
        final = v["final"]
        if edition == "12":
            t = final.get("cmi.core.session_time", "")
            if not re.fullmatch(r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?", t):
                bad.append(f"{name}: cmi.core.session_time {t!r} is no CMITimespan")
            if "cmi.core.lesson_status" not in v["set_by_content"]:
                bad.append(f"{name}: the SCO never set cmi.core.lesson_status")
        else:
            t = final.get("cmi.session_time", "")
            if not re.fullmatch(r"P(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?", t) or t in ("P", "PT"):
                bad.append(f"{name}: cmi.session_time {t!r} is no timeinterval")
        # Every interaction, from the TOML and what the learner saw and did.
        count = len([k for k in final if re.fullmatch(r"cmi\.interactions\.\d+\.id", k)])
        answered = [b for b in seen["boxes"] if b["answered"]]
        want(f"{name}: interactions", len(answered), count)
        by_id = {b["id"]: b for b in answered}
        for n in range(count):
            base = f"cmi.interactions.{n}."
            iid = final.get(base + "id", "")
            qid = iid if edition == "12" else iid.removeprefix(f"urn:coachkit:{pack_id(pack)}:")
            if qid not in by_id:
                bad.append(f"{name}: interaction {n} has id {iid!r}, no question answered")
                continue
            q, b = qs[qid], by_id[qid]
            kind, response = expected_response(edition, q, b)
            want(f"{name}: {iid} type", kind, final.get(base + "type"))
            got = final.get(base + ("student_response" if edition == "12" else "learner_response"))
            if kind == "numeric":
                try:
                    ok = math.isclose(float(got), float(response))
                except (TypeError, ValueError):
                    ok = False
                if not ok:
                    bad.append(f"{name}: {iid} response: expected {response!r}, got {got!r}")
            else:
                want(f"{name}: {iid} response", response, got)
            want(f"{name}: {iid} result",
                 "correct" if q["right"] else ("wrong" if edition == "12" else "incorrect"),
                 final.get(base + "result"))
            want(f"{name}: {iid} weighting", q["points"], float(final.get(base + "weighting") or -1))
            when = final.get(base + ("time" if edition == "12" else "timestamp"), "")
            if not re.fullmatch(r"\d{2}:\d{2}:\d{2}" if edition == "12"
                                else r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", when):
                bad.append(f"{name}: {iid} time {when!r}")
            if edition == "2004":
                prompt = q["prompt"].replace("[,]", "(,)").replace("[.]", "(.)")
                want(f"{name}: {iid} description", "{lang=en}" + cut(prompt, 250),
                     final.get(base + "description"))
            if isinstance(got, str) and got and 0xD800 <= ord(got[-1]) <= 0xDFFF:
                bad.append(f"{name}: {iid} response ends in half a character")
        return v, seen

    def score_of(ids):
        total = sum(q["points"] for q in qs.values())
        return round(sum(qs[i]["points"] for i in ids if qs[i]["right"]) / total * 100, 2)

    v, seen = visit_checks(runtime, learner, learner)
    if seen is None:
        return bad
    final, s = v["final"], v["summary"]
    raw_text = final.get("cmi.core.score.raw" if edition == "12" else "cmi.score.raw") or ""
    raw = float(raw_text or -1)
    status12 = final.get("cmi.core.lesson_status")
    answered = [b["id"] for b in seen["boxes"] if b["answered"]]
    expected_score = score_of(answered)
    if edition == "2004":
        want("scaled passing score", passing / 100, float(final.get("cmi.scaled_passing_score")))
    if learner in ("all-right", "some-wrong"):
        if abs(raw - expected_score) > 0.006:
            bad.append(f"score: expected {expected_score} (from the TOML), got {raw_text!r}")
        if edition == "2004":
            scaled = float(final.get("cmi.score.scaled") or -1)
            if abs(scaled - expected_score / 100) > 0.00006:
                bad.append(f"scaled score: expected {expected_score / 100}, got {scaled}")
        result = "passed" if expected_score >= passing else "failed"
        want("expected result of the plan", "passed" if learner == "all-right" else "failed", result)
        if edition == "12":
            want("cmi.core.lesson_status", result, status12)
        else:
            want("cmi.success_status", result, final.get("cmi.success_status"))
            want("cmi.completion_status", "completed", final.get("cmi.completion_status"))
    else:
        k = math.ceil(len(qs) / 2)
        # No score before the end: an LMS would judge it against the passing score (failed).
        want("score of an unfinished attempt", "", raw_text)
        expected_score = None
        want("questions checked before leaving", k, len(answered))
        if edition == "12":
            want("cmi.core.lesson_status", "incomplete", status12)
            want("cmi.core.exit", "suspend", final.get("cmi.core.exit"))
            location = final.get("cmi.core.lesson_location")
        else:
            want("cmi.completion_status", "incomplete", final.get("cmi.completion_status"))
            want("cmi.success_status", "unknown", final.get("cmi.success_status"))
            want("cmi.exit", "suspend", final.get("cmi.exit"))
            location = final.get("cmi.location")
        want("location", f"q{k}", location)
        saved = final.get("cmi.suspend_data") or ""
        if not saved:
            bad.append("no cmi.suspend_data")
        if resume is not None:
            # The second launch: the LMS handed the SCO what it stored, with entry "resume".
            again = json.loads((pathlib.Path(resume) / "runtime.json").read_text())
            rv, rseen = visit_checks(again, "resume", "resume")
            if rseen is not None:
                first = {b["id"]: b for b in seen["boxes"]}
                for b in rseen["boxes"]:
                    was = first[b["id"]]
                    if was["answered"]:
                        want(f"resume: {b['id']} answers restored", was["after"], b["before"])
                        want(f"resume: {b['id']} marked again", was["marked"], b["marked_before"])
                        want(f"resume: {b['id']} left as it was", False, b["answered"])
                    else:
                        want(f"resume: {b['id']} answered now", True, b["answered"])
                want("resume: focus at the learner's place", location, rseen["focus"])
                rfinal = rv["final"]
                want("resume: entry", "resume",
                     next((c["ret"] for c in rv["calls"] if c["fn"].endswith("GetValue")
                           and c["args"][0] in ("cmi.core.entry", "cmi.entry")), None))
                rraw = float(rfinal.get("cmi.core.score.raw" if edition == "12" else "cmi.score.raw") or -1)
                want("resume: score", 100.0, rraw)
                if edition == "12":
                    want("resume: cmi.core.lesson_status", "passed", rfinal.get("cmi.core.lesson_status"))
                else:
                    want("resume: cmi.success_status", "passed", rfinal.get("cmi.success_status"))
                    want("resume: cmi.completion_status", "completed", rfinal.get("cmi.completion_status"))
    print(f"{learner}, SCORM {edition}: {status12 or final.get('cmi.success_status')}, "
          f"score {raw} (expected {expected_score}), {len(answered)} interactions")
    return bad


def pack_id(pack):
    return tomllib.loads((pack / "pack.toml").read_text())["pack"]["id"]


def main(argv):
    if argv[1] == "plan":
        plan(pathlib.Path(argv[2]), argv[3], argv[4])
        return 0
    edition, learner, pack, plan_file, passing, title, package, out, probe = argv[2:11]
    resume = argv[11] if len(argv) > 11 else None
    bad = check(edition, learner, pathlib.Path(pack), plan_file, float(passing), title, package,
                out, probe, resume)
    for b in bad:
        print("FAILED:", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
