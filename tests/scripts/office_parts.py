#!/usr/bin/env python3
"""Reads an ODT or a PPTX with the standard library's zip and XML readers, as an office suite
would see it, and prints as JSON what is in it.

    office_parts.py FILE.odt    {"text": all text, "tables": [{"name", "cells": [cell]}]}
        each cell: {"style", "border", "border_top", "border_bottom", "border_left",
                    "border_right"}: the cell's style resolved through content.xml's automatic
                    styles and styles.xml's styles (what LibreOffice draws); "" when unset
    office_parts.py FILE.pptx   {"slides": [text of each slide, in order],
                                 "notes": [speaker notes of each slide, "" when none],
                                 "notes_parts": number of ppt/notesSlides/*.xml parts}

Used by tests/edition_test.cpp and tests/deck_test.cpp.
"""

import json
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


def q(prefix, name):
    return "{%s}%s" % (NS[prefix], name)


def odt(path):
    with zipfile.ZipFile(path) as z:
        content = ET.fromstring(z.read("content.xml"))
        styles = ET.fromstring(z.read("styles.xml"))
    cell_styles = {}
    for root in (styles, content):  # automatic styles (content.xml) win
        for s in root.iter(q("style", "style")):
            if s.get(q("style", "family")) != "table-cell":
                continue
            props = s.find(q("style", "table-cell-properties"))
            cell_styles[s.get(q("style", "name"))] = dict(props.attrib) if props is not None else {}
    tables = []
    for t in content.iter(q("table", "table")):
        cells = []
        for c in t.iter(q("table", "table-cell")):
            name = c.get(q("table", "style-name"), "")
            props = cell_styles.get(name, {})
            border = props.get(q("fo", "border"), "")
            cell = {"style": name, "border": border}
            for side in ("top", "bottom", "left", "right"):
                cell["border_" + side] = props.get(q("fo", "border-" + side), border)
            cells.append(cell)
        tables.append({"name": t.get(q("table", "name")), "cells": cells})
    text = " ".join(t for t in content.itertext())
    return {"text": re.sub(r"\s+", " ", text), "tables": tables}


def drawing_text(xml):
    root = ET.fromstring(xml)
    paragraphs = []
    for p in root.iter(q("a", "p")):
        paragraphs.append("".join(t.text or "" for t in p.iter(q("a", "t"))))
    return "\n".join(p for p in paragraphs if p)


def pptx(path):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        slide_names = sorted((n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                             key=lambda n: int(re.search(r"(\d+)\.xml", n).group(1)))
        slides, notes = [], []
        for name in slide_names:
            slides.append(drawing_text(z.read(name)))
            rels = name.replace("ppt/slides/", "ppt/slides/_rels/") + ".rels"
            note = ""
            if rels in names:
                target = re.search(r'Target="\.\./notesSlides/([^"]+)"', z.read(rels).decode())
                if target:
                    xml = z.read("ppt/notesSlides/" + target.group(1))
                    # The notes placeholder, not the slide image or the slide number.
                    root = ET.fromstring(xml)
                    texts = []
                    for sp in root.iter("{http://schemas.openxmlformats.org/presentationml/2006/main}sp"):
                        ph = sp.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}ph")
                        if ph is not None and ph.get("type") == "body":
                            texts.append(drawing_text(ET.tostring(sp)))
                    note = "\n".join(texts)
            notes.append(note)
        notes_parts = len([n for n in names if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)])
    return {"slides": slides, "notes": notes, "notes_parts": notes_parts}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: office_parts.py FILE.odt|FILE.pptx")
    path = sys.argv[1]
    result = odt(path) if path.endswith(".odt") else pptx(path)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
