#include "qa/csv_reader.hpp"

#include "support/utf8.hpp"

namespace coachkit {

CsvTable parse_csv(std::string_view text, const std::string& display, Diagnostics& diagnostics) {
  CsvTable table;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field was quoted (and closed)
  bool bad_field = false;   // already reported
  int row = 1;
  int quote_row = 1;
  auto problem = [&](int r, std::size_t column, const std::string& message) {
    diagnostics.add(display, r, static_cast<int>(column), message);
  };
  auto end_field = [&] {
    if (!is_valid_utf8(field)) {
      problem(row, record.size() + 1, "the cell is not UTF-8 text; save the export as UTF-8");
    }
    record.push_back(std::move(field));
    field.clear();
    was_quoted = false;
    bad_field = false;
  };
  auto end_record = [&] {
    end_field();
    // A blank line (one empty unquoted field) is not a record.
    if (!(record.size() == 1 && record[0].empty())) {
      if (!table.rows.empty() && record.size() != table.rows[0].size()) {
        problem(row, std::min(record.size(), table.rows[0].size()) + 1,
                "this row has " + std::to_string(record.size()) + " cells; the header has " +
                    std::to_string(table.rows[0].size()));
      }
      table.rows.push_back(std::move(record));
    }
    record.clear();
    // Exactly the header's width: growing by doubling costs a third more on exports of many
    // short rows.
    if (!table.rows.empty()) record.reserve(table.rows[0].size());
    ++row;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
          was_quoted = true;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
    } else if (c == '"') {
      if (field.empty() && !was_quoted) {
        quoted = true;
        quote_row = row;
      } else if (!bad_field) {
        problem(row, record.size() + 1,
                "a double quote inside a cell that does not start with one; quote the whole "
                "cell and double the quote (\"\")");
        bad_field = true;
      }
    } else if (was_quoted) {
      if (!bad_field) {
        problem(row, record.size() + 1, "text after the closing quote of a quoted cell");
        bad_field = true;
      }
    } else {
      field += c;
    }
  }
  if (quoted) {
    problem(quote_row, record.size() + 1, "a quoted cell is never closed");
  } else if (!field.empty() || !record.empty() || was_quoted) {
    end_record();
  }
  // Rows count records; a quoted cell with line breaks still counts as one record.
  return table;
}

}  // namespace coachkit
