"""coachkit's PDF worker: renders HTML files to PDF with WeasyPrint, one request per line.

coachkit starts a few of these and keeps them for a whole build, so WeasyPrint's start-up
(about 0.6 s) is paid once per worker instead of once per PDF.

Each request is a line of JSON, {"html": PATH, "pdf": PATH, "base_url": URL, "fit_to_one_page":
BOOL, "environment": {NAME: VALUE}}; each answer is a line of JSON, {"ok": true} or {"ok": false,
"error": TEXT}. The environment (SOURCE_DATE_EPOCH, which fontTools writes into the embedded
fonts) is set for that request only. The worker ends at end of input.

With fit_to_one_page, the root font size is searched (each try laid out by WeasyPrint itself,
the next size estimated from how full the last try was) for the largest size at which the
document is still one page with no word wider than its line, so text shrinks to fit and grows
to fill. Themes size text in rem/em for this to scale everything. With
"smallest_font_pt", text that fits only below that size is refused with {"ok": false,
"content": true, "error": TEXT} saying how much to cut.

Every stylesheet, font and picture a document asks for goes through one URL fetcher: it reads
data: URLs and files inside the theme's folder (the base_url, symbolic links followed) and
nothing else, for every theme, so a theme that came with a pack can neither read the machine's
files nor reach the network. A successful answer lists what was refused, {"ok": true,
"refused": [URL, ...]}.

Run as `coachkit-pdf-worker.py --once`, it answers one request and ends: the one-PDF-per-process
path (COACHKIT_PDF_WORKERS=0) goes through the same fetcher.

A document (not fitted) whose last page would be nearly empty is set up to 12 % smaller where
that saves the page (without_short_last_page).

A worker keeps, from one document to the next, what does not depend on the document: one
FontConfiguration (fontconfig's and Pango's font loading), the parsed <style> sheets (pandoc
writes the same ones into every page), and each font subset already made for the same glyphs.
Each is what WeasyPrint would make again, so the PDFs are the same bytes (see WorkerCaches).
"""

import json
import os
import sys
import traceback


SMALLEST_PT, LARGEST_PT, TRIES = 4.0, 400.0, 12

# A last page filled less than this share of a page is set tighter where that saves the page,
# its text no smaller than this share of its size (see without_short_last_page).
SHORT_LAST_PAGE, SMALLEST_SCALE = 0.25, 0.88

# Every PDF is tagged (WeasyPrint's PDF/UA-1 variant): a structure tree of headings, paragraphs,
# lists and tables from the HTML, the document's language and title, the title shown by viewers.
# docs/accessibility.md says what WeasyPrint 57 leaves out.
TAGGED = {"variant": "pdf/ua-1"}


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


def widest(box, right=None, left=None):
    """How far the widest word sticks out of its block, as a ratio of the room it has (1: none
    does). Fitted text never breaks or clips a word, so a poster whose word is too wide does
    not fit."""
    worst = 1.0
    if type(box).__name__ == "LineBox":
        for child in box.children:
            room = right - left
            if room > 0 and child.position_x + child.margin_width() > right + 0.01:
                worst = max(worst, (child.position_x + child.margin_width() - left) / room)
        return worst
    if hasattr(box, "content_box_x") and isinstance(getattr(box, "width", None), (int, float)):
        left = box.content_box_x()
        right = left + box.width
    for child in getattr(box, "children", ()):
        worst = max(worst, widest(child, right, left))
    return worst


def content_bottom(box):
    """The bottom of the lowest line or picture: block boxes may stretch to the page's end."""
    if type(box).__name__ in ("LineBox", "InlineReplacedBox", "BlockReplacedBox"):
        return box.position_y + box.margin_height()
    return max((content_bottom(child) for child in getattr(box, "children", ())), default=0.0)


class WorkerCaches:
    """What a worker reuses across documents, none of which changes a PDF's bytes.

    - One FontConfiguration for every layout (WeasyPrint makes one per layout otherwise, which
      loads fontconfig's configuration and starts Pango's font map cold). A layout that adds an
      @font-face font to it retires it, so no document sees another's fonts.
    - Parsed <style> sheets, by their text, base URL and medium. Only sheets whose at-rules are
      all @page and @media are kept: those have no effect beyond their selectors and page rules
      (@import, @font-face and @counter-style reach the fetcher, the fonts or the counters). A
      sheet from the cache adds its page rules to the document's list, as parsing it would.
    - Font subsets (fontTools' output for a font file and a set of glyphs, about half of a
      handout's PDF time), by the font file, the glyphs and SOURCE_DATE_EPOCH (fontTools writes
      it into the font); variable fonts, whose instance depends on the text's size and
      weight, are not kept. The subsets are kept up to SUBSET_BYTES, oldest dropped first.

    Each is installed only where WeasyPrint has the function it wraps (57 and its neighbours);
    otherwise the worker renders as WeasyPrint does without it."""

    SUBSET_BYTES = 64 << 20

    def __init__(self, weasyprint):
        import collections
        self.weasyprint = weasyprint
        self.font_config = None
        self.sheets = {}
        self.subsets = collections.OrderedDict()
        self.subset_bytes = 0
        try:
            from weasyprint.text.fonts import FontConfiguration
            self.make_font_config = FontConfiguration
        except Exception:
            self.make_font_config = None
        self.install_sheets()
        self.install_subsets()

    def render(self, document, stylesheets=None):
        """document.render, with the worker's FontConfiguration."""
        if self.make_font_config is None:
            return document.render(stylesheets=stylesheets)
        if self.font_config is None:
            self.font_config = self.make_font_config()
        font_config = self.font_config
        try:
            return document.render(stylesheets=stylesheets, font_config=font_config)
        finally:
            folder = getattr(font_config, "_folder", None)
            # The folder holds the fonts and configuration an @font-face rule added.
            if folder is None or any(os.scandir(folder)):
                self.font_config = None

    def install_sheets(self):
        import weasyprint.css as css_module
        plain_css = getattr(css_module, "CSS", None)
        if plain_css is None or not hasattr(css_module, "find_stylesheets"):
            return
        import tinycss2
        caches = self

        class Sheet:
            """A parsed sheet as the cascade reads it: its matcher and the page rules."""
            __slots__ = ("matcher", "page_rules", "base_url")

        def only_page_and_media(rules):
            for rule in rules:
                if rule.type != "at-rule":
                    continue
                if rule.lower_at_keyword == "media":
                    if not only_page_and_media(
                            tinycss2.parse_rule_list(rule.content or [], skip_comments=True)):
                        return False
                elif rule.lower_at_keyword != "page":
                    return False
            return True

        def css(*args, **kwargs):
            string = kwargs.get("string")
            page_rules = kwargs.get("page_rules")
            if (args or not isinstance(string, str) or page_rules is None
                    or set(kwargs) - {"string", "base_url", "url_fetcher", "media_type",
                                      "font_config", "counter_style", "page_rules"}):
                return plain_css(*args, **kwargs)
            key = (string, kwargs.get("base_url"), kwargs.get("media_type"))
            kept = caches.sheets.get(key)
            if kept is None:
                before = len(page_rules)
                parsed = plain_css(*args, **kwargs)
                if not only_page_and_media(tinycss2.parse_stylesheet(string,
                                                                     skip_comments=True)):
                    return parsed
                kept = (parsed.matcher, parsed.base_url, tuple(page_rules[before:]))
                caches.sheets[key] = kept
                return parsed
            sheet = Sheet()
            sheet.matcher, sheet.base_url = kept[0], kept[1]
            page_rules.extend(kept[2])
            sheet.page_rules = page_rules
            return sheet

        css_module.CSS = css

    def install_subsets(self):
        try:
            from weasyprint.pdf.stream import Font
        except Exception:
            return
        plain_clean = getattr(Font, "clean", None)
        if plain_clean is None:
            return
        import hashlib
        caches = self

        def clean(font, cmap):
            epoch = os.environ.get("SOURCE_DATE_EPOCH")
            ttfont = getattr(font, "ttfont", None)
            content = getattr(font, "file_content", None)
            if (epoch is None or ttfont is None or not isinstance(content, bytes)
                    or "fvar" in ttfont):
                return plain_clean(font, cmap)
            key = (hashlib.sha256(content).digest(), getattr(font, "index", None),
                   frozenset(cmap or ()), epoch)
            kept = caches.subsets.get(key)
            if kept is not None:
                caches.subsets.move_to_end(key)
                font.file_content = kept
                return None
            plain_clean(font, cmap)
            caches.subsets[key] = font.file_content
            caches.subset_bytes += len(font.file_content)
            while caches.subset_bytes > caches.SUBSET_BYTES and len(caches.subsets) > 1:
                _, dropped = caches.subsets.popitem(last=False)
                caches.subset_bytes -= len(dropped)
            return None

        Font.clean = clean


def lay_out(caches, document, stylesheets=None):
    """document.render(stylesheets), through the worker's caches when it has them."""
    if caches is None:
        return document.render(stylesheets=stylesheets)
    return caches.render(document, stylesheets)


def fit_to_one_page(weasyprint, document, smallest_legible, caches=None):
    """The largest root font size at which the document is one page with no word too wide.

    Text needs room in proportion to the square of its size (lines get longer and taller), so
    one layout at a first size tells roughly where the answer is; a few more layouts settle it.
    That keeps a fitted poster at about three plain renders, where a bisection takes a dozen."""
    def layout(size):
        css = weasyprint.CSS(string="html { font-size: %.3fpt !important; } "
                                    "body { font-size: 1rem !important; "
                                    "overflow-wrap: normal !important; }" % size)
        rendered = lay_out(caches, document, [css])
        pages = rendered.pages
        room = pages[0]._page_box.height
        top = pages[0]._page_box.content_box_y()
        used = room * (len(pages) - 1) + content_bottom(pages[-1]._page_box) - top
        too_wide = widest(pages[0]._page_box) if len(pages) == 1 else 1.0
        fits = len(pages) == 1 and too_wide <= 1.0
        # The size at which this layout would just fill the page and no word stick out.
        estimate = size * ((room / used) ** 0.5 if used > 0 else 2.0)
        if too_wide > 1.0:
            estimate = min(estimate, size / too_wide)
        return rendered, fits, estimate

    def too_much(fits_at):
        # Text takes room in proportion to the square of its size.
        cut = 1 - (fits_at / smallest_legible) ** 2
        words = word_count(document)
        how_much = "about %d%% of its text" % max(1, round(cut * 100))
        if words:
            how_much += " (some %d of its %d words)" % (max(1, round(cut * words)), words)
        return ContentError(
            "too much text for one page: it would fit only at about %.1f pt, below %g pt, the "
            "smallest legible size for this frame; cut %s, or print it larger"
            % (fits_at, smallest_legible, how_much))

    size = smallest_legible or 12.0
    rendered, fits, estimate = layout(size)
    if not fits and smallest_legible:
        raise too_much(min(estimate, size * 0.99))
    best = (size, rendered) if fits else None
    size = max(SMALLEST_PT, min(LARGEST_PT, estimate * 0.995))
    for _ in range(TRIES):
        rendered, fits, estimate = layout(size)
        if fits:
            if best is None or size > best[0]:
                best = (size, rendered)
            bigger = min(estimate * 0.995, size * 1.06)
            if bigger <= size * 1.015 or size >= LARGEST_PT:
                break
            size = bigger
        else:
            smaller = min(estimate * 0.995, size * 0.97)
            if best is not None and smaller <= best[0]:
                break
            if size <= SMALLEST_PT:
                raise RuntimeError("the text does not fit on one page even at %g pt" % SMALLEST_PT)
            size = max(SMALLEST_PT, smaller)
    if best is None:
        raise RuntimeError("no font size between %g and %g pt fits the text on one page"
                           % (SMALLEST_PT, LARGEST_PT))
    return best[1]


# Crop marks, in points: they start this far outside the bleed (never inside it, so a trim
# that wanders stays clean), run this long, and the slug (the sheet beyond the bleed, which the
# MediaBox grows by) holds them with this much to spare.
MARK_GAP, MARK_LENGTH, MARK_SPARE = 1 / 25.4 * 72, 6 / 25.4 * 72, 1 / 25.4 * 72
# The smallest distance from the trim to a mark, bleed or no bleed.
MARK_LEAST_OFFSET = 3 / 25.4 * 72
# A black hairline over a wider white one: seen on white paper, on a dark stock, and where a
# neighbouring poster's background runs under the marks on an imposed sheet.
MARK_BLACK_WIDTH, MARK_WHITE_WIDTH = 0.5, 2.0


def take_crop_marks(rendered):
    """Which pages of a laid-out document ask for crop marks (CSS `@page { marks: crop }`).

    WeasyPrint draws its own marks inside the bleed, half the bleed long (1.5 mm for a 3 mm
    bleed), where they print on the poster's background; they are taken from its pages here, and
    the finisher draws them in a slug outside the bleed instead."""
    wanted = []
    for page in rendered.pages:
        style = page._page_box.style
        wanted.append("crop" in (style["marks"] or ()))
        style["marks"] = ()
    return wanted


def mark_strokes(trim, bleed):
    """The eight crop marks around `trim` (x0, y0, x1, y1 in points) as line segments, each
    outside `bleed`, on the lines of the trim's edges."""
    x0, y0, x1, y1 = trim
    out = []
    for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        beyond_x = abs(x - (bleed[0] if dx < 0 else bleed[2]))
        beyond_y = abs(y - (bleed[1] if dy < 0 else bleed[3]))
        start_x = max(beyond_x + MARK_GAP, MARK_LEAST_OFFSET)
        start_y = max(beyond_y + MARK_GAP, MARK_LEAST_OFFSET)
        # Along the horizontal edge (y), out to the side; along the vertical edge (x), up or down.
        out.append(((x + dx * start_x, y), (x + dx * (start_x + MARK_LENGTH), y)))
        out.append(((x, y + dy * start_y), (x, y + dy * (start_y + MARK_LENGTH))))
    return out


def marks_stream(strokes):
    """A content stream drawing `strokes` in every ink (CMYK all at 100%, registration black)
    over a white (no ink) outline, marked as a page artifact: production aids, not content,
    which a screen reader and text extraction skip."""
    def number(value):
        return ("%.3f" % value).rstrip("0").rstrip(".")
    path = " ".join("%s %s m %s %s l" % tuple(number(v) for v in (*a, *b)) for a, b in strokes)
    return ("Q\n/Artifact <</Type /Page>> BDC\nq 0 J [] 0 d\n"
            "0 0 0 0 K %s w %s S\n1 1 1 1 K %s w %s S\nQ\nEMC\n"
            % (number(MARK_WHITE_WIDTH), path, number(MARK_BLACK_WIDTH), path)).encode("ascii")


def finish(crop_marks):
    """A WeasyPrint finisher: the BleedBox holds the whole bleed, and the pages in `crop_marks`
    get their marks in a slug: the MediaBox is the BleedBox grown by room for the marks.

    WeasyPrint places the BleedBox at most 10 pt outside the TrimBox whatever the bleed, so a
    10 mm or 25 mm bleed was announced as 3.5 mm to whoever prints it."""
    def finisher(document, pdf):
        import pydyf
        pages = [o for o in pdf.objects
                 if isinstance(o, dict) and o.get("Type") == "/Page" and "TrimBox" in o]
        for number, (page, pdf_page) in enumerate(zip(document.pages, pages)):
            bleed = {side: value * 0.75 for side, value in page.bleed.items()}  # px to pt
            left, top, right, bottom = list(pdf_page["TrimBox"])
            bleed_box = [left - bleed["left"], top - bleed["top"],
                         right + bleed["right"], bottom + bleed["bottom"]]
            pdf_page["BleedBox"] = pydyf.Array(bleed_box)
            if number >= len(crop_marks) or not crop_marks[number]:
                continue
            strokes = mark_strokes((left, top, right, bottom), bleed_box)
            reach = MARK_WHITE_WIDTH / 2 + MARK_SPARE
            xs = [x for stroke in strokes for x, _ in stroke]
            ys = [y for stroke in strokes for _, y in stroke]
            pdf_page["MediaBox"] = pydyf.Array([min(xs) - reach, min(ys) - reach,
                                                max(xs) + reach, max(ys) + reach])
            # WeasyPrint's stream leaves its own transformation in place: it is wrapped in q/Q
            # so that the marks are drawn in the page's own coordinates.
            before, after = pydyf.Stream([b"q"]), pydyf.Stream([marks_stream(strokes)])
            pdf.add_object(before)
            pdf.add_object(after)
            pdf_page["Contents"] = pydyf.Array(
                [before.reference, pdf_page["Contents"], after.reference])
    return finisher


def confined_fetcher(weasyprint, base_url, refused):
    """A url_fetcher that reads data: URLs and the files under `base_url`'s folder only."""
    from urllib.parse import unquote, urlsplit
    root = None
    if base_url.startswith("file://"):
        root = os.path.realpath(unquote(urlsplit(base_url).path))

    def fetch(url):
        parts = urlsplit(url)
        allowed = parts.scheme == "data"
        if parts.scheme == "file" and root is not None and parts.netloc in ("", "localhost"):
            target = os.path.realpath(unquote(parts.path))
            allowed = target == root or target.startswith(root.rstrip(os.sep) + os.sep)
        if not allowed:
            refused.append(url)
            raise ValueError("coachkit reads only the theme's own files: %s" % url)
        return weasyprint.default_url_fetcher(url)
    return fetch


def without_short_last_page(weasyprint, document, rendered, caches=None):
    """The document one page shorter, set slightly tighter, when its last page is nearly empty.

    A handout whose quote and source line, or last prompt, spill onto a page of their own reads
    as a mistake on paper. When the last page is filled less than SHORT_LAST_PAGE, the layout is
    tried again with the root and body font sizes (and so every size in em or rem) reduced, by
    no more than SMALLEST_SCALE; the first try that takes one page fewer is kept, otherwise the
    plain layout. Text takes room between in proportion to its size (fixed-height rows, writing
    lines) and to its square (running text), which brackets the scale: the square's answer is
    tried first, the proportional one (at most SMALLEST_SCALE) second, and a document that would
    need more than SMALLEST_SCALE even by the square is not tried at all. So at most two more
    layouts, paid only by documents that end on such a page."""
    pages = rendered.pages
    if len(pages) < 2:
        return rendered
    last = pages[-1]._page_box
    flow = [box for box in last.children if type(box).__name__ != "MarginBox"]
    used = max((content_bottom(box) for box in flow), default=0.0) - last.content_box_y()
    room = last.height
    html = next((box for box in pages[0]._page_box.children
                 if type(box).__name__ != "MarginBox"), None)
    body = next(iter(getattr(html, "children", ())), None)
    if used <= 0 or used > SHORT_LAST_PAGE * room or html is None or body is None:
        return rendered
    wanted = (len(pages) - 1) * room / ((len(pages) - 1) * room + used)
    scales = [0.99 * wanted ** 0.5, max(SMALLEST_SCALE, 0.99 * wanted)]
    if scales[0] < SMALLEST_SCALE:
        return rendered
    # The root and the body both: a theme or pandoc's own print style may size either.
    sizes = (html.style["font_size"], body.style["font_size"])
    for scale in scales:
        css = weasyprint.CSS(string="html { font-size: %.3fpx !important; } "
                                    "body { font-size: %.3fpx !important; }"
                                    % (sizes[0] * scale, sizes[1] * scale))
        tighter = lay_out(caches, document, [css])
        if len(tighter.pages) < len(pages):
            return tighter
    return rendered


def render(weasyprint, request, refused, caches=None):
    environment = request.get("environment") or {}
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        # The theme's folder as a file URL; without one (".") nothing on disk may be read.
        base_url = request["base_url"]
        if "://" not in base_url and base_url not in ("", ".", "./"):
            import pathlib
            base_url = pathlib.Path(os.path.abspath(base_url)).as_uri() + "/"
        elif "://" not in base_url:
            base_url = "coachkit-none:/"
        document = weasyprint.HTML(filename=request["html"], base_url=base_url,
                                   url_fetcher=confined_fetcher(weasyprint, base_url, refused))
        if request.get("fit_to_one_page"):
            smallest = float(request.get("smallest_font_pt") or 0)
            rendered = fit_to_one_page(weasyprint, document, smallest, caches)
        else:
            rendered = without_short_last_page(weasyprint, document,
                                               lay_out(caches, document), caches)
        rendered.write_pdf(request["pdf"], finisher=finish(take_crop_marks(rendered)),
                           **TAGGED)
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
    once = "--once" in sys.argv[1:]
    caches = None
    if weasyprint is not None and not once:
        try:
            caches = WorkerCaches(weasyprint)
        except Exception:  # a WeasyPrint unlike 57: render as it does by itself
            caches = None
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            if weasyprint is None:
                raise RuntimeError(start_error)
            refused = []
            render(weasyprint, json.loads(line), refused, caches)
            answer = {"ok": True, "refused": refused}
        except ContentError as error:
            answer = {"ok": False, "content": True, "error": str(error)}
        except Exception as error:
            answer = {"ok": False,
                      "error": "".join(traceback.format_exception_only(type(error), error)).strip()}
        print(json.dumps(answer), flush=True)
        if once:
            break


if __name__ == "__main__":
    main()
