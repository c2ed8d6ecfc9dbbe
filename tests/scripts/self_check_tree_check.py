"""Checks what self_check_tree.js read from chromium's accessibility tree against the page's
own question data: each question a group named by its number and prompt; each choice of a
single, multiple or true-false question a radio button or check box named by its text; every
matching, ordering or written answer a named control; the result of the marked question and the
score in live regions.
Usage: self_check_tree_check.py PAGE TREE_JSON"""
import html
import json
import re
import sys

page = open(sys.argv[1], encoding="utf-8").read()
tree = json.load(open(sys.argv[2], encoding="utf-8"))
data = re.search(r'<script type="application/json" id="quiz-data">(.*?)</script>', page, re.S)
items = json.loads(data.group(1))["items"]
problems = []


def flat(text):
    return re.sub(r"\s+", " ", text).strip()


groups = tree["groups"]
if len(groups) != len(items):
    problems.append("%d groups in the tree for %d questions" % (len(groups), len(items)))
for n, (item, group) in enumerate(zip(items, groups), start=1):
    want = flat("%d. %s" % (n, item["prompt"]))
    if flat(group["name"]) != want:
        problems.append("question %d: group named %r, not %r" % (n, group["name"], want))
    controls = [c for c in group["controls"] if c["role"] != "button"]
    buttons = [c for c in group["controls"] if c["role"] == "button"]
    if [b["name"] for b in buttons] != ["Check answer"]:
        problems.append("question %d: buttons %r" % (n, buttons))
    kind = item["kind"]
    if kind in ("single", "multiple"):
        role = "radio" if kind == "single" else "checkbox"
        want_controls = [{"role": role, "name": flat(c)} for c in item["choices"]]
    elif kind == "true-false":
        want_controls = [{"role": "radio", "name": "True"}, {"role": "radio", "name": "False"}]
    else:
        want_controls = None
    got = [{"role": c["role"], "name": flat(c["name"])} for c in controls]
    if want_controls is not None and got != want_controls:
        problems.append("question %d: controls %r, not %r" % (n, got, want_controls))
    if want_controls is None:
        labels = item["lefts"] if kind == "matching" else item["shown"] if kind == "ordering" else None
        if labels is not None:
            names = [c["name"] for c in got]
            if len(got) != len(labels) or any(flat(l) not in name for l, name in zip(labels, names)):
                problems.append("question %d: pickers %r for %r" % (n, names, labels))
        elif not got or not all(c["name"] for c in got):
            problems.append("question %d: an unnamed answer field %r" % (n, got))

live = [flat(region["name"]) for region in tree["live"]]
if not any(re.match(r"(Right|Partly right|Not quite)\.", text) for text in live):
    problems.append("no live region says the first question's result: %r" % live)
if not any(text.startswith("Score: ") and "1 of %d questions checked" % len(items) in text
           for text in live):
    problems.append("no live region says the score: %r" % live)
if not tree["focus"]["outline"]:
    problems.append("the focused control %s draws no visible outline" % tree["focus"]["tag"])

for problem in problems:
    print(html.unescape(problem))
print("%d questions, %d problems" % (len(items), len(problems)))
sys.exit(1 if problems else 0)
