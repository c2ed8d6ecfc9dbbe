#!/usr/bin/env python3
"""Opens a .docx with python-docx, as a word processor would, and prints as JSON what is in it.

    docx_text.py FILE

Prints an object with:
  paragraphs     every body paragraph: {style, text}
  cells          the text of every table cell, row by row
  hyperlinks     the number of w:hyperlink elements in the document's XML parts
  field_codes    every field instruction (w:instrText, w:fldSimple), e.g. HYPERLINK ...
  relationships  every relationship that points outside the package: {type, target}

Used by tests/renderer_test.cpp to check that content shows as literal text and never turns
into a link.
"""

import json
import re
import sys
import zipfile

import docx


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: docx_text.py FILE")
    path = sys.argv[1]
    document = docx.Document(path)
    paragraphs = [{"style": p.style.name if p.style is not None else "", "text": p.text}
                  for p in document.paragraphs]
    cells = []
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                cells.append(cell.text)

    hyperlinks = 0
    field_codes = []
    relationships = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            data = package.read(name).decode("utf-8", errors="replace")
            if name.startswith("word/") and name.endswith(".xml"):
                hyperlinks += len(re.findall(r"<w:hyperlink\b", data))
                field_codes += re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", data)
                field_codes += re.findall(r"<w:fldSimple\b[^>]*w:instr=\"([^\"]*)\"", data)
            if name.endswith(".rels"):
                for match in re.finditer(r"<Relationship\b[^>]*>", data):
                    element = match.group(0)
                    if 'TargetMode="External"' not in element:
                        continue
                    target = re.search(r'Target="([^"]*)"', element)
                    kind = re.search(r'Type="([^"]*)"', element)
                    relationships.append({"type": kind.group(1) if kind else "",
                                          "target": target.group(1) if target else ""})

    json.dump({"paragraphs": paragraphs, "cells": cells, "hyperlinks": hyperlinks,
               "field_codes": field_codes, "relationships": relationships},
              sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
