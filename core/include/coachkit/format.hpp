// The formats the core renders a Document into, named as their file extensions.
#pragma once

#include <coachkit/version.hpp>

#include <optional>
#include <string>
#include <vector>

COACHKIT_NAMESPACE_BEGIN

// Pptx, a slide deck, is made only of documents that ask for it (Artifact::formats).
enum class Format { Html, Docx, Odt, Markdown, Pdf, Pptx };

// "html", "docx", "odt", "md", "pdf", "pptx": also the file extension.
inline std::string format_name(Format format) {
  switch (format) {
    case Format::Html:
      return "html";
    case Format::Docx:
      return "docx";
    case Format::Odt:
      return "odt";
    case Format::Markdown:
      return "md";
    case Format::Pdf:
      return "pdf";
    case Format::Pptx:
      return "pptx";
  }
  return "";
}

inline std::vector<Format> all_formats() {
  return {Format::Html, Format::Docx, Format::Odt, Format::Markdown, Format::Pdf, Format::Pptx};
}

// Accepts the names above and the spellings "markdown" and "htm".
inline std::optional<Format> parse_format(const std::string& name) {
  for (Format f : all_formats()) {
    if (format_name(f) == name) return f;
  }
  if (name == "markdown") return Format::Markdown;
  if (name == "htm") return Format::Html;
  return std::nullopt;
}

COACHKIT_NAMESPACE_END
