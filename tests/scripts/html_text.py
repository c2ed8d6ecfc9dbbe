#!/usr/bin/env python3
"""Reads an HTML file the way a browser would and prints, as JSON, what a reader gets from it.

    html_text.py FILE

Prints an object with:
  text      the visible text (outside head, script and style), white space collapsed
  tags      every element name that occurs, in document order
  urls      every attribute that can load or link to something: {tag, attribute, value}
  handlers  every event-handler attribute (onclick=...): {tag, attribute, value}
  elements  the text of each title, heading, p, li, th, td and caption element: {tag, text}

Used by tests/renderer_test.cpp to check that content shows as literal text and never turns
into an element, a link or a script.
"""

import json
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
HIDDEN = {"head", "script", "style", "template"}
COLLECTED = {"title", "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "th", "td", "caption"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "data", "poster", "cite",
                  "background", "xlink:href", "manifest", "ping"}


def collapse(text):
    return " ".join(text.split())


class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # open elements: [tag, index into self.elements or None]
        self.tags = []
        self.urls = []
        self.handlers = []
        self.visible = []
        self.elements = []
        self.parts = {}  # index into self.elements -> list of text pieces

    def _attributes(self, tag, attrs):
        for name, value in attrs:
            entry = {"tag": tag, "attribute": name, "value": value or ""}
            if name in URL_ATTRIBUTES:
                self.urls.append(entry)
            elif name.startswith("on"):
                self.handlers.append(entry)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._attributes(tag, attrs)
        self._text(" ")
        if tag in VOID:
            return
        index = None
        if tag in COLLECTED:
            index = len(self.elements)
            self.elements.append({"tag": tag, "text": ""})
            self.parts[index] = []
        self.stack.append([tag, index])

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self._attributes(tag, attrs)
        self._text(" ")

    def handle_endtag(self, tag):
        if not any(open_tag == tag for open_tag, _ in self.stack):
            return
        while self.stack:
            open_tag, index = self.stack.pop()
            if index is not None:
                self.elements[index]["text"] = collapse("".join(self.parts.pop(index)))
            if open_tag == tag:
                break
        self._text(" ")

    def handle_data(self, data):
        self._text(data)

    def _text(self, data):
        open_tags = [tag for tag, _ in self.stack]
        for _, index in self.stack:
            if index is not None:
                self.parts[index].append(data)
        if not any(tag in HIDDEN for tag in open_tags):
            self.visible.append(data)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: html_text.py FILE")
    with open(sys.argv[1], encoding="utf-8") as f:
        reader = Reader()
        reader.feed(f.read())
        reader.close()
    for index, parts in reader.parts.items():  # elements left open at the end
        reader.elements[index]["text"] = collapse("".join(parts))
    json.dump({"text": collapse("".join(reader.visible)), "tags": reader.tags,
               "urls": reader.urls, "handlers": reader.handlers, "elements": reader.elements},
              sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
