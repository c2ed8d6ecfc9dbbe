#include "pack/toml_text.hpp"

#include "pack/toml_limits.hpp"
#include "support/utf8.hpp"

#include <cstdio>
#include <vector>

namespace coachkit {

bool is_refused_character(char32_t c) {
  if (c < 0x20) return c != '\t' && c != '\n';
  if (c >= 0x7f && c <= 0x9f) return true;
  if (c >= 0xfdd0 && c <= 0xfdef) return true;
  return (c & 0xfffe) == 0xfffe;
}

namespace {

std::string describe_character(char32_t c) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
  const char* kind = c == '\r'               ? "a carriage return (a new line is \\n)"
                     : c < 0x20 || c == 0x7f ? "a control character"
                     : c <= 0x9f             ? "a C1 control character"
                                             : "a Unicode non-character";
  return std::string(code) + ", " + kind;
}

// The first refused character of `s`, or 0. Printable ASCII, tab and new line, most of any
// content, are passed over a byte at a time without decoding.
char32_t first_refused(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char byte = static_cast<unsigned char>(s[i]);
    if (byte >= 0x20 && byte < 0x7f) {
      ++i;
      continue;
    }
    std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) return 0;  // toml++ refuses malformed UTF-8 before we get here
    char32_t c = utf8_code_point(s, i, n);
    if (is_refused_character(c)) return c;
    i += n;
  }
  return 0;
}

// Finds, in the source text, where each refused character of one string value is written:
// the character itself, or the backslash of the escape that makes it. toml++ positions count
// code points from 1, so the scan does the same.
class StringScanner {
 public:
  explicit StringScanner(std::string_view text) : text_(text) {}

  struct Found {
    char32_t character;
    int line;
    int column;
  };

  std::vector<Found> scan(const toml::source_region& where) {
    std::vector<Found> found;
    if (!seek(static_cast<int>(where.begin.line), static_cast<int>(where.begin.column))) {
      return found;
    }
    bool basic = at_ < text_.size() && text_[at_] == '"';
    int end_line = static_cast<int>(where.end.line);
    int end_column = static_cast<int>(where.end.column);
    while (at_ < text_.size() &&
           (line_ < end_line || (line_ == end_line && column_ < end_column))) {
      int line = line_, column = column_;
      char32_t c = next();
      if (basic && c == '\\' && at_ < text_.size()) {
        char32_t e = next();
        c = 0;
        if (e == 'b') c = 0x08;
        if (e == 'f') c = 0x0c;
        if (e == 'r') c = '\r';
        if (e == 'u' || e == 'U') c = hex(e == 'u' ? 4 : 8);
      }
      if (is_refused_character(c)) found.push_back({c, line, column});
    }
    return found;
  }

 private:
  // From the start of `line` (an index of line starts keeps this linear in the line's length).
  bool seek(int line, int column) {
    if (line_starts_.empty()) {
      line_starts_.push_back(0);
      for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
      }
    }
    if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return false;
    at_ = line_starts_[static_cast<std::size_t>(line) - 1];
    line_ = line;
    column_ = 1;
    while (at_ < text_.size() && line_ == line && column_ < column) next();
    return line_ == line && column_ == column;
  }

  char32_t next() {
    std::size_t n = utf8_sequence_length(text_, at_);
    if (n == 0) n = 1;
    char32_t c = utf8_code_point(text_, at_, n);
    at_ += n;
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    return c;
  }

  char32_t hex(int digits) {
    char32_t value = 0;
    for (int i = 0; i < digits && at_ < text_.size(); ++i) {
      char d = text_[at_];
      int v = d >= '0' && d <= '9'   ? d - '0'
              : d >= 'a' && d <= 'f' ? d - 'a' + 10
              : d >= 'A' && d <= 'F' ? d - 'A' + 10
                                     : -1;
      if (v < 0) break;
      value = value * 16 + static_cast<char32_t>(v);
      next();
    }
    return value;
  }

  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  std::size_t at_ = 0;
  int line_ = 1;
  int column_ = 1;
};

class CharacterCheck {
 public:
  CharacterCheck(std::string_view text, const std::string& display, Diagnostics& diagnostics)
      : scanner_(text), display_(display), diagnostics_(diagnostics) {}

  void check(const toml::node& node) {
    if (const toml::table* table = node.as_table()) {
      for (const auto& [key, value] : *table) {
        path_.push_back({key.str(), 0});
        if (char32_t c = first_refused(key.str())) {
          report(c, position_of_region(key.source()), "the key '" + path() + "'");
        }
        check(value);
        path_.pop_back();
      }
    } else if (const toml::array* array = node.as_array()) {
      for (std::size_t i = 0; i < array->size(); ++i) {
        path_.push_back({{}, i + 1});
        check(*array->get(i));
        path_.pop_back();
      }
    } else if (const toml::value<std::string>* s = node.as_string()) {
      if (char32_t c = first_refused(s->get())) {
        std::vector<StringScanner::Found> found = scanner_.scan(node.source());
        if (found.empty())
          found.push_back({c, static_cast<int>(node.source().begin.line),
                           static_cast<int>(node.source().begin.column)});
        for (const StringScanner::Found& f : found)
          report(f.character, {f.line, f.column}, "'" + path() + "'");
      }
    }
  }

  bool clean() const { return clean_; }

 private:
  struct At {
    int line;
    int column;
  };
  static At position_of_region(const toml::source_region& r) {
    return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
  }

  void report(char32_t c, At at, const std::string& subject) {
    clean_ = false;
    // A file full of them says so in a few lines rather than one per character.
    if (++reported_ > kMaxReported) {
      if (reported_ == kMaxReported + 1) {
        diagnostics_.add(display_, at.line, at.column,
                         "more characters that content may not hold follow; the first " +
                             std::to_string(kMaxReported) + " are reported");
      }
      return;
    }
    diagnostics_.add(display_, at.line, at.column,
                     subject + " holds " + describe_character(c) +
                         ", which content may not hold (tab and new line are the only "
                         "control characters allowed): not every output format can carry it");
  }

  // A key, or (when `index` is not 0) the index from 1 of an array's item.
  struct Step {
    std::string_view key;
    std::size_t index;
  };
  // Where the value being checked is, as "principle.do[2].text": built only for a message.
  std::string path() const {
    std::string out;
    for (const Step& step : path_) {
      if (step.index) {
        out += "[" + std::to_string(step.index) + "]";
      } else {
        if (!out.empty()) out += ".";
        out += step.key;
      }
    }
    return out;
  }

  StringScanner scanner_;
  std::vector<Step> path_;
  const std::string& display_;
  Diagnostics& diagnostics_;
  bool clean_ = true;
  static constexpr int kMaxReported = 100;
  int reported_ = 0;
};

}  // namespace

std::optional<toml::table> parse_toml(std::string_view text, const std::string& display,
                                      Diagnostics& diagnostics) {
  Diagnostic problem;
  // The parser recurses on deep keys and nesting; refuse those before it sees them.
  if (!within_toml_limits(text, display, &problem)) {
    diagnostics.add(std::move(problem));
    return std::nullopt;
  }
  try {
    // No source path: every node would hold a counted reference to it, and messages name the
    // file by `display` anyway.
    return toml::parse(text);
  } catch (const toml::parse_error& e) {
    const toml::source_region& r = e.source();
    diagnostics.add(display, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column),
                    "invalid TOML: " + std::string(e.description()));
  }
  return std::nullopt;
}

std::optional<toml::table> parse_content_toml(std::string_view text, const std::string& display,
                                              Diagnostics& diagnostics) {
  std::optional<toml::table> table = parse_toml(text, display, diagnostics);
  if (!table) return std::nullopt;
  CharacterCheck check(text, display, diagnostics);
  check.check(*table);
  if (!check.clean()) return std::nullopt;
  return table;
}

}  // namespace coachkit
