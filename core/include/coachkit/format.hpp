// The formats the core renders a Document into: one table (kFormats) says what each one is, and
// everything that depends on a format (the command line's help and "unknown format" messages,
// the project file's schema, how the renderer calls pandoc, what the build fingerprints, what a
// theme supplies) reads it from there. Adding a format is a row here and its enum value.
#pragma once

#include <coachkit/version.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

COACHKIT_NAMESPACE_BEGIN

enum class Format { Html, Docx, Odt, Markdown, Pdf, Pptx, Epub };

struct FormatInfo {
  Format format;
  const char* name;           // what users type, and the file extension: "html", "docx", …
  const char* alias;          // another spelling users may type ("markdown", "htm"), or ""
  const char* summary;        // for help texts
  const char* writer;         // pandoc's writer (PDF: HTML, which WeasyPrint then lays out)
  const char* writer_option;  // one more option for that writer, or ""
  // The file of the theme's folder pandoc takes as --reference-doc, or "".
  const char* reference_document;
  bool styled_by_css;       // the layout's and the theme's CSS go into the document's head
  bool paged;               // …and the page's or the paper's @page rule
  bool through_weasyprint;  // pandoc's HTML becomes the output through the PDF worker
  bool carries_date;        // the output holds the source date, so a new date rebuilds it
  bool zip_package;         // a zip archive whose entries get the source date
  bool office_page;  // the paper, margins and table rules are written into the file (DOCX, ODT)
  bool content_identifier;  // its package identifier is made from the content, not at random
  bool on_request_only;     // made only of documents that name it (Artifact::formats)
  bool in_default_build;    // built when neither the command line nor the project names formats
  bool shows_svg;           // a picture drawn as SVG is shown as SVG (Block::svg)
};

// One row per Format, in the enum's order. The columns after the reference document: styled by
// CSS, paged, through WeasyPrint, carries the date, zip package, office page, identifier from
// the content, on request only, in the default build, shows SVG.
inline constexpr FormatInfo kFormats[] = {
    {Format::Html, "html", "htm", "a web page", "html5", "", "",  //
     true, true, false, false, false, false, false, false, true, true},
    {Format::Docx, "docx", "", "Word", "docx", "", "reference.docx",  //
     false, false, false, true, true, true, false, false, true, false},
    {Format::Odt, "odt", "", "LibreOffice", "odt", "", "reference.odt",  //
     false, false, false, true, true, true, false, false, true, false},
    // GitHub-flavoured: pipe tables, which GitHub and CommonMark viewers show as tables.
    {Format::Markdown, "md", "markdown", "GitHub Markdown", "gfm", "", "",  //
     false, false, false, false, false, false, false, false, true, false},
    {Format::Pdf, "pdf", "", "print-ready PDF", "html5", "", "",  //
     true, true, true, true, false, false, false, false, true, true},
    // A level-2 heading starts a slide, a level-1 heading a section slide of its own.
    {Format::Pptx, "pptx", "", "slide decks only", "pptx", "--slide-level=2", "reference.pptx",
     false, false, false, true, true, false, false, true, true, false},
    // Headings carry no ids, and pandoc 2.17's EPUB navigation fails on an unnamed heading
    // below level 1 ("not found in reftable"): the navigation lists chapters only.
    {Format::Epub, "epub", "", "e-book (handouts; only when asked)", "epub3", "--toc-depth=1", "",
     true, false, false, true, true, false, true, true, false, true},
};

inline const FormatInfo& format_info(Format format) {
  return kFormats[static_cast<std::size_t>(format)];
}

// "html", "docx", "odt", "md", "pdf", "pptx", "epub": also the file extension.
inline std::string format_name(Format format) { return format_info(format).name; }

// Every format, in the table's order.
inline std::vector<Format> all_formats() {
  std::vector<Format> out;
  for (const FormatInfo& f : kFormats) out.push_back(f.format);
  return out;
}

// What a build makes when nobody names formats: every one but those built only when asked.
inline std::vector<Format> default_formats() {
  std::vector<Format> out;
  for (const FormatInfo& f : kFormats) {
    if (f.in_default_build) out.push_back(f.format);
  }
  return out;
}

// Accepts the names and aliases of the table.
inline std::optional<Format> parse_format(const std::string& name) {
  for (const FormatInfo& f : kFormats) {
    if (name == f.name || (*f.alias && name == f.alias)) return f.format;
  }
  return std::nullopt;
}

// "html, docx, odt, md, pdf, pptx or epub", for messages.
inline std::string format_names() {
  std::string out;
  constexpr std::size_t count = sizeof kFormats / sizeof kFormats[0];
  for (std::size_t i = 0; i < count; ++i) {
    out += (i == 0 ? "" : i + 1 == count ? " or " : ", ") + std::string(kFormats[i].name);
  }
  return out;
}

// The message for a format name that is none of the table's.
inline std::string unknown_format_message(const std::string& name) {
  return "unknown format \"" + name + "\" (expected " + format_names() + ")";
}

COACHKIT_NAMESPACE_END
