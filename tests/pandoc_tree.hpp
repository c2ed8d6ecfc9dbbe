// Reading pandoc's JSON AST in tests.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace coachkit::testing {

// The text a reader sees in any part of the tree: Str contents, a blank for each Space or break.
inline std::string text_of(const nlohmann::json& j) {
  std::string out;
  if (j.is_object() && j.contains("t")) {
    if (j["t"] == "Str") return j["c"].get<std::string>();
    if (j["t"] == "Space" || j["t"] == "SoftBreak" || j["t"] == "LineBreak") return " ";
    if (j.contains("c")) return text_of(j["c"]);
    return out;
  }
  if (j.is_array()) {
    for (const nlohmann::json& item : j) out += text_of(item);
  }
  return out;
}

}  // namespace coachkit::testing
