// Reads one TOML table against a schema: each key asked for is checked for presence and type,
// and whatever was not asked for is reported as an unknown key, with the closest known one.
#pragma once

#include "support/diagnostics.hpp"

#include <coachkit/model.hpp>

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coachkit {

SourcePosition position_of(const std::string& file, const toml::source_region& region);

class TableReader {
 public:
  // `context` names the table in messages, e.g. "[principle]" or "[[principle.do]]".
  TableReader(const toml::table& table, std::string context, const std::string& file,
              Diagnostics& diagnostics);

  // A non-empty string that is a valid id.
  std::string id(std::string_view key = "id");
  // Strings of at most `max_chars` characters (see content_limits.hpp); a longer one is an
  // error and reads as "".
  std::string required_string(std::string_view key, std::size_t max_chars);
  std::string optional_string(std::string_view key, std::size_t max_chars);
  std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min,
                                      std::int64_t max);
  std::optional<double> positive_number(std::string_view key, bool required);
  std::optional<bool> boolean(std::string_view key);
  // An array of non-empty strings of at most `max_chars` characters each; `min_items` > 0
  // makes the key required.
  std::vector<std::string> string_list(std::string_view key, std::size_t min_items,
                                       std::size_t max_chars);
  const toml::table* table(std::string_view key);
  const toml::array* array(std::string_view key, bool required);
  // Any value; only marks the key as known.
  const toml::node* node(std::string_view key);
  // A key that exists in the schema but not in this case: "'KEY' does not apply to <what>".
  void not_applicable(std::string_view key, const std::string& what);

  SourcePosition where() const;
  SourcePosition where(const toml::node& node) const;
  // Where the value of `key` is written, or the table's position when it is absent.
  SourcePosition where(std::string_view key) const;
  // False, and an error at `value`, when the string is longer than `max_chars` characters.
  bool check_length(std::string_view key, const toml::node& value, std::size_t max_chars);
  void error(const toml::node& at, const std::string& message);
  void error(const std::string& message);  // at the table itself
  const std::string& file() const { return file_; }
  const std::string& context() const { return context_; }

  // Reports every key that no call above asked for. Call once, after reading.
  void finish();

 private:
  const toml::node* find(std::string_view key);
  void missing(std::string_view key, std::string_view expected);
  void wrong_type(std::string_view key, const toml::node& node, std::string_view expected);
  // `subject` is how the message names the value, e.g. "'title' in [principle]".
  bool within_length(const std::string& subject, const toml::node& value, std::size_t max_chars);

  const toml::table& table_;
  std::string context_;
  const std::string& file_;
  Diagnostics& diagnostics_;
  std::vector<std::string> known_;
};

// Reports every key of `table` that is not in `known`, as "<what> 'KEY' in <context>", with the
// closest known key and the full list.
void report_unknown_keys(const toml::table& table, const std::vector<std::string>& known,
                         const std::string& what, const std::string& context,
                         const std::string& file, Diagnostics& diagnostics);

// "a string", "an integer", … for messages.
std::string describe_type(const toml::node& node);
bool is_valid_id(std::string_view id);
// The number of characters (code points) of UTF-8 text.
std::size_t count_characters(std::string_view text);
// `text` cut to `max_chars` characters, with "..." when it was longer: for quoting content in
// messages without copying a huge value into each.
std::string excerpt(std::string_view text, std::size_t max_chars = 64);
// The candidate closest to `word` by edit distance, or "" when none is close.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace coachkit
