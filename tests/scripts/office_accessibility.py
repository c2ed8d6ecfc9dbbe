"""Reads DOCX, ODT and PPTX files as a screen reader's office suite does, from their XML parts:
the document's title and language in its metadata (and the styles' or runs' language), headings
as real heading styles, every table's first row a repeating header row (but writing lines, a layout table), every picture with an
alternative text that is a sentence (not a file name, not base64), every slide with its title
in the slide's title placeholder.
Usage: office_accessibility.py LANGUAGE FILE..."""
import re
import sys
import zipfile

language = sys.argv[1]
problems = []


def say(path, what):
    problems.append("%s: %s" % (path, what))


def metadata(path, z, part):
    xml = z.read(part).decode("utf-8")
    title = re.search(r"<dc:title>([^<]+)</dc:title>", xml)
    if not title or not title.group(1).strip():
        say(path, "no title in " + part)
    if "<dc:language>%s</dc:language>" % language not in xml:
        say(path, "no <dc:language>%s</dc:language> in %s" % (language, part))


def alt_texts(path, xml):
    for alt in re.findall(r'<(?:pic:cNvPr|wp:docPr)\b[^>]*?\bdescr="([^"]*)"', xml):
        if len(alt.split()) < 3 or "base64" in alt or alt.startswith("data:") or len(alt) > 400:
            say(path, "a picture's alternative text is not a sentence: %r" % alt[:80])
    for tag in re.findall(r"<(?:pic:cNvPr|wp:docPr)\b[^>]*>", xml):
        if "descr=" not in tag:
            say(path, "a picture without alternative text: %s" % tag[:80])


for path in sys.argv[2:]:
    z = zipfile.ZipFile(path)
    names = z.namelist()
    if path.endswith(".docx"):
        metadata(path, z, "docProps/core.xml")
        styles = z.read("word/styles.xml").decode("utf-8")
        if not re.search(r'<w:lang\b[^>]*w:val="%s' % re.escape(language), styles):
            say(path, "the styles give no w:lang %s" % language)
        xml = z.read("word/document.xml").decode("utf-8")
        if not re.search(r'<w:pStyle w:val="Heading[1-6]"', xml):
            say(path, "no paragraph in a Heading style")
        for n, table in enumerate(re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S), start=1):
            # A table without a header (writing lines) says so (firstRow="0"): a layout table.
            if 'w:firstRow="1"' not in table:
                continue
            first = re.search(r"<w:tr\b.*?</w:tr>", table, re.S)
            if not first or "<w:tblHeader" not in first.group(0):
                say(path, "table %d: its first row is not a repeating header row" % n)
        alt_texts(path, xml)
    elif path.endswith(".odt"):
        metadata(path, z, "meta.xml")
        xml = z.read("content.xml").decode("utf-8")
        if not re.search(r"<text:h\b[^>]*text:outline-level=\"[1-6]\"", xml):
            say(path, "no heading (text:h with an outline level)")
        for n, table in enumerate(re.findall(r"<table:table .*?</table:table>", xml, re.S),
                                  start=1):
            # Writing lines are one column and have no header; every other table has one.
            columns = sum(int(c or 1) for c in re.findall(
                r'<table:table-column\b[^>]*?(?:table:number-columns-repeated="(\d+)")?[^>]*/>',
                table))
            if columns > 1 and "<table:table-header-rows>" not in table:
                say(path, "table %d: no repeating header row" % n)
        for frame in re.findall(r"<draw:frame\b.*?</draw:frame>", xml, re.S):
            if "<svg:desc>" not in frame and "<svg:title>" not in frame:
                say(path, "a picture without alternative text")
    elif path.endswith(".pptx"):
        metadata(path, z, "docProps/core.xml")
        slides = sorted((n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                        key=lambda n: int(re.search(r"\d+", n).group(0)))
        if not slides:
            say(path, "no slides")
        for name in slides:
            xml = z.read(name).decode("utf-8")
            shape = re.search(r'<p:sp>(?:(?!</p:sp>).)*<p:ph type="(?:title|ctrTitle)"'
                              r'(?:(?!</p:sp>).)*</p:sp>', xml, re.S)
            if not shape or not "".join(re.findall(r"<a:t>([^<]*)", shape.group(0))).strip():
                say(path, "%s: no title in the title placeholder" % name)
            for run in re.findall(r"<a:(?:rPr|endParaRPr)\b[^>]*>", xml):
                if 'lang="%s"' % language not in run:
                    say(path, "%s: a run without lang=%s: %s" % (name, language, run))
                    break
            alt_texts(path, xml)
    else:
        say(path, "not a DOCX, ODT or PPTX")
    print("%s: read" % path)
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
