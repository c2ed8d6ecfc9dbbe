#include "pack/readers/load_context.hpp"

#include "pack/content_limits.hpp"

namespace coachkit {

bool IdRegistry::claim(const std::string& id, const SourcePosition& where,
                       Diagnostics& diagnostics) {
  if (id.empty()) return false;
  auto [it, inserted] = seen_.emplace(id, where);
  if (!inserted) {
    diagnostics.add(where.file, where.line, where.column,
                    "duplicate " + kind_ + " id '" + id + "' (first defined at " + it->second.file +
                        ":" + std::to_string(it->second.line) + ":" +
                        std::to_string(it->second.column) + ")");
  }
  return inserted;
}

std::vector<std::string> IdRegistry::ids() const {
  std::vector<std::string> out;
  for (const auto& entry : seen_) out.push_back(entry.first);
  return out;
}

bool is_table_list(const toml::node& node) {
  const toml::array* array = node.as_array();
  return array && (array->empty() || array->is_homogeneous(toml::node_type::table));
}

void LoadContext::only_keys(const toml::table& root, const std::string& file,
                            const std::vector<std::string>& allowed, const std::string& what) {
  report_unknown_keys(root, allowed, "unexpected top-level key", what, file, diagnostics);
}

void LoadContext::check_reference(const IdRegistry& registry, const std::string& kind,
                                  const std::string& id, const SourcePosition& where) {
  if (id.empty() || registry.contains(id)) return;
  std::string suggestion = closest(id, registry.ids());
  // A likely typo is still worth saying; anything else may be defined in the unread file.
  if (suggestion.empty() && unread.count(kind + "s")) return;
  std::string message = "unknown " + kind + " '" + excerpt(id) + "'";
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  if (registry.ids().empty()) message += " (the pack defines no " + kind + "s)";
  diagnostics.add(where.file, where.line, where.column, message);
}

void LoadContext::check_principles(TableReader& r, std::string_view key) {
  const toml::node* n = r.node(key);
  if (!n || !n->is_array()) return;
  for (const toml::node& item : *n->as_array()) {
    // An item too long to be an id was reported as such when the list was read.
    if (item.is_string() && count_characters(item.as_string()->get()) <= kMaxLineChars) {
      check_reference(principle_ids, "principle", item.as_string()->get(), r.where(item));
    }
  }
}

void LoadContext::check_source(TableReader& r, const std::string& id) {
  if (id.empty()) return;
  check_reference(source_ids, "source", id, r.where("source"));
}

}  // namespace coachkit
