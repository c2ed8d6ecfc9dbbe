"""coachkit's PDF worker: renders HTML files to PDF with WeasyPrint, one request per line.

coachkit starts a few of these and keeps them for a whole build, so WeasyPrint's start-up
(about 0.6 s) is paid once per worker instead of once per PDF.

Each request is a line of JSON, {"html": PATH, "pdf": PATH, "base_url": URL}; each answer is a
line of JSON, {"ok": true} or {"ok": false, "error": TEXT}. The worker ends at end of input.
"""

import json
import sys
import traceback


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
            request = json.loads(line)
            document = weasyprint.HTML(filename=request["html"], base_url=request["base_url"])
            document.write_pdf(request["pdf"])
            answer = {"ok": True}
        except Exception as error:
            answer = {"ok": False,
                      "error": "".join(traceback.format_exception_only(type(error), error)).strip()}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
