#include "render/docx_pictures.hpp"

#include <coachkit/escape.hpp>

#include <nlohmann/json.hpp>

namespace coachkit {

namespace {

// The plain words of a list of pandoc inlines.
void words_of(const nlohmann::json& inlines, std::string& out) {
  if (!inlines.is_array()) return;
  for (const nlohmann::json& node : inlines) {
    if (!node.is_object()) continue;
    const std::string type = node.value("t", "");
    if (type == "Str" && node["c"].is_string()) {
      out += node["c"].get<std::string>();
    } else if (type == "Space" || type == "SoftBreak" || type == "LineBreak") {
      out += ' ';
    } else if (node.contains("c") && node["c"].is_array()) {
      // Emph and Strong hold their inlines; Span and Link an attribute list, then them.
      const nlohmann::json& c = node["c"];
      if (!c.empty() && c.front().is_object()) {
        words_of(c, out);
      } else {
        for (const nlohmann::json& part : c) words_of(part, out);
      }
    }
  }
}

void collect(const nlohmann::json& node, std::vector<std::string>& out) {
  if (node.is_object()) {
    const nlohmann::json* c = node.contains("c") ? &node["c"] : nullptr;
    if (node.value("t", "") == "Image" && c && c->is_array() && c->size() == 3 &&
        (*c)[2].is_array() && !(*c)[2].empty() && (*c)[2][0].is_string() &&
        (*c)[2][0].get<std::string>().rfind("data:", 0) == 0) {
      std::string words;
      words_of((*c)[1], words);
      out.push_back(std::move(words));
      return;
    }
  }
  if (node.is_array() || node.is_object()) {
    for (const nlohmann::json& child : node) collect(child, out);
  }
}

}  // namespace

std::vector<std::string> embedded_image_descriptions(const std::string& pandoc_json) {
  std::vector<std::string> out;
  // Most documents have no picture: the whole tree is parsed only for those that do.
  if (pandoc_json.find("\"Image\"") == std::string::npos) return out;
  nlohmann::json ast = nlohmann::json::parse(pandoc_json, nullptr, false);
  if (!ast.is_discarded() && ast.contains("blocks")) collect(ast["blocks"], out);
  return out;
}

bool describe_docx_pictures(const std::vector<std::string>& descriptions,
                            std::string* document_xml) {
  std::string& xml = *document_xml;
  const std::string from = "descr=\"data:";
  bool changed = false;
  std::size_t i = 0;
  for (std::size_t at = xml.find(from); at != std::string::npos && i < descriptions.size();
       at = xml.find(from, at)) {
    std::size_t value = at + 7, end = xml.find('"', value);
    if (end == std::string::npos) break;
    std::string words = escape::xml_attribute(descriptions[i++]);
    xml.replace(value, end - value, words);
    at = value + words.size();
    changed = true;
  }
  return changed;
}

}  // namespace coachkit
