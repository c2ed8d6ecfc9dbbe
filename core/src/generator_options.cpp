#include "generator_options.hpp"

#include "toml_reader.hpp"

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
      options.set(spec.key, std::move(value));
    }
  }
  return result;
}

}  // namespace coachkit
