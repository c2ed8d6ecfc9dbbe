"""Reads coachkit's PDFs back as assistive technology does, with poppler: each must be tagged
("Tagged: yes"), have a title that viewers show (/DisplayDocTitle) and the document's language
(/Lang), and its structure tree (pdfinfo -struct-text) must hold the document model's headings,
in order and at their levels, as H1…H6, with every table's header cells as TH and every list as
L with LI items. The model is read from the HTML built from the same pack (PAGE.html beside
PAGE.pdf), whose headings pandoc wrote from the same document.
Usage: tagged_pdf_check.py PDF..."""
import html.parser
import os
import re
import subprocess
import sys


def flat(text):
    # WeasyPrint hyphenates (U+2010) and the tree joins lines without a space.
    return re.sub(r"[\s\u2010\u00ad-]+", "", text)


class Headings(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found, self.open, self.tables, self.lists, self.cell = [], None, 0, 0, None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.open = [int(tag[1]), ""]
        if tag == "th":
            self.cell = ""
        if tag in ("ul", "ol"):
            self.lists += 1

    def handle_endtag(self, tag):
        # An empty header cell (a grid's corner) has no content to tag.
        if tag == "th" and self.cell is not None:
            self.tables += bool(self.cell.strip())
            self.cell = None
        if re.fullmatch(r"h[1-6]", tag) and self.open:
            self.found.append((self.open[0], flat(self.open[1])))
            self.open = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.open:
            self.open[1] += data


problems = []
for pdf in sys.argv[1:]:
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    if not re.search(r"^Tagged:\s+yes$", info, re.M):
        problems.append("%s: not tagged" % pdf)
    title = re.search(r"^Title:\s+(.*)$", info, re.M)
    if not title or not title.group(1).strip():
        problems.append("%s: no title" % pdf)
    raw = open(pdf, "rb").read()
    if not re.search(rb"/DisplayDocTitle\s+true", raw):
        problems.append("%s: viewers are not asked to show the title" % pdf)
    if not re.search(rb"/Lang\s+\(en\)", raw):
        problems.append("%s: no /Lang (en) in the catalogue" % pdf)
    tree = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, text=True,
                          check=True).stdout.splitlines()
    headings, ths, lists, items = [], 0, 0, 0
    for i, line in enumerate(tree):
        tag = line.strip().split(" ")[0]
        m = re.fullmatch(r"H([1-6])", tag)
        if m:
            depth = len(line) - len(line.lstrip())
            text = ""
            for below in tree[i + 1:]:
                if len(below) - len(below.lstrip()) <= depth:
                    break
                if below.strip().startswith('"'):
                    text += below.strip()[1:-1]
            headings.append((int(m.group(1)), flat(text)))
        ths += tag == "TH"
        lists += tag == "L"
        items += tag == "LI"
    model = Headings()
    model.feed(open(os.path.splitext(pdf)[0] + ".html", encoding="utf-8").read())
    if headings != model.found:
        problems.append("%s: headings in the structure tree %r, in the document %r"
                        % (pdf, headings, model.found))
    if model.tables and ths < model.tables:
        problems.append("%s: %d TH in the tree for %d header cells with text" % (pdf, ths, model.tables))
    if model.lists and (lists < model.lists or items == 0):
        problems.append("%s: %d L in the tree for %d lists" % (pdf, lists, model.lists))
    print("%s: %d headings, %d TH, %d L, %d LI" % (pdf, len(headings), ths, lists, items))
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
