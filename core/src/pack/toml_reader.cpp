#include "pack/toml_reader.hpp"

#include <algorithm>

namespace coachkit {

SourcePosition position_of(const std::string& file, const toml::source_region& region) {
  return SourcePosition{file, static_cast<int>(region.begin.line),
                        static_cast<int>(region.begin.column)};
}

std::string describe_type(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_or_digit(id.front())) return false;
  return std::all_of(id.begin(), id.end(), [&](char c) { return lower_or_digit(c) || c == '-'; });
}

std::size_t count_characters(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return count;
}

std::string excerpt(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80 && chars++ == max_chars) {
      return std::string(text.substr(0, i)) + "...";
    }
  }
  return std::string(text);
}

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const std::string& candidate : candidates) {
    std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

TableReader::TableReader(const toml::table& table, std::string context, const std::string& file,
                         Diagnostics& diagnostics)
    : table_(table), context_(std::move(context)), file_(file), diagnostics_(diagnostics) {}

const toml::node* TableReader::find(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
  return table_.get(key);
}

SourcePosition TableReader::where() const { return position_of(file_, table_.source()); }

SourcePosition TableReader::where(const toml::node& node) const {
  return position_of(file_, node.source());
}

SourcePosition TableReader::where(std::string_view key) const {
  const toml::node* n = table_.get(key);
  return n ? where(*n) : where();
}

bool TableReader::check_length(std::string_view key, const toml::node& value,
                               std::size_t max_chars) {
  // The subject of the message is written only when there is a message.
  const toml::value<std::string>* s = value.as_string();
  // No more characters than bytes: only a long one needs counting.
  if (!s || s->get().size() <= max_chars || count_characters(s->get()) <= max_chars) return true;
  return within_length("'" + std::string(key) + "' in " + context_, value, max_chars);
}

bool TableReader::within_length(const std::string& subject, const toml::node& value,
                                std::size_t max_chars) {
  const toml::value<std::string>* s = value.as_string();
  if (!s) return true;
  std::size_t chars = count_characters(s->get());
  if (chars <= max_chars) return true;
  error(value, subject + " is at most " + std::to_string(max_chars) +
                   " characters long (this one has " + std::to_string(chars) + ")");
  return false;
}

void TableReader::error(const toml::node& at, const std::string& message) {
  SourcePosition p = where(at);
  diagnostics_.add(file_, p.line, p.column, message);
}

void TableReader::error(const std::string& message) {
  SourcePosition p = where();
  diagnostics_.add(file_, p.line, p.column, message);
}

void TableReader::missing(std::string_view key, std::string_view expected) {
  error(context_ + " is missing the required key '" + std::string(key) + "' (" +
        std::string(expected) + ")");
}

void TableReader::wrong_type(std::string_view key, const toml::node& node,
                             std::string_view expected) {
  error(node, "'" + std::string(key) + "' in " + context_ + " must be " + std::string(expected) +
                  ", not " + describe_type(node));
}

std::string TableReader::id(std::string_view key) {
  // Longer than any valid id, so that a huge one is refused for its length, not quoted.
  std::string value = required_string(key, 64);
  if (!value.empty() && !is_valid_id(value)) {
    error(*table_.get(key), "'" + std::string(key) + "' in " + context_ + " is \"" + value +
                                "\": an id is lower-case letters, digits and hyphens, starts "
                                "with a letter or digit and has at most 64 characters, such as "
                                "\"pride-in-workmanship\"");
  }
  return value;
}

std::string TableReader::required_string(std::string_view key, std::size_t max_chars) {
  const toml::node* n = find(key);
  if (!n) {
    missing(key, "a string");
    return {};
  }
  if (!n->is_string()) {
    wrong_type(key, *n, "a string");
    return {};
  }
  if (!check_length(key, *n, max_chars)) return {};
  std::string value = n->as_string()->get();
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    error(*n, "'" + std::string(key) + "' in " + context_ + " must not be empty");
  }
  return value;
}

std::string TableReader::optional_string(std::string_view key, std::size_t max_chars) {
  const toml::node* n = find(key);
  if (!n) return {};
  if (!n->is_string()) {
    wrong_type(key, *n, "a string");
    return {};
  }
  if (!check_length(key, *n, max_chars)) return {};
  return n->as_string()->get();
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, bool required,
                                                 std::int64_t min, std::int64_t max) {
  const toml::node* n = find(key);
  std::string expected = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (!n) {
    if (required) missing(key, expected);
    return std::nullopt;
  }
  if (!n->is_integer()) {
    wrong_type(key, *n, expected);
    return std::nullopt;
  }
  std::int64_t value = n->as_integer()->get();
  if (value < min || value > max) {
    error(*n, "'" + std::string(key) + "' in " + context_ + " is " + std::to_string(value) +
                  "; expected " + expected);
    return std::nullopt;
  }
  return value;
}

std::optional<double> TableReader::positive_number(std::string_view key, bool required) {
  const toml::node* n = find(key);
  if (!n) {
    if (required) missing(key, "a number greater than 0");
    return std::nullopt;
  }
  double value = 0;
  if (n->is_integer()) {
    value = static_cast<double>(n->as_integer()->get());
  } else if (n->is_floating_point()) {
    value = n->as_floating_point()->get();
  } else {
    wrong_type(key, *n, "a number greater than 0");
    return std::nullopt;
  }
  if (!(value > 0) || value > 1e6) {
    error(*n, "'" + std::string(key) + "' in " + context_ +
                  " must be a number greater than 0 (and at most 1000000)");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const toml::node* n = find(key);
  if (!n) return std::nullopt;
  if (!n->is_boolean()) {
    wrong_type(key, *n, "true or false");
    return std::nullopt;
  }
  return n->as_boolean()->get();
}

std::vector<std::string> TableReader::string_list(std::string_view key, std::size_t min_items,
                                                  std::size_t max_chars) {
  std::vector<std::string> values;
  const toml::node* n = find(key);
  std::string expected = "an array of strings";
  if (min_items > 0)
    expected +=
        " with at least " + std::to_string(min_items) + " item" + (min_items == 1 ? "" : "s");
  if (!n) {
    if (min_items > 0) missing(key, expected);
    return values;
  }
  if (!n->is_array()) {
    wrong_type(key, *n, expected);
    return values;
  }
  for (const toml::node& item : *n->as_array()) {
    if (!item.is_string()) {
      error(item, "each item of '" + std::string(key) + "' in " + context_ +
                      " must be a string, not " + describe_type(item));
      continue;
    }
    const std::string& s = item.as_string()->get();
    if (s.find_first_not_of(" \t\r\n") == std::string::npos) {
      error(item, "an item of '" + std::string(key) + "' in " + context_ + " is empty");
      continue;
    }
    if (s.size() > max_chars && count_characters(s) > max_chars &&
        !within_length("an item of '" + std::string(key) + "' in " + context_, item, max_chars)) {
      continue;
    }
    values.push_back(s);
  }
  if (values.size() < min_items && n->as_array()->size() < min_items) {
    error(*n, "'" + std::string(key) + "' in " + context_ + " must be " + expected);
  }
  return values;
}

const toml::table* TableReader::table(std::string_view key) {
  const toml::node* n = find(key);
  if (!n) return nullptr;
  if (!n->is_table()) {
    wrong_type(key, *n, "a table");
    return nullptr;
  }
  return n->as_table();
}

const toml::array* TableReader::array(std::string_view key, bool required) {
  const toml::node* n = find(key);
  if (!n) {
    if (required) missing(key, "an array");
    return nullptr;
  }
  if (!n->is_array()) {
    wrong_type(key, *n, "an array");
    return nullptr;
  }
  return n->as_array();
}

const toml::node* TableReader::node(std::string_view key) { return find(key); }

void TableReader::not_applicable(std::string_view key, const std::string& what) {
  if (const toml::node* n = find(key)) {
    error(*n, "'" + std::string(key) + "' does not apply to " + what);
  }
}

void report_unknown_keys(const toml::table& table, const std::vector<std::string>& known,
                         const std::string& what, const std::string& context,
                         const std::string& file, Diagnostics& diagnostics) {
  for (const auto& [key, value] : table) {
    std::string name(key.str());
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string message = what + " '" + excerpt(name) + "' in " + context;
    std::string suggestion = closest(name, known);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    message += " (expected one of: " + join(known) + ")";
    SourcePosition p = position_of(file, key.source());
    if (p.line == 0) p = position_of(file, value.source());
    diagnostics.add(file, p.line, p.column, message);
  }
}

void TableReader::finish() {
  report_unknown_keys(table_, known_, "unknown key", context_, file_, diagnostics_);
}

}  // namespace coachkit
