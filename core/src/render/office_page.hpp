// The page of a DOCX or an ODT: paper size, orientation and margins written into the file pandoc
// made, so that DOCX, ODT and PDF of one build print on the same paper. pandoc takes the page
// from the reference document (the theme's, which also carries the page-number footer); this
// sets the build's paper, and turns the page for a document laid out in landscape.
#pragma once

#include <coachkit/artifact.hpp>
#include <coachkit/paper.hpp>

#include <optional>
#include <string>

namespace coachkit {

// The margin every theme prints flowing documents with (their @page rule), in millimetres.
inline constexpr double kThemeMarginMm = 16;

// Sets the size, orientation and margins of the section(s) of word/document.xml; true when the
// document had a section to set.
bool set_docx_page(const PageSetup& page, std::string* document_xml);
// The same for an ODT's styles.xml (its page layouts).
bool set_odt_page(const PageSetup& page, std::string* styles_xml);

// "a4" and "letter" (what a pack or a project may choose); nothing for anything else.
std::optional<PaperSize> document_paper(const std::string& name);

}  // namespace coachkit
