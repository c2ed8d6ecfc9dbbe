// Gives a DOCX's or an ODT's tables the rules they print with, by the classes of the Document's
// tables. pandoc 2.17 writes every ODT table cell with "border: none" (a worksheet grid nobody
// can fill in) and every DOCX table in one style; here every table gets ruled cells, the rows of
// a "worksheet" table room to write by hand, and a "lines" table only the lines to write on.
// Tables are matched by order: pandoc writes them in the order a pre-order walk meets them.
#pragma once

#include <string>
#include <vector>

namespace coachkit {

// The classes of every table of a document in pandoc's JSON AST, in the order pandoc writes them.
std::vector<std::vector<std::string>> table_classes(const std::string& pandoc_json);

// Edit an ODT's content.xml / a DOCX's word/document.xml; true when anything changed.
bool rule_odt_tables(const std::vector<std::vector<std::string>>& classes, std::string* xml);
bool rule_docx_tables(const std::vector<std::vector<std::string>>& classes, std::string* xml);

}  // namespace coachkit
