"""Unpacks a Canvas QTI zip with Python's zipfile and parses every XML file in it with
ElementTree (independent readers), then prints what it found as JSON: the files, whether the
identifiers agree, and each item's metadata and texts (text/plain mattext as it is, text/html
mattext as the text an HTML reader shows)."""
import html
import html.parser
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
CANVAS = "{http://canvas.instructure.com/xsd/cccv1p0}"



class _Shown(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def shown(mattext):
    if mattext.get("texttype", "text/plain") == "text/plain":
        return mattext.text or ""
    p = _Shown()
    p.feed(mattext.text or "")
    p.close()
    return "".join(p.parts)


archive = zipfile.ZipFile(sys.argv[1])
bad = archive.testzip()
names = archive.namelist()
trees = {name: ET.fromstring(archive.read(name)) for name in names if name.endswith(".xml")}
manifest = trees["imsmanifest.xml"]
hrefs = [f.get("href") for f in manifest.iter(CP + "file")]
resources = [r.get("identifier") for r in manifest.iter(CP + "resource")]
meta_name = [n for n in names if n.endswith("/assessment_meta.xml")][0]
meta = trees[meta_name]
assessment_name = [n for n in names if n.endswith(".xml") and n not in ("imsmanifest.xml", meta_name)][0]
assessment = trees[assessment_name].find(QTI + "assessment")
items = []
for item in assessment.iter(QTI + "item"):
    fields = {f.find(QTI + "fieldlabel").text: f.find(QTI + "fieldentry").text
              for f in item.iter(QTI + "qtimetadatafield")}
    texts = [shown(m) for m in item.iter(QTI + "mattext")]
    items.append({"title": item.get("title"), "question_type": fields.get("question_type"),
                  "points_possible": fields.get("points_possible"), "texts": texts})
print(json.dumps({
    "bad_entry": bad,
    "files": names,
    "dates": [list(info.date_time) for info in archive.infolist()],
    "all_hrefs_present": all(h in names for h in hrefs),
    "assessment_ident": assessment.get("ident"),
    "meta_identifier": meta.get("identifier"),
    "meta_quiz_ref": meta.find(CANVAS + "assignment").find(CANVAS + "quiz_identifierref").text,
    "manifest_resources": resources,
    "items": items,
}))
