"""coachkit's PDF worker: renders HTML files to PDF with WeasyPrint, one request per line.

coachkit starts a few of these and keeps them for a whole build, so WeasyPrint's start-up
(about 0.6 s) is paid once per worker instead of once per PDF.

Each request is a line of JSON, {"html": PATH, "pdf": PATH, "base_url": URL, "fit_to_one_page":
BOOL, "environment": {NAME: VALUE}}; each answer is a line of JSON, {"ok": true} or {"ok": false,
"error": TEXT}. The environment (SOURCE_DATE_EPOCH, which fontTools writes into the embedded
fonts) is set for that request only. The worker ends at end of input.

With fit_to_one_page, the root font size is searched (bisection, each try laid out by WeasyPrint
itself) for the largest size at which the document is still one page, so text shrinks to fit
and grows to fill. Themes size text in rem/em for this to scale everything. With
"smallest_font_pt", text that fits only below that size is refused with {"ok": false,
"content": true, "error": TEXT} saying how much to cut.

A request {"contact_sheet": [{"png": PATH, "title": TEXT}, ...], "title": TEXT, "pdf": PATH}
lays out one landscape A4 page of those pictures with their names.
"""

import json
import os
import pathlib
import sys
import traceback


SMALLEST_PT, LARGEST_PT, TRIES = 4.0, 400.0, 14


class ContentError(Exception):
    """The content, not the tools, is at fault: too much text for the frame."""


def word_count(document):
    root = getattr(document, "etree_element", None)
    if root is None:
        return 0
    body = root.find(".//{http://www.w3.org/1999/xhtml}body")
    if body is None:
        body = root.find(".//body")
    return len(" ".join((body if body is not None else root).itertext()).split())


def too_wide(box, right=None):
    """Whether a word sticks out of its block: fitted text never breaks or clips a word."""
    if type(box).__name__ == "LineBox":
        for child in box.children:
            if child.position_x + child.margin_width() > right + 0.01:
                return True
        return False
    if hasattr(box, "content_box_x") and isinstance(getattr(box, "width", None), (int, float)):
        right = box.content_box_x() + box.width
    return any(too_wide(child, right) for child in getattr(box, "children", ()))


def fits(rendered):
    return len(rendered.pages) == 1 and not too_wide(rendered.pages[0]._page_box)


def fit_to_one_page(weasyprint, document, smallest_legible):
    # Words are never broken to fit (pandoc's page breaks them otherwise): a word wider than its
    # line counts as not fitting, and the text gets smaller.
    def layout(size):
        css = weasyprint.CSS(string="html { font-size: %.3fpt !important; } "
                                    "body { font-size: 1rem !important; "
                                    "overflow-wrap: normal !important; }" % size)
        return document.render(stylesheets=[css])

    def too_much(fits_at):
        # Text takes room in proportion to the square of its size.
        cut = 1 - (fits_at / smallest_legible) ** 2
        words = word_count(document)
        how_much = "about %d%% of its text" % max(1, round(cut * 100))
        if words:
            how_much += " (some %d of its %d words)" % (max(1, round(cut * words)), words)
        if fits_at <= SMALLEST_PT:
            return ContentError(
                "too much text for one page: it does not fit even at %g pt, and the smallest "
                "legible size for this frame is %g pt; cut more than %s, or print it larger"
                % (SMALLEST_PT, smallest_legible, how_much))
        return ContentError(
            "too much text for one page: it fits only at %.1f pt, below %g pt, the smallest "
            "legible size for this frame; cut %s, or print it larger"
            % (fits_at, smallest_legible, how_much))

    low = layout(SMALLEST_PT)
    if not fits(low):
        if smallest_legible:
            raise too_much(SMALLEST_PT)
        raise RuntimeError("the text does not fit on one page even at %g pt" % SMALLEST_PT)
    low_size, high_size = SMALLEST_PT, LARGEST_PT
    # Start where a legible poster must be: one try tells whether it is.
    if smallest_legible and smallest_legible > SMALLEST_PT:
        attempt = layout(smallest_legible)
        if fits(attempt):
            low, low_size = attempt, smallest_legible
        else:
            high_size = smallest_legible
    for _ in range(TRIES):
        if high_size - low_size < 0.05:
            break
        middle = (low_size + high_size) / 2
        attempt = layout(middle)
        if fits(attempt):
            low, low_size = attempt, middle
        else:
            high_size = middle
    if smallest_legible and low_size < smallest_legible:
        raise too_much(low_size)
    return low


def contact_sheet(weasyprint, request):
    """One page of thumbnails: each picture with its name under it."""
    import html
    cells = "".join(
        '<figure><img src="%s"><figcaption>%s</figcaption></figure>'
        % (html.escape(pathlib.Path(entry["png"]).resolve().as_uri(), quote=True),
           html.escape(entry["title"]))
        for entry in request["contact_sheet"])
    count = max(1, len(request["contact_sheet"]))
    per_row = 2 if count <= 4 else 3 if count <= 9 else 4
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>%s</title><style>"
            "@page { size: A4 landscape; margin: 10mm; }"
            "body { font-family: 'DejaVu Sans', sans-serif; margin: 0; }"
            "h1 { font-size: 14pt; margin: 0 0 4mm; color: #1a365d; }"
            "figure { display: inline-block; vertical-align: top; width: %.2f%%; margin: 0 0 4mm;"
            " text-align: center; }"
            "img { max-width: 92%%; max-height: %.1fmm; border: 0.3pt solid #999; }"
            "figcaption { font-size: 8pt; color: #333; margin-top: 1mm; }"
            "</style></head><body><h1>%s</h1>%s</body></html>"
            % (html.escape(request.get("title", "")), 100.0 / per_row - 0.5,
               (190 - 12) / ((count + per_row - 1) // per_row) - 10,
               html.escape(request.get("title", "")), cells))
    weasyprint.HTML(string=page, base_url=request.get("base_url", ".")).write_pdf(request["pdf"])


def render(weasyprint, request):
    environment = request.get("environment") or {}
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        if "contact_sheet" in request:
            contact_sheet(weasyprint, request)
            return
        document = weasyprint.HTML(filename=request["html"], base_url=request["base_url"])
        if request.get("fit_to_one_page"):
            smallest = float(request.get("smallest_font_pt") or 0)
            fit_to_one_page(weasyprint, document, smallest).write_pdf(request["pdf"])
        else:
            document.write_pdf(request["pdf"])
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def main():
    try:
        import weasyprint
    except Exception as error:  # reported as the answer to every request
        weasyprint, start_error = None, "cannot import weasyprint: %s" % error
    print(json.dumps({"ready": weasyprint is not None,
                      "version": getattr(weasyprint, "__version__", "")}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            if weasyprint is None:
                raise RuntimeError(start_error)
            render(weasyprint, json.loads(line))
            answer = {"ok": True}
        except ContentError as error:
            answer = {"ok": False, "content": True, "error": str(error)}
        except Exception as error:
            answer = {"ok": False,
                      "error": "".join(traceback.format_exception_only(type(error), error)).strip()}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
