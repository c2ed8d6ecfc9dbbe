// What a generator hands back to the core: documents for the core to render through pandoc,
// and files the plugin made itself (GIFT, XML, a zip, …). The core fingerprints, caches, writes
// (temporary file, then rename) and lists both kinds alike. Either kind may be derived: made by
// the core, from other outputs of the same build of the same pack, once those are in place.
#pragma once

#include <coachkit/document.hpp>
#include <coachkit/format.hpp>
#include <coachkit/model.hpp>
#include <coachkit/version.hpp>

#include <cstdint>
#include <functional>
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
  // PDF: also a PNG picture of the page beside it (NAME.png), an output of its own (a derived
  // artifact may use it).
  bool preview = false;
};

class Reporter;  // generator.hpp

// One output of this build of this pack that a derived artifact is made from.
struct UsedOutput {
  std::string name;   // its path in the pack's output folder, e.g. "handouts/respect.pdf"
  std::string bytes;  // the file as this build left it
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
  // The date this document carries (seconds since 1970, UTC), where it is dated by what it is
  // made of (a coaching report by its latest evaluation); 0: the build's source date.
  std::int64_t source_date = 0;

  // Kind::File
  std::string bytes;

  // Derived (see Artifact::derived): patterns over this build's planned outputs, and what makes
  // the content from the outputs they match. `make` is empty for an artifact made at once.
  using Make =
      std::function<void(const std::vector<UsedOutput>& used, Artifact& made, Reporter& reporter)>;
  std::vector<std::string> uses;
  Make make;
  bool is_derived() const { return static_cast<bool>(make); }

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
  // An artifact made from other outputs of the same build of the same pack, after they are in
  // place: a contact sheet of the posters' previews, a package holding the handouts.
  //
  // `planned` is the artifact as made at once would be (Artifact::rendered or Artifact::file,
  // with its name, formats, page, theme and where), its content (document or bytes) still
  // empty or partial: what it plans is known before anything is built, so its outputs are
  // claimed, counted and kept like any other. `uses` are patterns over the outputs this build
  // plans from the artifacts that are not derived (every generator's, PNG previews included;
  // not what is on disk): '*' is any run of characters but '/', '?' one such character, e.g.
  // "posters/*.png", "handouts/*.html". When every matched output is in place, the core calls
  // `make` once, on the build's thread, with those outputs sorted by name (none matched: an
  // empty list) and `made`, a copy of `planned`; make sets made.document (a Document) or
  // made.bytes (a File). Nothing else of `made` is read. Reporter::error is a content problem at
  // its position (this artifact is not written), failure() or an exception the plugin's own.
  //
  // When a used output failed, this artifact's outputs fail too ("not made, since X failed",
  // as a content problem when X failed for its content), and their previous files stay. Its
  // fingerprint is that of what make returned (as for any artifact) with the names and
  // fingerprints of the used outputs and the plugin's name and version: make is called in every
  // build that plans it, and an output whose fingerprint is unchanged is not written again.
  // `make` is plugin code and may hold state captured in generate() (titles, options); the
  // plugin stays loaded until the build is over. A derived artifact never uses another one.
  static Artifact derived(Artifact planned, std::vector<std::string> uses, Make make) {
    planned.uses = std::move(uses);
    planned.make = std::move(make);
    return planned;
  }
};

COACHKIT_NAMESPACE_END
