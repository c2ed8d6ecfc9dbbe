#include "hosting/generator_options.hpp"

#include "pack/toml_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace coachkit {

namespace {

const char* type_name(OptionValue::Type type) {
  switch (type) {
    case OptionValue::Type::String:
      return "a string";
    case OptionValue::Type::Integer:
      return "an integer";
    case OptionValue::Type::Number:
      return "a number";
    case OptionValue::Type::Boolean:
      return "true or false";
    case OptionValue::Type::StringList:
      return "an array of strings";
  }
  return "";
}

}  // namespace

std::string describe_limits(const OptionSpec& spec) {
  if (spec.minimum && spec.maximum) {
    return "from " + std::to_string(*spec.minimum) + " to " + std::to_string(*spec.maximum);
  }
  if (spec.minimum) return "at least " + std::to_string(*spec.minimum);
  if (spec.maximum) return "at most " + std::to_string(*spec.maximum);
  std::string out;
  for (std::size_t i = 0; i < spec.choices.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == spec.choices.size() ? " or " : ", ") + spec.choices[i];
  }
  return out;
}

std::string check_option_limits(const OptionSpec& spec, const OptionValue& value) {
  bool outside = false;
  std::string given;
  if (value.type == OptionValue::Type::Integer) {
    outside = (spec.minimum && value.integer < *spec.minimum) ||
              (spec.maximum && value.integer > *spec.maximum);
    given = std::to_string(value.integer);
  } else if (value.type == OptionValue::Type::String && !spec.choices.empty()) {
    outside = std::find(spec.choices.begin(), spec.choices.end(), value.text) == spec.choices.end();
    given = "\"" + escape_control_characters(value.text) + "\"";
  }
  if (!outside) return "";
  return "option '" + spec.key + "' must be " + describe_limits(spec) + ", not " + given;
}

namespace {

// The value of `node` as `type`, or false when it is not of that type.
bool convert(const toml::node& node, OptionValue::Type type, OptionValue* value) {
  value->type = type;
  switch (type) {
    case OptionValue::Type::String:
      if (!node.is_string()) return false;
      value->text = node.as_string()->get();
      return true;
    case OptionValue::Type::Integer:
      if (!node.is_integer()) return false;
      value->integer = node.as_integer()->get();
      return true;
    case OptionValue::Type::Number:
      if (node.is_integer()) {
        value->number = static_cast<double>(node.as_integer()->get());
        return true;
      }
      if (!node.is_floating_point()) return false;
      value->number = node.as_floating_point()->get();
      return true;
    case OptionValue::Type::Boolean:
      if (!node.is_boolean()) return false;
      value->boolean = node.as_boolean()->get();
      return true;
    case OptionValue::Type::StringList:
      if (!node.is_array()) return false;
      for (const toml::node& item : *node.as_array()) {
        if (!item.is_string()) return false;
        value->list.push_back(item.as_string()->get());
      }
      return true;
  }
  return false;
}

}  // namespace

std::map<std::string, Options> read_generator_options(const toml::table* root,
                                                      const std::string& file,
                                                      const std::vector<GeneratorInfo>& generators,
                                                      Diagnostics& diagnostics) {
  std::map<std::string, Options> result;
  if (!root) return result;
  const toml::table* tables = root->get_as<toml::table>("generators");
  if (!tables) return result;
  std::vector<std::string> kinds;
  for (const GeneratorInfo& g : generators) kinds.push_back(g.kind);
  for (const auto& [key, node] : *tables) {
    std::string kind(key.str());
    SourcePosition at = position_of(file, key.source());
    const GeneratorInfo* generator = nullptr;
    for (const GeneratorInfo& g : generators) {
      if (g.kind == kind) generator = &g;
    }
    if (!generator) {
      std::string message = "no loaded plugin makes '" + kind + "'";
      std::string suggestion = closest(kind, kinds);
      if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
      message += " (see coachkit plugins)";
      diagnostics.add(file, at.line, at.column, message);
      continue;
    }
    if (!node.is_table()) {
      diagnostics.add(file, at.line, at.column,
                      "'generators." + kind + "' must be a table: [generators." + kind + "]");
      continue;
    }
    std::vector<std::string> known;
    for (const OptionSpec& spec : generator->options) known.push_back(spec.key);
    std::string context = "[generators." + kind + "]";
    report_unknown_keys(*node.as_table(), known, "unknown option", context, file, diagnostics);
    Options& options = result[kind];
    for (const OptionSpec& spec : generator->options) {
      const toml::node* value_node = node.as_table()->get(spec.key);
      if (!value_node) continue;
      OptionValue value;
      value.where = position_of(file, value_node->source());
      if (!convert(*value_node, spec.type, &value)) {
        diagnostics.add(file, value.where.line, value.where.column,
                        "option '" + spec.key + "' in " + context + " must be " +
                            type_name(spec.type) + ", not " + describe_type(*value_node));
        continue;
      }
      std::string outside = check_option_limits(spec, value);
      if (!outside.empty()) {
        diagnostics.add(file, value.where.line, value.where.column,
                        outside + " (in " + context + ")");
        continue;
      }
      options.set(spec.key, std::move(value));
    }
  }
  return result;
}

namespace {

// `text` as `type`, or false when it does not read as one.
bool convert_text(const std::string& text, OptionValue::Type type, OptionValue* value) {
  value->type = type;
  char* end = nullptr;
  errno = 0;
  switch (type) {
    case OptionValue::Type::String:
      value->text = text;
      return true;
    case OptionValue::Type::Integer:
      if (text.empty()) return false;
      value->integer = std::strtoll(text.c_str(), &end, 10);
      return errno == 0 && *end == '\0';
    case OptionValue::Type::Number:
      if (text.empty()) return false;
      value->number = std::strtod(text.c_str(), &end);
      return errno == 0 && *end == '\0' && std::isfinite(value->number);
    case OptionValue::Type::Boolean:
      if (text != "true" && text != "false") return false;
      value->boolean = text == "true";
      return true;
    case OptionValue::Type::StringList: {
      std::size_t start = 0;
      while (start <= text.size() && !text.empty()) {
        std::size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        value->list.push_back(text.substr(start, comma - start));
        start = comma + 1;
      }
      return true;
    }
  }
  return false;
}

// `--KEY VALUE` (written "*.KEY=VALUE"): the option KEY of every generator that declares it.
void apply_shortcut(const std::string& key, const std::string& text,
                    const std::vector<GeneratorInfo>& generators,
                    std::map<std::string, Options>& options, Diagnostics& diagnostics) {
  const std::string where = "command line";
  bool declared = false;
  for (const GeneratorInfo& generator : generators) {
    for (const OptionSpec& spec : generator.options) {
      if (spec.key != key) continue;
      declared = true;
      OptionValue value;
      value.where = SourcePosition{where, 0, 0};
      if (!convert_text(text, spec.type, &value)) {
        diagnostics.add(where, 0, 0,
                        "--" + key + " '" + text + "': option '" + key + "' of " + generator.kind +
                            " must be " + type_name(spec.type));
        continue;
      }
      std::string outside = check_option_limits(spec, value);
      if (!outside.empty()) {
        diagnostics.add(where, 0, 0, outside);
        continue;
      }
      options[generator.kind].set(key, std::move(value));
    }
  }
  if (!declared) {
    diagnostics.add(where, 0, 0,
                    "--" + key + ": no loaded generator declares an option '" + key +
                        "' (coachkit build --help lists the options of the loaded plugins; "
                        "--set KIND.KEY=VALUE sets any of them)");
  }
}

}  // namespace

void apply_option_settings(const std::vector<std::string>& settings,
                           const std::vector<GeneratorInfo>& generators,
                           std::map<std::string, Options>& options, Diagnostics& diagnostics) {
  const std::string where = "command line";
  std::vector<std::string> kinds;
  for (const GeneratorInfo& g : generators) kinds.push_back(g.kind);
  for (const std::string& setting : settings) {
    std::size_t dot = setting.find('.');
    std::size_t equals = setting.find('=');
    if (dot == std::string::npos || equals == std::string::npos || dot > equals || dot == 0 ||
        equals == dot + 1) {
      diagnostics.add(where, 0, 0,
                      "--set '" + setting + "': expected KIND.KEY=VALUE, e.g. quiz.versions=3");
      continue;
    }
    std::string kind = setting.substr(0, dot);
    std::string key = setting.substr(dot + 1, equals - dot - 1);
    std::string text = setting.substr(equals + 1);
    if (kind == "*") {
      apply_shortcut(key, text, generators, options, diagnostics);
      continue;
    }
    const GeneratorInfo* generator = nullptr;
    for (const GeneratorInfo& g : generators) {
      if (g.kind == kind) generator = &g;
    }
    if (!generator) {
      std::string message = "--set '" + setting + "': no loaded plugin makes '" + kind + "'";
      std::string suggestion = closest(kind, kinds);
      if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
      diagnostics.add(where, 0, 0, message);
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::vector<std::string> keys;
    for (const OptionSpec& s : generator->options) {
      keys.push_back(s.key);
      if (s.key == key) spec = &s;
    }
    if (!spec) {
      std::string message = "--set '" + setting + "': " + kind + " has no option '" + key + "'";
      std::string suggestion = closest(key, keys);
      if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
      diagnostics.add(where, 0, 0, message);
      continue;
    }
    OptionValue value;
    value.where = SourcePosition{where, 0, 0};
    if (!convert_text(text, spec->type, &value)) {
      diagnostics.add(where, 0, 0,
                      "--set '" + setting + "': option '" + key + "' of " + kind + " must be " +
                          type_name(spec->type));
      continue;
    }
    std::string outside = check_option_limits(*spec, value);
    if (!outside.empty()) {
      diagnostics.add(where, 0, 0, outside);
      continue;
    }
    options[kind].set(key, std::move(value));
  }
}

std::string option_shortcut(const std::string& key, const std::string& value) {
  return "*." + key + "=" + value;
}

std::string describe_generator_options(const std::vector<GeneratorInfo>& generators,
                                       const std::vector<std::string>& shortcuts) {
  std::string out;
  for (const GeneratorInfo& generator : generators) {
    for (const OptionSpec& spec : generator.options) {
      std::string line = "  " + generator.kind + "." + spec.key;
      if (std::find(shortcuts.begin(), shortcuts.end(), spec.key) != shortcuts.end()) {
        line += " (or --" + spec.key + ")";
      }
      std::string limits = describe_limits(spec);
      line += ": " + std::string(type_name(spec.type)) + (limits.empty() ? "" : ", " + limits);
      if (!spec.description.empty()) line += "; " + spec.description;
      out += line + "\n";
    }
  }
  return out;
}

}  // namespace coachkit
