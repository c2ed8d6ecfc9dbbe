#include "pack/toml_limits.hpp"

#include <algorithm>
#include <vector>

namespace coachkit {

namespace {

// Walks the text once, knowing only what it takes to tell keys from values: strings,
// comments, table headers, and which arrays and inline tables are open.
class LimitScanner {
 public:
  LimitScanner(std::string_view text, const std::string& display, Diagnostic* problem)
      : text_(text), display_(display), problem_(problem) {}

  bool scan();

 private:
  enum class Container { Array, InlineTable };
  enum class State { Key, Value, Header };

  bool at(std::string_view s) const { return text_.substr(i_, s.size()) == s; }
  void advance(std::size_t bytes = 1);
  // To `end`, counting the lines passed.
  void skip_to(std::size_t end);
  // The column of the current byte: characters, counted from 1, as the parser's are.
  int column();
  void skip_string();
  void start_key();
  bool refuse(int line, int column, const std::string& message);

  std::string_view text_;
  const std::string& display_;
  Diagnostic* problem_;
  std::size_t i_ = 0;
  int line_ = 1;
  std::size_t line_start_ = 0;
  std::size_t counted_to_ = 0;  // column() has counted the line's characters up to here
  int counted_column_ = 1;
  int counted_line_ = 1;
  State state_ = State::Key;
  std::vector<Container> open_;
  std::size_t key_parts_ = 0;
  int key_line_ = 1;
  int key_column_ = 1;
  bool key_started_ = false;
};

void LimitScanner::advance(std::size_t bytes) {
  for (std::size_t k = 0; k < bytes && i_ < text_.size(); ++k, ++i_) {
    if (text_[i_] == '\n') {
      ++line_;
      line_start_ = i_ + 1;
    }
  }
}

void LimitScanner::skip_to(std::size_t end) {
  std::string_view range = text_.substr(0, std::min(end, text_.size()));
  end = range.size();
  for (std::size_t n = range.find('\n', i_); n < end; n = range.find('\n', n + 1)) {
    ++line_;
    line_start_ = n + 1;
  }
  i_ = std::max(i_, end);
}

int LimitScanner::column() {
  // Counted on from the last time on the same line, so that a line of many keys stays linear.
  if (counted_line_ != line_ || counted_to_ > i_) {
    counted_line_ = line_;
    counted_to_ = line_start_;
    counted_column_ = 1;
  }
  for (; counted_to_ < i_; ++counted_to_) {
    counted_column_ += (static_cast<unsigned char>(text_[counted_to_]) & 0xc0) != 0x80;
  }
  return counted_column_;
}

void LimitScanner::start_key() {
  key_parts_ = 1;
  key_started_ = false;
}

bool LimitScanner::refuse(int line, int column, const std::string& message) {
  *problem_ = Diagnostic{display_, line, column, message};
  return false;
}

void LimitScanner::skip_string() {
  char quote = text_[i_];
  bool basic = quote == '"';
  std::string_view triple = basic ? "\"\"\"" : "'''";
  if (at(triple)) {
    advance(3);
    // Whole runs at a time up to the next quote (or, in a basic string, backslash).
    while (i_ < text_.size() && !at(triple)) {
      std::size_t stop = i_;
      while (stop < text_.size() && text_[stop] != quote && (!basic || text_[stop] != '\\')) {
        ++stop;
      }
      if (stop > i_) {
        skip_to(stop);
        continue;
      }
      advance(text_[i_] == '\\' ? 2 : 1);
    }
    advance(3);
    // A closing delimiter may be followed by one or two more quotes that belong to the string.
    while (i_ < text_.size() && text_[i_] == quote) advance();
    return;
  }
  advance();
  // A one-line string that is not closed ends at the line's end; the parser reports it.
  while (i_ < text_.size() && text_[i_] != quote && text_[i_] != '\n') {
    if (text_[i_] != '\\') {
      ++i_;  // not a new line, so the line is the same
      continue;
    }
    advance(basic && i_ + 1 < text_.size() && text_[i_ + 1] != '\n' ? 2 : 1);
  }
  if (i_ < text_.size() && text_[i_] == quote) advance();
}

bool LimitScanner::scan() {
  start_key();
  while (i_ < text_.size()) {
    char c = text_[i_];
    if (c == '#') {
      while (i_ < text_.size() && text_[i_] != '\n') advance();
      continue;
    }
    if (c == '\n') {
      if (open_.empty()) {
        state_ = State::Key;
        start_key();
      }
      advance();
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      advance();
      continue;
    }
    if ((state_ == State::Key || state_ == State::Header) && !key_started_ && c != '[') {
      key_started_ = true;
      key_line_ = line_;
      key_column_ = column();
    }
    if (c == '"' || c == '\'') {
      skip_string();
      continue;
    }
    if (state_ == State::Key || state_ == State::Header) {
      if (c == '.') {
        if (++key_parts_ > kMaxTomlKeyParts) {
          return refuse(key_line_, key_column_,
                        "a key has more than " + std::to_string(kMaxTomlKeyParts) +
                            " dotted parts; content keys have at most a few");
        }
      } else if (c == '[' && state_ == State::Key && open_.empty()) {
        state_ = State::Header;  // [table] or [[array.of.tables]]
      } else if (c == ']' && state_ == State::Header) {
        state_ = State::Value;  // what follows a header on its line is not a key
      } else if (c == '=' && state_ == State::Key) {
        state_ = State::Value;
      } else if (c == '}' && !open_.empty()) {
        open_.pop_back();  // an empty inline table, or one ending in a comma
        state_ = State::Value;
      }
      advance();
      continue;
    }
    // A value.
    if (c == '[' || c == '{') {
      open_.push_back(c == '[' ? Container::Array : Container::InlineTable);
      if (open_.size() > kMaxTomlNesting) {
        return refuse(line_, column(),
                      "arrays and inline tables are nested more than " +
                          std::to_string(kMaxTomlNesting) + " deep");
      }
      if (c == '{') {
        state_ = State::Key;
        start_key();
      }
    } else if ((c == ']' || c == '}') && !open_.empty()) {
      open_.pop_back();
    } else if (c == ',' && !open_.empty() && open_.back() == Container::InlineTable) {
      state_ = State::Key;
      start_key();
    }
    advance();
  }
  return true;
}

}  // namespace

bool within_toml_limits(std::string_view text, const std::string& display, Diagnostic* problem) {
  return LimitScanner(text, display, problem).scan();
}

}  // namespace coachkit
