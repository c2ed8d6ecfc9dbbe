#include "pack/content_limits.hpp"
#include "pack/readers/readers.hpp"

#include <map>

namespace coachkit {

namespace {

Behavior read_behavior(const toml::table& table, const std::string& context,
                       const std::string& file, LoadContext& load) {
  TableReader r(table, context, file, load.diagnostics);
  Behavior b;
  b.where = r.where();
  b.id = r.id();
  b.text = r.required_string("text", kMaxParagraphChars);
  b.why = r.required_string("why", kMaxParagraphChars);
  if (auto weight = r.positive_number("weight", false)) b.weight = *weight;
  if (auto critical = r.boolean("critical")) b.critical = *critical;
  b.source = r.optional_string("source", kMaxLineChars);
  load.check_source(r, b.source);
  r.finish();
  return b;
}

}  // namespace

void read_principle_file(const toml::table& root, const std::string& file, LoadContext& context) {
  context.only_keys(root, file, {"principle"}, "a principle file");
  const toml::node* n = root.get("principle");
  if (!n || !n->is_table()) {
    SourcePosition p = n ? position_of(file, n->source()) : SourcePosition{file, 1, 1};
    context.diagnostics.add(file, p.line, p.column, "a principle file holds one [principle] table");
    return;
  }
  TableReader r(*n->as_table(), "[principle]", file, context.diagnostics);
  Principle p;
  p.where = r.where();
  p.id = r.id();
  p.title = r.required_string("title", kMaxLineChars);
  p.summary = r.required_string("summary", kMaxParagraphChars);
  p.body = r.optional_string("body", kMaxBodyChars);
  p.source = r.optional_string("source", kMaxLineChars);
  context.check_source(r, p.source);
  p.group = r.optional_string("group", kMaxLineChars);
  if (!p.group.empty())
    context.check_reference(context.group_ids, "group", p.group, r.where("group"));
  if (auto order = r.integer("order", false, 1, 10000)) p.order = static_cast<int>(*order);
  p.tags = r.string_list("tags", 0, kMaxLineChars);

  // Behavior ids are unique within their principle, the same id in another one is fine.
  std::map<std::string, SourcePosition> behavior_ids;
  auto read_behaviors = [&](std::string_view key, std::vector<Behavior>& into) {
    const toml::node* list = r.node(key);
    if (!list) return;
    std::string table = "[[principle." + std::string(key) + "]]";
    if (!is_table_list(*list)) {
      r.error(*list, "'" + std::string(key) + "' in [principle] must be written as " + table +
                         " tables, each with id, text and why");
      return;
    }
    for (const toml::node& item : *list->as_array()) {
      Behavior b = read_behavior(*item.as_table(), table, file, context);
      if (!b.id.empty()) {
        SourcePosition at = position_of(file, item.as_table()->get("id")->source());
        auto [first, inserted] = behavior_ids.emplace(b.id, at);
        if (!inserted) {
          context.diagnostics.add(file, at.line, at.column,
                                  "duplicate do/don't id '" + b.id + "' in principle '" + p.id +
                                      "' (first defined at line " +
                                      std::to_string(first->second.line) + ")");
          continue;
        }
      }
      into.push_back(std::move(b));
    }
  };
  read_behaviors("do", p.dos);
  read_behaviors("dont", p.donts);
  r.finish();
  if (context.principle_ids.claim(p.id, r.where("id"), context.diagnostics)) {
    context.pack.principles.push_back(std::move(p));
  }
}

}  // namespace coachkit
