#include "pack/content_limits.hpp"
#include "pack/readers/readers.hpp"

namespace coachkit {

namespace {

// A list that pairs one entry with each of `count` items (steps, prompts, questions).
std::vector<std::string> one_per(TableReader& r, std::string_view key, std::size_t count,
                                 const char* items) {
  const toml::node* node = r.node(key);
  std::vector<std::string> list = r.string_list(key, 0, kMaxParagraphChars);
  if (node && node->is_array() && node->as_array()->size() != count) {
    r.error(*node, "'" + std::string(key) + "' in " + r.context() + " has " +
                       std::to_string(node->as_array()->size()) +
                       " entries; it needs one for each of the " + std::to_string(count) + " " +
                       items + " (\"\" for none)");
  }
  return list;
}

Worksheet read_worksheet(TableReader& r) {
  Worksheet w;
  std::string kind = r.required_string("kind", kMaxLineChars);
  const toml::node* kind_node = r.node("kind");
  w.title = r.optional_string("title", kMaxLineChars);
  w.instructions = r.optional_string("instructions", kMaxParagraphChars);
  const std::vector<const char*> grid_keys = {"rows", "columns", "scale", "totals"};
  auto not_for = [&](const std::vector<const char*>& keys) {
    for (const char* key : keys) r.not_applicable(key, "a " + kind + " worksheet");
  };
  if (kind == "grid") {
    w.kind = Worksheet::Kind::Grid;
    not_for({"prompts", "suggested_answers", "lines"});
    w.rows = r.string_list("rows", 1, kMaxLineChars);
    w.columns = r.string_list("columns", 1, kMaxLineChars);
    if (w.columns.size() > 12) r.error("a grid worksheet has at most 12 columns");
    if (w.rows.size() > 40) r.error("a grid worksheet has at most 40 rows");
    if (const toml::array* scale = r.array("scale", false)) {
      if (scale->size() != 2 || !(*scale)[0].is_integer() || !(*scale)[1].is_integer()) {
        r.error(*scale, "'scale' in " + r.context() + " must be two integers [lowest, highest]");
      } else {
        std::int64_t low = (*scale)[0].as_integer()->get();
        std::int64_t high = (*scale)[1].as_integer()->get();
        if (low >= high || low < -1000 || high > 1000) {
          r.error(*scale, "'scale' in " + r.context() +
                              " must go from a lower to a higher score, within -1000 to 1000");
        } else {
          w.scale_min = static_cast<int>(low);
          w.scale_max = static_cast<int>(high);
        }
      }
    }
    if (auto totals = r.boolean("totals")) w.totals = *totals;
  } else if (kind == "prompts") {
    w.kind = Worksheet::Kind::Prompts;
    w.prompts = r.string_list("prompts", 1, kMaxParagraphChars);
    w.suggested_answers = one_per(r, "suggested_answers", w.prompts.size(), "prompts");
    not_for(grid_keys);
    not_for({"lines"});
  } else if (kind == "lines") {
    w.kind = Worksheet::Kind::Lines;
    w.lines = static_cast<int>(r.integer("lines", true, 1, 60).value_or(0));
    not_for(grid_keys);
    not_for({"prompts", "suggested_answers"});
  } else {
    if (!kind.empty() && kind_node) {
      r.error(*kind_node, "'kind' in " + r.context() + " is \"" + kind +
                              "\"; expected \"grid\", \"prompts\" or \"lines\"");
    }
    // With the kind unknown, every worksheet key is plausible: report only the kind.
    for (const char* key :
         {"rows", "columns", "scale", "totals", "prompts", "suggested_answers", "lines"}) {
      r.node(key);
    }
  }
  return w;
}

}  // namespace

void read_activity_file(const toml::table& root, const std::string& file, LoadContext& context) {
  context.only_keys(root, file, {"activity"}, "an activity file");
  const toml::node* n = root.get("activity");
  if (!n || !n->is_table()) {
    context.diagnostics.add(file, 1, 1, "an activity file holds one [activity] table");
    return;
  }
  TableReader r(*n->as_table(), "[activity]", file, context.diagnostics);
  Activity a;
  a.where = r.where();
  a.id = r.id();
  a.title = r.required_string("title", kMaxLineChars);
  a.principles = r.string_list("principles", 1, kMaxLineChars);
  context.check_principles(r, "principles");
  a.minutes = static_cast<int>(r.integer("minutes", true, 1, 600).value_or(0));
  a.goal = r.required_string("goal", kMaxParagraphChars);
  a.group_size = r.optional_string("group_size", kMaxLineChars);
  a.materials = r.string_list("materials", 0, kMaxLineChars);
  a.steps = r.string_list("steps", 1, kMaxParagraphChars);
  a.debrief = r.string_list("debrief", 0, kMaxParagraphChars);
  a.source = r.optional_string("source", kMaxLineChars);
  context.check_source(r, a.source);
  a.facilitator_notes = r.optional_string("facilitator_notes", kMaxParagraphChars);
  a.debrief_answers = one_per(r, "debrief_answers", a.debrief.size(), "debrief questions");
  if (const toml::array* minutes = r.array("step_minutes", false)) {
    long total = 0;
    for (const toml::node& m : *minutes) {
      if (!m.is_integer() || m.as_integer()->get() < 1 || m.as_integer()->get() > 600) {
        r.error(m, "each of 'step_minutes' in " + r.context() +
                       " is a whole number of minutes from 1 to 600");
        continue;
      }
      a.step_minutes.push_back(static_cast<int>(m.as_integer()->get()));
      total += a.step_minutes.back();
    }
    if (minutes->size() != a.steps.size()) {
      r.error(*minutes, "'step_minutes' in " + r.context() + " has " +
                            std::to_string(minutes->size()) +
                            " entries; it needs one for each of the " +
                            std::to_string(a.steps.size()) + " steps");
      a.step_minutes.clear();
    } else if (a.step_minutes.size() == a.steps.size() && a.minutes > 0 && total > a.minutes) {
      r.error(*minutes, "the steps of " + r.context() + " add up to " + std::to_string(total) +
                            " minutes, more than its 'minutes' (" + std::to_string(a.minutes) +
                            ")");
    }
    if (a.step_minutes.size() != a.steps.size()) a.step_minutes.clear();
  }
  if (const toml::table* sheet = r.table("worksheet")) {
    TableReader wr(*sheet, "[activity.worksheet]", file, context.diagnostics);
    a.worksheet = read_worksheet(wr);
    wr.finish();
  }
  r.finish();
  if (context.activity_ids.claim(a.id, r.where("id"), context.diagnostics)) {
    context.pack.activities.push_back(std::move(a));
  }
}

}  // namespace coachkit
