"""coachkit's PDF worker: renders HTML files to PDF with WeasyPrint, one request per line.

coachkit starts a few of these and keeps them for a whole build, so WeasyPrint's start-up
(about 0.6 s) is paid once per worker instead of once per PDF.

Each request is a line of JSON, {"html": PATH, "pdf": PATH, "base_url": URL, "fit_to_one_page":
BOOL, "environment": {NAME: VALUE}}; each answer is a line of JSON, {"ok": true} or {"ok": false,
"error": TEXT}. The environment (SOURCE_DATE_EPOCH, which fontTools writes into the embedded
fonts) is set for that request only. The worker ends at end of input.

With fit_to_one_page, the root font size is searched (bisection, each try laid out by WeasyPrint
itself) for the largest size at which the document is still one page, so text shrinks to fit
and grows to fill. Themes size text in rem/em for this to scale everything.
"""

import json
import os
import sys
import traceback


SMALLEST_PT, LARGEST_PT, TRIES = 4.0, 400.0, 14


def fit_to_one_page(weasyprint, document):
    def layout(size):
        css = weasyprint.CSS(string="html { font-size: %.3fpt !important; } "
                                    "body { font-size: 1rem !important; }" % size)
        return document.render(stylesheets=[css])

    low = layout(SMALLEST_PT)
    if len(low.pages) > 1:
        raise RuntimeError("the text does not fit on one page even at %g pt" % SMALLEST_PT)
    low_size, high_size = SMALLEST_PT, LARGEST_PT
    for _ in range(TRIES):
        middle = (low_size + high_size) / 2
        attempt = layout(middle)
        if len(attempt.pages) == 1:
            low, low_size = attempt, middle
        else:
            high_size = middle
    return low


def render(weasyprint, request):
    environment = request.get("environment") or {}
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        document = weasyprint.HTML(filename=request["html"], base_url=request["base_url"])
        if request.get("fit_to_one_page"):
            fit_to_one_page(weasyprint, document).write_pdf(request["pdf"])
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
        except Exception as error:
            answer = {"ok": False,
                      "error": "".join(traceback.format_exception_only(type(error), error)).strip()}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
