// What a generator hands back to the core: documents for the core to render through pandoc,
// and files the plugin made itself (GIFT, XML, a zip, …). The core fingerprints, caches, writes
// (temporary file, then rename) and lists both kinds alike.
#pragma once

#include <coachkit/document.hpp>
#include <coachkit/format.hpp>
#include <coachkit/model.hpp>
#include <coachkit/version.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

COACHKIT_NAMESPACE_BEGIN

// The page a document is printed on. Sizes are the trimmed page, in millimetres. A document with
// a page set-up is laid out by its generator: the theme's title block and page numbers are left
// out, and each Section of class "page" after the first starts a new page.
struct PageSetup {
  double width_mm = 210;
  double height_mm = 297;
  bool landscape = false;   // swaps width and height
  double bleed_mm = 0;      // background beyond the trim edge, on every side
  bool crop_marks = false;  // trim marks in a slug outside the bleed (the sheet grows for it)
  double margin_mm = -1;    // space between the trim edge and the text; < 0: the theme's
  // Shrink or grow the text so the document fills exactly one page (posters); the PDF worker
  // searches the root font size. Without it, long documents flow onto more pages.
  bool fit_to_one_page = false;
  // With fit_to_one_page: the smallest root font size, in points, that is still legible on
  // this page. Text that fits only below it is a content error (at the artifact's `where`)
  // saying how much to cut, never a smaller print. 0: no limit.
  double smallest_font_pt = 0;
  // PDF: also a PNG picture of the page beside it (NAME.png), and, for every folder holding
  // such pictures, one contact sheet showing them all (FOLDER/contact-sheet.pdf and .png).
  bool preview = false;
};

struct Artifact {
  enum class Kind { Document, File };
  Kind kind = Kind::Document;
  // Relative to the pack's output folder, with '/' between parts. A Document's name has no
  // extension (the core adds one per format, e.g. "handouts/respect" -> handouts/respect.pdf);
  // a File's name has its own (e.g. "quiz/quiz-a.gift").
  std::string name;

  // Kind::Document
  Document document;
  std::vector<Format> formats;    // the formats it makes sense in; empty: every one but pptx
  std::optional<PageSetup> page;  // empty: the theme's page (A4 or the locale's)
  std::string theme;              // a theme's name for this document; "": the build's theme
  SourcePosition where;           // what a content problem found while rendering points at

  // Kind::File
  std::string bytes;

  // A document rendered in the build's formats (only those of `formats`, when given).
  static Artifact rendered(std::string name, Document document, std::vector<Format> formats = {},
                           std::optional<PageSetup> page = std::nullopt) {
    Artifact a;
    a.kind = Kind::Document;
    a.name = std::move(name);
    a.document = std::move(document);
    a.formats = std::move(formats);
    a.page = std::move(page);
    return a;
  }
  // A file the plugin wrote itself; `name` carries its extension.
  static Artifact file(std::string name, std::string bytes) {
    Artifact a;
    a.kind = Kind::File;
    a.name = std::move(name);
    a.bytes = std::move(bytes);
    return a;
  }
};

COACHKIT_NAMESPACE_END
