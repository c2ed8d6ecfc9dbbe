#include "render/office_page.hpp"

#include <cmath>
#include <cstdio>

namespace coachkit {

namespace {

long twips(double mm) { return std::lround(mm / kMillimetresPerInch * 1440); }

std::string centimetres(double mm) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3fcm", mm / 10);
  return text;
}

// Replaces the value of attribute `name` inside the element starting at `start`; adds it when
// the element has none.
void set_attribute(std::string& xml, std::size_t start, const std::string& name,
                   const std::string& value) {
  std::size_t end = xml.find('>', start);
  if (end == std::string::npos) return;
  std::size_t at = xml.find(" " + name + "=\"", start);
  if (at != std::string::npos && at < end) {
    std::size_t open = at + name.size() + 3;
    std::size_t close = xml.find('"', open);
    xml.replace(open, close - open, value);
    return;
  }
  std::size_t insert = xml[end - 1] == '/' ? end - 1 : end;
  xml.insert(insert, " " + name + "=\"" + value + "\"");
}

}  // namespace

std::optional<PaperSize> document_paper(const std::string& name) {
  if (name == "a4" || name == "letter") return parse_paper_size(name);
  return std::nullopt;
}

bool set_docx_page(const PageSetup& page, std::string* document_xml) {
  std::string& xml = *document_xml;
  double width = page.landscape ? page.height_mm : page.width_mm;
  double height = page.landscape ? page.width_mm : page.height_mm;
  double margin = page.margin_mm >= 0 ? page.margin_mm : kThemeMarginMm;
  std::string size = "<w:pgSz w:w=\"" + std::to_string(twips(width)) + "\" w:h=\"" +
                     std::to_string(twips(height)) + "\"" +
                     (page.landscape ? " w:orient=\"landscape\"" : "") + " />";
  std::string t = std::to_string(twips(margin));
  // The footer (the page number) sits in the bottom margin, half of it from the edge.
  std::string margins = "<w:pgMar w:top=\"" + t + "\" w:right=\"" + t + "\" w:bottom=\"" + t +
                        "\" w:left=\"" + t + "\" w:header=\"" + std::to_string(twips(margin / 2)) +
                        "\" w:footer=\"" + std::to_string(twips(margin / 2)) +
                        "\" w:gutter=\"0\" />";
  bool changed = false;
  for (std::size_t at = xml.find("<w:sectPr"); at != std::string::npos;
       at = xml.find("<w:sectPr", at + 1)) {
    std::size_t open_end = xml.find('>', at);
    if (open_end == std::string::npos) break;
    if (xml[open_end - 1] == '/') {  // <w:sectPr />: no footer, only the page
      xml.replace(at, open_end + 1 - at, "<w:sectPr>" + size + margins + "</w:sectPr>");
      changed = true;
      continue;
    }
    std::size_t end = xml.find("</w:sectPr>", at);
    if (end == std::string::npos) break;
    std::string body = xml.substr(open_end + 1, end - open_end - 1);
    // Drop the old size and margins; keep the footer references, which come first.
    for (const char* element : {"<w:pgSz", "<w:pgMar"}) {
      std::size_t s = body.find(element);
      if (s != std::string::npos) body.erase(s, body.find("/>", s) + 2 - s);
    }
    std::size_t insert = 0;
    for (std::size_t r = body.find("Reference "); r != std::string::npos;
         r = body.find("Reference ", r + 1)) {
      insert = body.find("/>", r) + 2;
    }
    body.insert(insert, size + margins);
    xml.replace(open_end + 1, end - open_end - 1, body);
    changed = true;
  }
  return changed;
}

bool set_odt_page(const PageSetup& page, std::string* styles_xml) {
  std::string& xml = *styles_xml;
  double width = page.landscape ? page.height_mm : page.width_mm;
  double height = page.landscape ? page.width_mm : page.height_mm;
  double margin = page.margin_mm >= 0 ? page.margin_mm : kThemeMarginMm;
  bool changed = false;
  const std::string tag = "<style:page-layout-properties";
  for (std::size_t at = xml.find(tag); at != std::string::npos; at = xml.find(tag, at + 1)) {
    set_attribute(xml, at, "fo:page-width", centimetres(width));
    set_attribute(xml, at, "fo:page-height", centimetres(height));
    set_attribute(xml, at, "style:print-orientation", page.landscape ? "landscape" : "portrait");
    // The footer takes its height from the bottom margin, as in the PDF.
    set_attribute(xml, at, "fo:margin-top", centimetres(margin));
    set_attribute(xml, at, "fo:margin-bottom", centimetres(margin / 2));
    set_attribute(xml, at, "fo:margin-left", centimetres(margin));
    set_attribute(xml, at, "fo:margin-right", centimetres(margin));
    changed = true;
  }
  return changed;
}

}  // namespace coachkit
