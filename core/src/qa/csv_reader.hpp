// RFC 4180 CSV, read strictly: fields separated by commas, records by CRLF or LF, a field in
// double quotes may hold commas, line breaks and doubled quotes. CSV from a QA platform is
// untrusted: every problem is reported at FILE:ROW:COLUMN (the record and field, from 1), all
// of them, and cell text is kept exactly as written (a formula-like cell is just text).
#pragma once

#include "support/diagnostics.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace coachkit {

struct CsvTable {
  std::vector<std::vector<std::string>> rows;  // rows[0] is the header
};

// The records of `text`; `display` names it in messages. Problems: a quote inside an unquoted
// field, text after a closing quote, a quote never closed, a record with another number of
// fields than the header, bytes that are not UTF-8. A UTF-8 byte order mark is skipped.
CsvTable parse_csv(std::string_view text, const std::string& display, Diagnostics& diagnostics);

}  // namespace coachkit
