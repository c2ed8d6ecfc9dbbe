#!/usr/bin/env python3
"""Makes every theme's reference documents: reference.docx, reference.odt and reference.pptx.

    tools/make_reference_docs.py [THEMES_DIR]      (default: content/themes)

Each starts from pandoc's own (`pandoc --print-default-data-file reference.X`) and takes the
theme's fonts and colours (THEMES below, matching the theme's style.css): DOCX and PPTX through
their Office theme (fonts, accent colours) and heading styles, ODT through its font
declarations and paragraph styles. DOCX tables get ruled cells and a shaded header row (pandoc's
table style has no borders); the core adds the worksheet rules to DOCX and ODT when it renders
(core/src/render/table_rules.cpp). The results are committed; run this again when a look changes.
Zip entries are written in pandoc's order with a fixed date, so the same pandoc gives the same
bytes.
"""

import os
import re
import subprocess
import sys
import zipfile

THEMES = {
    # name: body font, heading font, heading colour, accent colour, table header fill
    "default": ("DejaVu Sans", "DejaVu Sans", "1A365D", "2B6CB0", "EBF4FF"),
    "classic": ("EB Garamond", "EB Garamond", "5A1E1B", "8A6D3B", "F4EDE0"),
    "modern": ("Lato", "Lato", "0F2C3F", "E0663A", "EEF3F6"),
}
RULE = "8A94A6"
# "page / pages" at the bottom right, as the PDF's @page rule prints it (8 pt, grey).
FOOTER_RUN = '<w:r><w:rPr><w:color w:val="777777"/><w:sz w:val="16"/></w:rPr>%s</w:r>'
DOCX_FOOTER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<w:p><w:pPr><w:jc w:val="right"/></w:pPr>' + "".join(FOOTER_RUN % part for part in (
        '<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>', '<w:t>1</w:t>', '<w:fldChar w:fldCharType="end"/>',
        '<w:t xml:space="preserve"> / </w:t>', '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> NUMPAGES </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>', '<w:t>1</w:t>', '<w:fldChar w:fldCharType="end"/>'))
    + '</w:p></w:ftr>')
FOOTER_RELATION = ('<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/footer" Id="rId40" Target="footer1.xml" />')
FOOTER_TYPE = ('<Override PartName="/word/footer1.xml" ContentType="application/'
               'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>')
# A4 with the PDF's margins; the renderer sets the build's paper (core/src/render/office_page.cpp).
DOCX_SECTION = ('<w:sectPr><w:footerReference w:type="default" r:id="rId40"/>'
                '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="907" w:right="907" '
                'w:bottom="907" w:left="907" w:header="454" w:footer="454" w:gutter="0"/>'
                '</w:sectPr>')
FIXED_DATE = (2024, 1, 1, 0, 0, 0)


def pandoc_default(name):
    return subprocess.run(["pandoc", "--print-default-data-file", name], check=True,
                          capture_output=True).stdout


def rewrite(original, output, edit, added=()):
    """Copies the zip `original` (bytes) to `output`, passing each text entry through edit;
    `added` (name, text) entries follow."""
    import io
    with zipfile.ZipFile(io.BytesIO(original)) as zin, \
            zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as zout:
        entries = [(item.filename, zin.read(item.filename)) for item in zin.infolist()]
        entries += [(name, text.encode("utf-8")) for name, text in added]
        for filename, data in entries:
            if filename.endswith(".xml") or filename.endswith(".rels"):
                data = edit(filename, data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(filename, FIXED_DATE)
            info.compress_type = zipfile.ZIP_STORED if filename == "mimetype" \
                else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)


def must_sub(pattern, replacement, text, count=0, flags=0):
    result, n = re.subn(pattern, replacement, text, count=count, flags=flags)
    if n == 0:
        sys.exit("pandoc's reference document changed: no match for " + pattern)
    return result


def office_theme(text, body, heading, colour, accent):
    text = must_sub(r'(<a:majorFont>\s*<a:latin typeface=")[^"]*"', r'\g<1>' + heading + '"', text)
    text = must_sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*"', r'\g<1>' + body + '"', text)
    text = must_sub(r'(<a:dk2>\s*<a:srgbClr val=")[0-9A-Fa-f]{6}', r'\g<1>' + colour, text)
    text = must_sub(r'(<a:accent1>\s*<a:srgbClr val=")[0-9A-Fa-f]{6}', r'\g<1>' + accent, text)
    return text


def docx(theme, out):
    body, heading, colour, accent, fill = THEMES[theme]
    borders = "".join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="%s"/>' % (side, RULE)
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    cell_margins = ('<w:tblCellMar><w:top w:w="90" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
                    '<w:bottom w:w="150" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
                    '</w:tblCellMar>')

    def edit(name, text):
        if name == "word/theme/theme1.xml":
            return office_theme(text, body, heading, colour, accent)
        # Page numbers in a footer, on A4 with the PDF's margins.
        if name == "word/document.xml":
            return must_sub(r"<w:sectPr\s*/>", DOCX_SECTION, text, count=1)
        if name == "word/_rels/document.xml.rels":
            return must_sub(r"(</Relationships>)", FOOTER_RELATION + r"\1", text, count=1)
        if name == "[Content_Types].xml":
            return must_sub(r"(</Types>)", FOOTER_TYPE + r"\1", text, count=1)
        if name == "word/styles.xml":
            # Headings and the title in the theme's colour, not Office's blue.
            text = must_sub(r'<w:color w:val="[0-9A-F]{6}" w:themeColor="accent1"[^/]*/>',
                            '<w:color w:val="%s"/>' % colour, text)
            start = text.index('w:styleId="Table"')
            end = text.index("</w:style>", start)
            table = must_sub(r"<w:tblCellMar>.*?</w:tblCellMar>",
                             "<w:tblBorders>" + borders + "</w:tblBorders>" + cell_margins,
                             text[start:end], count=1, flags=re.S)
            table = must_sub(r'<w:vAlign w:val="bottom"\s*/>',
                             '<w:shd w:val="clear" w:color="auto" w:fill="%s"/>'
                             '<w:vAlign w:val="bottom"/>' % fill, table, count=1)
            return text[:start] + table + text[end:]
        return text

    rewrite(pandoc_default("reference.docx"), out, edit, [("word/footer1.xml", DOCX_FOOTER)])


def odt(theme, out):
    body, heading, colour, accent, fill = THEMES[theme]

    def face(font, generic):
        return ('<style:font-face style:name="%s" svg:font-family="&apos;%s&apos;" '
                'style:font-family-generic="%s" style:font-pitch="variable" />' % (font, font, generic))

    generic = "roman" if theme == "classic" else "swiss"

    def edit(name, text):
        if name != "styles.xml":
            return text
        # A4 with the PDF's margins, "page / pages" at the bottom right.
        text = must_sub(r'fo:page-width="8.5in"\s+fo:page-height="11in"',
                        'fo:page-width="21cm" fo:page-height="29.7cm"', text, count=1)
        text = must_sub(r'(<text:p text:style-name="MP1">\s*<text:page-number '
                        r'text:select-page="current">\s*1</text:page-number>)',
                        r'\1 / <text:page-count>1</text:page-count>', text, count=1)
        text = must_sub(r'(style:name="MP1".*?fo:text-align=")center"(.*?/>)',
                        r'\1end"\2<style:text-properties fo:font-size="8pt" '
                        r'fo:color="#777777" />', text, count=1, flags=re.S)
        fonts = face(body, generic) + (face(heading, generic) if heading != body else "")
        text = must_sub(r"(<office:font-face-decls>)", r"\1" + fonts, text, count=1)
        # The default paragraph font, then headings and the title in the theme's font and colour.
        text = must_sub(r'style:font-name="Times New Roman"', 'style:font-name="%s"' % body, text)
        text = must_sub(r'(style:name="Heading" .*?<style:text-properties )style:font-name="Arial"',
                        r'\1style:font-name="%s" fo:color="#%s"' % (heading, colour), text,
                        count=1, flags=re.S)
        text = must_sub(r'(<style:style style:name="Table_20_Heading".*?<style:text-properties )',
                        r'\1fo:color="#%s" ' % colour, text, count=1, flags=re.S)
        # Table text a size at which a five-cause grid's labels fit their columns unbroken.
        text = must_sub(r'(<style:style style:name="Table_20_Contents".*?)(</style:style>)',
                        r'\1<style:text-properties fo:font-size="10pt" '
                        r'style:font-size-asian="10pt" style:font-size-complex="10pt" />\2',
                        text, count=1, flags=re.S)
        # Headings shrink level by level (pandoc's make level 2 italic and level 3 as large, so
        # an activity's title looked smaller than its own "Steps").
        for level, size in ((1, "20pt"), (2, "16pt"), (3, "13.5pt"), (4, "12pt"), (5, "11pt"),
                            (6, "10.5pt")):
            text = must_sub(r'(<style:style style:name="Heading_20_%d".*?<style:text-properties )'
                            r'(.*?)(/>)' % level,
                            lambda m, size=size: m.group(1) + re.sub(
                                r'\s*(fo|style):font-(size|style)(-asian|-complex)?="[^"]*"', "", m.group(2)) +
                            ' fo:font-size="%s" style:font-size-asian="%s" '
                            'style:font-size-complex="%s" ' % (size, size, size) + m.group(3),
                            text, count=1, flags=re.S)
        # pandoc's reference.odt leaves the title to LibreOffice's own style; the theme's:
        titles = ('<style:style style:name="Title" style:family="paragraph" '
                  'style:parent-style-name="Heading" style:next-style-name="Subtitle" '
                  'style:class="chapter"><style:paragraph-properties fo:margin-bottom="0.05in" fo:text-align="center" />'
                  '<style:text-properties fo:font-size="24pt" fo:font-weight="bold" '
                  'fo:color="#%s" /></style:style>'
                  '<style:style style:name="Subtitle" style:family="paragraph" '
                  'style:parent-style-name="Heading" style:next-style-name="Text_20_body" '
                  'style:class="chapter"><style:paragraph-properties fo:margin-top="0in" fo:text-align="center" '
                  'fo:margin-bottom="0.15in" fo:border-bottom="2.2pt solid #%s" '
                  'fo:padding-bottom="0.06in" /><style:text-properties fo:font-size="13pt" '
                  'fo:color="#4A5568" /></style:style>' % (colour, accent))
        text = must_sub(r"(</office:styles>)", titles + r"\1", text, count=1)
        return text

    rewrite(pandoc_default("reference.odt"), out, edit)


# The slide decks' look: page and text colours, titles, an accent bar on every slide, and the
# title and section slides on the theme's dark colour (dividers a room can see from the back).
DECKS = {
    # name: background, text, title, accent, cover background, cover title, cover subtitle
    "default": ("FFFFFF", "1F2933", "1A365D", "2B6CB0", "1A365D", "FFFFFF", "C3DAFE"),
    "classic": ("FBF7EF", "2B2118", "5A1E1B", "8A6D3B", "5A1E1B", "FBF7EF", "E8D9BC"),
    "modern": ("FFFFFF", "1F2933", "0F2C3F", "E0663A", "0F2C3F", "FFFFFF", "A9C3D3"),
}


def solid(colour):
    return '<a:solidFill><a:srgbClr val="%s"/></a:solidFill>' % colour


def slide_background(colour):
    return '<p:bg><p:bgPr>%s<a:effectLst/></p:bgPr></p:bg>' % solid(colour)


def accent_bar(shape_id, colour, y, height):
    """A rectangle the width of the slide, with no text."""
    return ('<p:sp><p:nvSpPr><p:cNvPr id="%d" name="Accent bar"/><p:cNvSpPr/><p:nvPr '
            'userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="%d"/><a:ext cx="9144000" '
            'cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>%s<a:ln><a:noFill/>'
            '</a:ln></p:spPr></p:sp>' % (shape_id, y, height, solid(colour)))


def pptx(theme, out):
    body, heading, colour, accent, fill = THEMES[theme]
    background, text_colour, title, accent, cover, cover_title, cover_sub = DECKS[theme]

    def cover_layout(text):
        # The title and section slides: the cover colour, the master's bar hidden, light text.
        text = must_sub(r'(<p:cSld name="[^"]*">)', r'\1' + slide_background(cover), text, count=1)
        text = must_sub(r'(<p:sldLayout [^>]*?)(>)', r'\1 showMasterSp="0"\2', text, count=1)
        if 'type="ctrTitle"' in text:
            text = must_sub(r'(<p:ph type="ctrTitle"/>.*?)<a:lstStyle/>',
                            r'\1<a:lstStyle><a:lvl1pPr><a:defRPr>%s</a:defRPr></a:lvl1pPr>'
                            r'</a:lstStyle>' % solid(cover_title), text, count=1, flags=re.S)
        else:
            text = must_sub(r'<a:defRPr sz="3000" b="1" cap="all"/>',
                            '<a:defRPr sz="3000" b="1" cap="all">%s</a:defRPr>'
                            % solid(cover_title), text, count=1)
        text = re.sub(r'<a:schemeClr val="tx1"><a:tint val="75000"/></a:schemeClr>',
                      '<a:srgbClr val="%s"/>' % cover_sub, text)
        # A short bar in the accent colour under the title.
        return must_sub(r'(</p:grpSpPr>)', r'\1' + accent_bar(20, accent, 4900000, 91440),
                        text, count=1)

    def edit(name, text):
        if name == "ppt/theme/theme1.xml":
            text = office_theme(text, body, heading, colour, accent)
            text = must_sub(r'<a:dk1>.*?</a:dk1>', '<a:dk1><a:srgbClr val="%s"/></a:dk1>'
                            % text_colour, text, count=1, flags=re.S)
            return must_sub(r'<a:lt1>.*?</a:lt1>', '<a:lt1><a:srgbClr val="%s"/></a:lt1>'
                            % background, text, count=1, flags=re.S)
        if name in ("ppt/slideLayouts/slideLayout1.xml", "ppt/slideLayouts/slideLayout3.xml"):
            return cover_layout(text)
        if name == "ppt/slideLayouts/slideLayout4.xml":
            # The do's and don'ts columns: a size at which three or four behaviours fit a column.
            return re.sub(r'sz="(2100|1800|1500)"',
                          lambda m: 'sz="%s"' % {"2100": "1800", "1800": "1600",
                                                 "1500": "1400"}[m.group(1)], text)
        if name == "ppt/slideMasters/slideMaster1.xml":
            text = must_sub(r'<p:bg>.*?</p:bg>', slide_background(background), text, count=1,
                            flags=re.S)
            text = must_sub(r'(</p:grpSpPr>)', r'\1' + accent_bar(20, accent, 0, 73152), text,
                            count=1)
            # Titles in the theme's colour, at a size at which "…: discussion" fits one line;
            # body text a size at which an activity's steps fit.
            start = text.index("<p:titleStyle>")
            end = text.index("</p:titleStyle>", start)
            styled = must_sub(r'<a:schemeClr val="tx1"/>', '<a:srgbClr val="%s"/>' % title,
                              text[start:end], count=1)
            styled = must_sub(r'sz="3300"', 'sz="2800"', styled, count=1)
            text = text[:start] + styled + text[end:]
            start = text.index("<p:bodyStyle>")
            end = text.index("</p:bodyStyle>", start)
            sizes = {"2400": "2000", "2100": "1800", "1800": "1600"}
            styled = re.sub(r'sz="(2400|2100|1800)"', lambda m: 'sz="%s"' % sizes[m.group(1)],
                            text[start:end])
            return text[:start] + styled + text[end:]
        return text

    rewrite(pandoc_default("reference.pptx"), out, edit)


def main():
    themes_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "content", "themes")
    for theme in THEMES:
        folder = os.path.join(themes_dir, theme)
        os.makedirs(folder, exist_ok=True)
        docx(theme, os.path.join(folder, "reference.docx"))
        odt(theme, os.path.join(folder, "reference.odt"))
        pptx(theme, os.path.join(folder, "reference.pptx"))
        print("made", folder)


if __name__ == "__main__":
    main()
