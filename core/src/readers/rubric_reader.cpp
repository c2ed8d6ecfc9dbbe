#include "content_limits.hpp"
#include "readers/readers.hpp"

#include <set>

namespace coachkit {

void read_rubric_file(const toml::table& root, const std::string& file, LoadContext& context) {
  context.only_keys(root, file, {"rubric"}, "a rubric file");
  const toml::node* n = root.get("rubric");
  if (!n || !n->is_table()) {
    context.diagnostics.add(file, 1, 1, "a rubric file holds one [rubric] table");
    return;
  }
  TableReader r(*n->as_table(), "[rubric]", file, context.diagnostics);
  Rubric rubric;
  rubric.where = r.where();
  rubric.id = r.id();
  rubric.title = r.required_string("title", kMaxLineChars);
  rubric.description = r.optional_string("description", kMaxParagraphChars);
  if (const toml::array* scale = r.array("scale", false)) {
    if (scale->size() != 2 || !(*scale)[0].is_integer() || !(*scale)[1].is_integer() ||
        (*scale)[0].as_integer()->get() >= (*scale)[1].as_integer()->get() ||
        (*scale)[0].as_integer()->get() < 0 || (*scale)[1].as_integer()->get() > 100) {
      r.error(*scale, "'scale' in [rubric] must be two integers [lowest, highest], from 0 to 100");
    } else {
      rubric.scale_min = static_cast<int>((*scale)[0].as_integer()->get());
      rubric.scale_max = static_cast<int>((*scale)[1].as_integer()->get());
    }
  }
  std::set<std::string> criterion_ids;
  const toml::node* sections = r.node("section");
  if (!sections) {
    r.error("[rubric] needs at least one [[rubric.section]]");
  } else if (!is_table_list(*sections) || sections->as_array()->empty()) {
    r.error(*sections,
            "'section' in [rubric] must be written as [[rubric.section]] tables, at "
            "least one");
  } else {
    for (const toml::node& item : *sections->as_array()) {
      TableReader sr(*item.as_table(), "[[rubric.section]]", file, context.diagnostics);
      RubricSection s;
      s.where = sr.where();
      s.title = sr.optional_string("title", kMaxLineChars);
      s.principle = sr.optional_string("principle", kMaxLineChars);
      context.check_reference(context.principle_ids, "principle", s.principle,
                              sr.where("principle"));
      s.weight = sr.positive_number("weight", true).value_or(0);
      s.behaviors = sr.boolean("behaviors").value_or(false);
      if (s.title.empty() && s.principle.empty()) {
        sr.error("[[rubric.section]] needs a 'title' or a 'principle'");
      }
      if (s.behaviors) {
        const Principle* p = nullptr;
        for (const Principle& candidate : context.pack.principles) {
          if (candidate.id == s.principle) p = &candidate;
        }
        if (s.principle.empty()) {
          sr.error("'behaviors = true' needs the 'principle' whose do's and don'ts to use");
        } else if (p && p->dos.empty() && p->donts.empty()) {
          sr.error("principle '" + s.principle + "' has no do's or don'ts to draw criteria from");
        }
      }
      if (const toml::node* list = sr.node("criterion")) {
        if (!is_table_list(*list)) {
          sr.error(*list, "'criterion' must be written as [[rubric.section.criterion]] tables");
        } else {
          for (const toml::node& c : *list->as_array()) {
            TableReader cr(*c.as_table(), "[[rubric.section.criterion]]", file,
                           context.diagnostics);
            Criterion criterion;
            criterion.where = cr.where();
            criterion.id = cr.id();
            criterion.text = cr.required_string("text", kMaxParagraphChars);
            criterion.weight = cr.positive_number("weight", false).value_or(1.0);
            criterion.critical = cr.boolean("critical").value_or(false);
            cr.finish();
            if (!criterion.id.empty() && !criterion_ids.insert(criterion.id).second) {
              cr.error(*c.as_table()->get("id"), "duplicate criterion id '" + criterion.id +
                                                     "' in rubric '" + rubric.id + "'");
            }
            s.criteria.push_back(std::move(criterion));
          }
        }
      }
      if (!s.behaviors && s.criteria.empty()) {
        sr.error(
            "[[rubric.section]] needs criteria: [[rubric.section.criterion]] tables or "
            "'behaviors = true'");
      }
      sr.finish();
      rubric.sections.push_back(std::move(s));
    }
  }
  r.finish();
  if (context.rubric_ids.claim(rubric.id, r.where("id"), context.diagnostics)) {
    context.pack.rubrics.push_back(std::move(rubric));
  }
}

}  // namespace coachkit
