#include "render/table_rules.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace coachkit {

namespace {

const char* kRuleColour = "#8a94a6";

void collect(const nlohmann::json& node, std::vector<std::vector<std::string>>* out) {
  if (node.is_object()) {
    auto t = node.find("t");
    auto c = node.find("c");
    if (t != node.end() && *t == "Table" && c != node.end() && c->is_array() && !c->empty() &&
        (*c)[0].is_array() && (*c)[0].size() > 1 && (*c)[0][1].is_array()) {
      std::vector<std::string> classes;
      for (const auto& name : (*c)[0][1]) {
        if (name.is_string()) classes.push_back(name.get<std::string>());
      }
      out->push_back(std::move(classes));
    }
    for (const auto& [key, value] : node.items()) {
      if (key == "c" || key == "blocks") collect(value, out);
    }
  } else if (node.is_array()) {
    for (const auto& item : node) collect(item, out);
  }
}

bool has(const std::vector<std::string>& classes, const char* name) {
  return std::find(classes.begin(), classes.end(), name) != classes.end();
}

std::size_t replace_all(std::string& text, std::size_t from, std::size_t to,
                        const std::string& what, const std::string& with) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what, from); at != std::string::npos && at < to;
       at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
    to = to + with.size() - what.size();
    ++count;
  }
  return to;
}

// The start of each table element `open` ("<table:table " or "<w:tbl>"), in document order.
std::vector<std::size_t> starts(const std::string& xml, const std::string& open) {
  std::vector<std::size_t> out;
  for (std::size_t at = xml.find(open); at != std::string::npos; at = xml.find(open, at + 1)) {
    out.push_back(at);
  }
  return out;
}

// The box a scorecard's answer cells start with.
const std::string kBox = "\xE2\x98\x90";  // ☐

// A scorecard's DOCX table (plugins/rubric) kept on one page, its rows whole and tall enough to
// write a note in, its boxes big enough to tick: returns the table's new text.
std::string docx_scorecard(std::string table) {
  const std::string row_properties =
      "<w:cantSplit/><w:trHeight w:val=\"340\" w:hRule=\"atLeast\"/>";
  const std::string run = "<w:r><w:t xml:space=\"preserve\">";
  const std::string small = "<w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>";
  const std::string big = "<w:rPr><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr>";
  // The theme's cell margins fit a handout's table; a form's rows are kept tight.
  std::size_t look = table.find("<w:tblLook");
  if (look != std::string::npos && look < table.find("<w:tr>")) {
    table.insert(look,
                 "<w:tblCellMar><w:top w:w=\"30\" w:type=\"dxa\"/><w:left w:w=\"80\" "
                 "w:type=\"dxa\"/><w:bottom w:w=\"30\" w:type=\"dxa\"/><w:right w:w=\"80\" "
                 "w:type=\"dxa\"/></w:tblCellMar>");
  }
  std::size_t second_row = table.find("<w:tr>", table.find("<w:tr>") + 1);
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = table.find('<', 0); at != std::string::npos; at = table.find('<', at + 1)) {
    if (table.compare(at, 6, "<w:tr>") == 0) {
      out += table.substr(from, at + 6 - from);
      from = at + 6;
      if (table.compare(from, 8, "<w:trPr>") == 0) {
        out += "<w:trPr>" + row_properties;
        from += 8;
      } else {
        out += "<w:trPr>" + row_properties + "</w:trPr>";
      }
    } else if (table.compare(at, 7, "<w:pPr>") == 0) {
      // Tight paragraphs; the header row (the section's title) keeps with the first criterion.
      std::size_t after = at + 7;
      if (table.compare(after, 10, "<w:pStyle ") == 0) after = table.find("/>", after) + 2;
      out += table.substr(from, after - from) + (at < second_row ? "<w:keepNext/>" : "") +
             "<w:spacing w:before=\"0\" w:after=\"0\"/>";
      from = after;
    } else if (table.compare(at, run.size(), run) == 0) {
      bool box = table.compare(at + run.size(), kBox.size(), kBox) == 0;
      out += table.substr(from, at + 5 - from) + (box ? big : "<w:rPr>" + small + "</w:rPr>");
      from = at + 5;
    } else if (table.compare(at, 7, "<w:rPr>") == 0) {
      out += table.substr(from, at + 7 - from) + small;
      from = at + 7;
    }
  }
  return out + table.substr(from);
}

}  // namespace

std::vector<std::vector<std::string>> table_classes(const std::string& pandoc_json) {
  std::vector<std::vector<std::string>> out;
  auto json = nlohmann::json::parse(pandoc_json, nullptr, false);
  if (!json.is_discarded()) collect(json, &out);
  return out;
}

bool rule_odt_tables(const std::vector<std::vector<std::string>>& classes, std::string* xml) {
  std::string& text = *xml;
  std::string rule = std::string("0.5pt solid ") + kRuleColour;
  std::string cell = "fo:border=\"" + rule + "\" fo:padding=\"0.1cm\"";
  const std::string none = "<style:table-cell-properties fo:border=\"none\" />";
  std::size_t header = text.find("style:name=\"TableHeaderRowCell\"");
  std::size_t row = text.find("style:name=\"TableRowCell\"");
  if (header == std::string::npos && row == std::string::npos) return false;
  // Every table cell ruled; headers shaded as in the HTML and the DOCX.
  std::size_t at = text.find(none, header == std::string::npos ? row : header);
  if (header != std::string::npos && at != std::string::npos) {
    text.replace(at, none.size(),
                 "<style:table-cell-properties " + cell + " fo:background-color=\"#ebf4ff\" />");
  }
  row = text.find("style:name=\"TableRowCell\"");
  at = row == std::string::npos ? row : text.find(none, row);
  if (at != std::string::npos)
    text.replace(at, none.size(), "<style:table-cell-properties " + cell + " />");
  // A writing line: a rule below and nothing else; a worksheet's row: room for a hand.
  std::size_t styles_end = text.find("</office:automatic-styles>");
  if (styles_end == std::string::npos) return true;
  text.insert(styles_end,
              "<style:style style:name=\"CoachkitLineCell\" style:family=\"table-cell\">"
              "<style:table-cell-properties fo:border=\"none\" fo:border-bottom=\"" +
                  rule +
                  "\" fo:padding=\"0.1cm\" /></style:style>\n"
                  "<style:style style:name=\"CoachkitWritingRow\" style:family=\"table-row\">"
                  "<style:table-row-properties style:min-row-height=\"0.9cm\" /></style:style>\n"
                  "<style:style style:name=\"CoachkitScorecardRow\" style:family=\"table-row\">"
                  "<style:table-row-properties style:min-row-height=\"0.8cm\" "
                  "fo:keep-together=\"always\" /></style:style>\n"
                  "<style:style style:name=\"CoachkitBox\" style:family=\"text\">"
                  "<style:text-properties fo:font-size=\"14pt\" /></style:style>\n"
                  "<style:style style:name=\"CoachkitScorecardHeading\" "
                  "style:family=\"paragraph\" style:parent-style-name=\"Table_20_Heading\">"
                  "<style:paragraph-properties fo:text-align=\"start\" />"
                  "<style:text-properties fo:font-size=\"8pt\" fo:hyphenate=\"false\" />"
                  "</style:style>\n"
                  "<style:style style:name=\"CoachkitScorecardText\" "
                  "style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\">"
                  "<style:text-properties fo:font-size=\"8pt\" /></style:style>\n");
  std::vector<std::size_t> tables = starts(text, "<table:table ");
  std::vector<std::string> unbroken;  // the styles of the tables kept on one page
  // From the last table to the first, so that edits never move a table still to be edited.
  for (std::size_t i = std::min(tables.size(), classes.size()); i-- > 0;) {
    std::size_t start = tables[i];
    std::size_t end = text.find("</table:table>", start);
    if (end == std::string::npos) continue;
    if (has(classes[i], "lines")) {
      end = replace_all(text, start, end, "table:style-name=\"TableRowCell\"",
                        "table:style-name=\"CoachkitLineCell\"");
    }
    if (has(classes[i], "worksheet")) {
      replace_all(text, start, end, "<table:table-row>",
                  "<table:table-row table:style-name=\"CoachkitWritingRow\">");
    }
    if (has(classes[i], "scorecard")) {
      // A scorecard's table stays on one page, rows whole and tall enough for a note, boxes
      // big enough to tick.
      std::size_t body = text.find("</table:table-header-rows>", start);
      end = replace_all(text, body != std::string::npos && body < end ? body : start, end,
                        "<table:table-row>",
                        "<table:table-row table:style-name=\"CoachkitScorecardRow\">");
      end = replace_all(text, start, end, ">" + kBox,
                        "><text:span text:style-name=\"CoachkitBox\">" + kBox + "</text:span>");
      std::size_t name = text.find("table:style-name=\"", start);
      if (name != std::string::npos && name < text.find('>', start)) {
        name += 18;
        unbroken.push_back(text.substr(name, text.find('"', name) - name));
      }
      end = replace_all(text, start, end, "text:style-name=\"Table_20_Heading\"",
                        "text:style-name=\"CoachkitScorecardHeading\"");
      replace_all(text, start, end, "text:style-name=\"Table_20_Contents\"",
                  "text:style-name=\"CoachkitScorecardText\"");
    }
  }
  // Their table styles, edited once the tables are done (the styles come before the tables).
  for (const std::string& style : unbroken) {
    std::size_t defined = text.find("<style:style style:name=\"" + style + "\"");
    std::size_t properties =
        defined == std::string::npos ? defined : text.find("<style:table-properties", defined);
    if (properties != std::string::npos) {
      text.insert(properties + 23, " style:may-break-between-rows=\"false\"");
    }
  }
  return true;
}

bool rule_docx_tables(const std::vector<std::vector<std::string>>& classes, std::string* xml) {
  std::string& text = *xml;
  std::string colour = std::string(kRuleColour).substr(1);
  auto border = [&](const char* side, bool shown) {
    return std::string("<w:") + side +
           (shown ? " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"" + colour + "\"/>"
                  : " w:val=\"nil\"/>");
  };
  const std::string lines_borders = "<w:tblBorders>" + border("top", false) +
                                    border("left", false) + border("bottom", true) +
                                    border("right", false) + border("insideH", true) +
                                    border("insideV", false) + "</w:tblBorders>";
  const std::string writing_row = "<w:trHeight w:val=\"510\" w:hRule=\"atLeast\"/>";
  bool changed = false;
  std::vector<std::size_t> tables = starts(text, "<w:tbl>");
  for (std::size_t i = std::min(tables.size(), classes.size()); i-- > 0;) {
    bool lines = has(classes[i], "lines"), worksheet = has(classes[i], "worksheet");
    bool scorecard = has(classes[i], "scorecard");
    if (!lines && !worksheet && !scorecard) continue;
    std::size_t start = tables[i];
    std::size_t end = text.find("</w:tbl>", start);
    if (end == std::string::npos) continue;
    if (scorecard) {
      text.replace(start, end - start, docx_scorecard(text.substr(start, end - start)));
      changed = true;
      continue;
    }
    if (worksheet) {
      // Each row gets a least height; pandoc writes <w:trPr> only for a header row.
      std::string segment = text.substr(start, end - start);
      std::string edited;
      std::size_t from = 0;
      for (std::size_t at = segment.find("<w:tr>"); at != std::string::npos;
           at = segment.find("<w:tr>", at + 1)) {
        edited += segment.substr(from, at + 6 - from);
        from = at + 6;
        if (segment.compare(from, 8, "<w:trPr>") == 0) {
          edited += "<w:trPr>" + writing_row;
          from += 8;
        } else {
          edited += "<w:trPr>" + writing_row + "</w:trPr>";
        }
      }
      edited += segment.substr(from);
      text.replace(start, end - start, edited);
      changed = true;
    }
    if (lines) {
      std::size_t look = text.find("<w:tblLook", start);
      std::size_t properties_end = text.find("</w:tblPr>", start);
      std::size_t at = look != std::string::npos && look < properties_end ? look : properties_end;
      if (at != std::string::npos) {
        text.insert(at, lines_borders);
        changed = true;
      }
    }
  }
  return changed;
}

}  // namespace coachkit
