// A generator's own options, as the author wrote them in the project file:
//
//   [generators.quiz]
//   versions = 2
//   drawn = "mix"
//
// A generator declares what it accepts (OptionSpec); the core reads the values, checks their
// types and reports unknown or mistyped options at FILE:LINE:COL before any generator runs, so
// a generator only ever sees options it declared, with the type it declared.
#pragma once

#include <coachkit/model.hpp>
#include <coachkit/version.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

COACHKIT_NAMESPACE_BEGIN

struct OptionValue {
  enum class Type { String, Integer, Number, Boolean, StringList };
  Type type = Type::String;
  std::string text;               // String
  std::int64_t integer = 0;       // Integer
  double number = 0;              // Number (an integer written in TOML is accepted too)
  bool boolean = false;           // Boolean
  std::vector<std::string> list;  // StringList
  SourcePosition where;           // where the value was written
};

// One option a generator accepts. The limits are checked by the core wherever the option is
// given (project file, --set, the command line's shortcuts), before the generator runs, and are
// listed by `coachkit build --help`.
struct OptionSpec {
  std::string key;
  OptionValue::Type type = OptionValue::Type::String;
  std::string description;                             // shown by `coachkit plugins`
  std::optional<std::int64_t> minimum = std::nullopt;  // Integer: the smallest value accepted
  std::optional<std::int64_t> maximum = std::nullopt;  // Integer: the largest value accepted
  std::vector<std::string> choices = {};  // String: the values accepted, when not empty
};

// The options given for one generator, already checked against its OptionSpecs.
class Options {
 public:
  void set(std::string key, OptionValue value) {
    for (auto& entry : values_) {
      if (entry.first == key) {
        entry.second = std::move(value);
        return;
      }
    }
    values_.emplace_back(std::move(key), std::move(value));
  }
  const OptionValue* find(const std::string& key) const {
    for (const auto& entry : values_) {
      if (entry.first == key) return &entry.second;
    }
    return nullptr;
  }
  bool has(const std::string& key) const { return find(key) != nullptr; }
  std::string string(const std::string& key, std::string fallback = {}) const {
    const OptionValue* v = find(key);
    return v && v->type == OptionValue::Type::String ? v->text : fallback;
  }
  std::int64_t integer(const std::string& key, std::int64_t fallback = 0) const {
    const OptionValue* v = find(key);
    return v && v->type == OptionValue::Type::Integer ? v->integer : fallback;
  }
  double number(const std::string& key, double fallback = 0) const {
    const OptionValue* v = find(key);
    return v && v->type == OptionValue::Type::Number ? v->number : fallback;
  }
  bool boolean(const std::string& key, bool fallback = false) const {
    const OptionValue* v = find(key);
    return v && v->type == OptionValue::Type::Boolean ? v->boolean : fallback;
  }
  std::vector<std::string> list(const std::string& key) const {
    const OptionValue* v = find(key);
    return v && v->type == OptionValue::Type::StringList ? v->list : std::vector<std::string>{};
  }
  // Where an option was written, so a generator can report a bad value at the author's line;
  // the position of nothing (line 0) when the option was not given.
  SourcePosition where(const std::string& key) const {
    const OptionValue* v = find(key);
    return v ? v->where : SourcePosition{};
  }
  const std::vector<std::pair<std::string, OptionValue>>& values() const { return values_; }

 private:
  std::vector<std::pair<std::string, OptionValue>> values_;
};

COACHKIT_NAMESPACE_END
