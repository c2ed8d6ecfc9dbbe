#!/usr/bin/env python3
"""Makes a theme's reference.docx: pandoc's own, with tables that print as grids.

    make_reference_docx.py OUTPUT

pandoc's default table style has no borders, so a worksheet would print as empty space. This
takes pandoc's reference.docx and gives its "Table" style borders around every cell and room
to write in. Run it again only when the look should change; the result is committed.
"""

import re
import subprocess
import sys
import zipfile

BORDERS = """<w:tblBorders>
        <w:top w:val="single" w:sz="4" w:space="0" w:color="8A94A6"/>
        <w:left w:val="single" w:sz="4" w:space="0" w:color="8A94A6"/>
        <w:bottom w:val="single" w:sz="4" w:space="0" w:color="8A94A6"/>
        <w:right w:val="single" w:sz="4" w:space="0" w:color="8A94A6"/>
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="8A94A6"/>
        <w:insideV w:val="single" w:sz="4" w:space="0" w:color="8A94A6"/>
      </w:tblBorders>
      <w:tblCellMar>
        <w:top w:w="90" w:type="dxa" />
        <w:left w:w="108" w:type="dxa" />
        <w:bottom w:w="150" w:type="dxa" />
        <w:right w:w="108" w:type="dxa" />
      </w:tblCellMar>"""

HEADER_SHADING = '<w:shd w:val="clear" w:color="auto" w:fill="EBF4FF"/>\n        <w:vAlign w:val="bottom"/>'


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_reference_docx.py OUTPUT")
    original = subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"],
                              check=True, capture_output=True).stdout
    source = sys.argv[1] + ".pandoc-default"
    with open(source, "wb") as f:
        f.write(original)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                styles = data.decode("utf-8")
                start = styles.index('w:styleId="Table"')
                end = styles.index("</w:style>", start)
                table = styles[start:end]
                table, count = re.subn(r"<w:tblCellMar>.*?</w:tblCellMar>", BORDERS, table,
                                       count=1, flags=re.S)
                if count != 1:
                    sys.exit("pandoc's reference.docx has no table cell margins to replace")
                table = table.replace('<w:vAlign w:val="bottom"/>', HEADER_SHADING, 1)
                data = (styles[:start] + table + styles[end:]).encode("utf-8")
            zout.writestr(item, data)
    import os
    os.remove(source)


if __name__ == "__main__":
    main()
