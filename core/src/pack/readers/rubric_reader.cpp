// rubrics/*.toml: one [rubric] per file, one version of it. Files with the same id and different
// versions are one rubric: the highest version is the current one, the others are kept in
// `earlier_versions` so that an evaluation is scored under the version it names.
#include "pack/content_limits.hpp"
#include "pack/readers/readers.hpp"

#include <algorithm>
#include <set>

namespace coachkit {

namespace {

constexpr int kMaxScalePoints = 1000;

std::string join_choices(const std::vector<std::string>& choices) {
  std::string out;
  for (const std::string& c : choices) out += (out.empty() ? "\"" : ", \"") + c + "\"";
  return out;
}

// One of `choices`, or `fallback` (with an error naming the choices) when the value is another.
int read_choice(TableReader& r, std::string_view key, const std::vector<std::string>& choices,
                int fallback) {
  const toml::node* n = r.node(key);
  if (!n) return fallback;
  if (!n->is_string()) {
    r.error(*n, "'" + std::string(key) + "' in " + r.context() + " must be one of " +
                    join_choices(choices) + ", not " + describe_type(*n));
    return fallback;
  }
  const std::string& value = n->as_string()->get();
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (choices[i] == value) return static_cast<int>(i);
  }
  std::string message = "'" + std::string(key) + "' in " + r.context() + " is \"" + excerpt(value) +
                        "\"; expected one of " + join_choices(choices);
  std::string suggestion = closest(value, choices);
  if (!suggestion.empty()) message += "; did you mean \"" + suggestion + "\"?";
  r.error(*n, message);
  return fallback;
}

std::optional<double> read_number(TableReader& r, std::string_view key, double min, double max) {
  const toml::node* n = r.node(key);
  if (!n) return std::nullopt;
  double value = 0;
  if (n->is_integer()) {
    value = static_cast<double>(n->as_integer()->get());
  } else if (n->is_floating_point()) {
    value = n->as_floating_point()->get();
  } else {
    r.error(*n, "'" + std::string(key) + "' in " + r.context() + " must be a number, not " +
                    describe_type(*n));
    return std::nullopt;
  }
  if (!(value >= min && value <= max)) {
    r.error(*n, "'" + std::string(key) + "' in " + r.context() + " must be a number from " +
                    std::to_string(static_cast<int>(min)) + " to " +
                    std::to_string(static_cast<int>(max)));
    return std::nullopt;
  }
  return value;
}

const std::vector<std::string> kNotApplicableChoices = {"not-allowed", "excluded", "pass"};

// In the order of Criterion::Measurement after FromScale.
const std::vector<std::string> kMeasurementChoices = {"nominal", "ordinal", "interval", "ratio"};

// `measurement = "nominal" | "ordinal" | "interval" | "ratio"`, or `fallback` when not given.
Criterion::Measurement read_measurement(TableReader& r, Criterion::Measurement fallback) {
  if (!r.node("measurement")) return fallback;
  return static_cast<Criterion::Measurement>(
      1 + read_choice(r, "measurement", kMeasurementChoices, static_cast<int>(fallback) - 1));
}

Scale yes_no_scale() {
  Scale s;
  s.kind = Scale::Kind::YesNo;
  s.id = "yes-no";
  s.min = 0;
  s.max = 1;
  return s;
}

Scale points_scale(int max) {
  Scale s;
  s.kind = Scale::Kind::Points;
  s.id = "points";
  s.min = 0;
  s.max = max;
  return s;
}

// [[rubric.scale]]: id, title, kind, max (points), range and [[rubric.scale.level]] (levels).
Scale read_scale(const toml::table& table, const std::string& file, Diagnostics& diagnostics) {
  TableReader r(table, "[[rubric.scale]]", file, diagnostics);
  Scale s;
  s.where = r.where();
  s.id = r.id();
  if (s.id == "yes-no" || s.id == "points") {
    r.error(*table.get("id"), "'" + s.id + "' is a built-in scale; give this one another id");
  }
  s.title = r.optional_string("title", kMaxLineChars);
  s.kind = static_cast<Scale::Kind>(read_choice(r, "kind", {"yes-no", "points", "levels"}, 2));
  if (s.kind == Scale::Kind::YesNo) {
    r.not_applicable("max", "a yes-no scale");
    r.not_applicable("range", "a yes-no scale");
    r.not_applicable("level", "a yes-no scale");
    s.min = 0;
    s.max = 1;
  } else if (s.kind == Scale::Kind::Points) {
    r.not_applicable("range", "a points scale (it runs from 0 to 'max')");
    r.not_applicable("level", "a points scale");
    s.min = 0;
    s.max = static_cast<int>(r.integer("max", true, 1, kMaxScalePoints).value_or(1));
  } else {
    r.not_applicable("max", "a levels scale (give 'range' or the levels)");
    std::optional<std::pair<int, int>> range;
    if (const toml::array* a = r.array("range", false)) {
      if (a->size() != 2 || !(*a)[0].is_integer() || !(*a)[1].is_integer() ||
          (*a)[0].as_integer()->get() >= (*a)[1].as_integer()->get() ||
          (*a)[0].as_integer()->get() < 0 || (*a)[1].as_integer()->get() > 100) {
        r.error(*a,
                "'range' in [[rubric.scale]] must be two integers [lowest, highest], "
                "from 0 to 100, lowest first");
      } else {
        range = std::make_pair(static_cast<int>((*a)[0].as_integer()->get()),
                               static_cast<int>((*a)[1].as_integer()->get()));
      }
    }
    if (const toml::node* list = r.node("level")) {
      if (!is_table_list(*list)) {
        r.error(*list, "'level' must be written as [[rubric.scale.level]] tables");
      } else {
        std::set<int> seen;
        for (const toml::node& item : *list->as_array()) {
          TableReader lr(*item.as_table(), "[[rubric.scale.level]]", file, diagnostics);
          ScaleLevel level;
          level.where = lr.where();
          level.value = static_cast<int>(lr.integer("value", true, 0, 100).value_or(0));
          level.label = lr.optional_string("label", kMaxLineChars);
          level.descriptor = lr.optional_string("descriptor", kMaxParagraphChars);
          if (lr.node("value") && lr.node("value")->is_integer() &&
              !seen.insert(level.value).second) {
            lr.error(*lr.node("value"), "level " + std::to_string(level.value) +
                                            " is described twice in scale '" + s.id + "'");
          }
          lr.finish();
          s.levels.push_back(std::move(level));
        }
        std::sort(s.levels.begin(), s.levels.end(),
                  [](const ScaleLevel& a, const ScaleLevel& b) { return a.value < b.value; });
      }
    }
    if (range) {
      s.min = range->first;
      s.max = range->second;
      for (const ScaleLevel& level : s.levels) {
        if (level.value < s.min || level.value > s.max) {
          diagnostics.add(file, level.where.line, level.where.column,
                          "level " + std::to_string(level.value) + " is outside scale '" + s.id +
                              "' (" + std::to_string(s.min) + " to " + std::to_string(s.max) + ")");
        }
      }
    } else if (s.levels.size() >= 2) {
      s.min = s.levels.front().value;
      s.max = s.levels.back().value;
    } else {
      r.error(
          "a levels scale needs 'range = [lowest, highest]' or at least two "
          "[[rubric.scale.level]] tables");
    }
  }
  r.finish();
  return s;
}

// The scale a criterion names: "yes-no", "points" (with `max`) or a [[rubric.scale]] id.
const Scale* find_scale(const std::vector<Scale>& scales, const std::string& id) {
  for (const Scale& s : scales) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

std::optional<Scale> resolve_scale(TableReader& r, std::string_view key,
                                   const std::vector<Scale>& scales) {
  const toml::node* n = r.node(key);
  if (!n) return std::nullopt;
  if (!n->is_string()) {
    r.error(*n, "'" + std::string(key) + "' in " + r.context() +
                    " must be the id of a scale (a string), not " + describe_type(*n));
    return std::nullopt;
  }
  const std::string& id = n->as_string()->get();
  if (id == "yes-no") return yes_no_scale();
  if (const Scale* s = find_scale(scales, id)) return *s;
  std::vector<std::string> known = {"yes-no"};
  for (const Scale& s : scales) known.push_back(s.id);
  std::string message = "unknown scale '" + excerpt(id) + "'";
  std::string suggestion = closest(id, known);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  message += " (scales: yes-no, or 'points = N', or a [[rubric.scale]] id: ";
  for (std::size_t i = 1; i < known.size(); ++i) message += (i > 1 ? ", " : "") + known[i];
  message += ")";
  r.error(*n, message);
  return std::nullopt;
}

// `critical = true | "form" | "section"`.
void read_critical(TableReader& r, Criterion& c) {
  const toml::node* n = r.node("critical");
  if (!n) return;
  if (n->is_boolean()) {
    c.critical = n->as_boolean()->get();
    return;
  }
  if (n->is_string() && (n->as_string()->get() == "form" || n->as_string()->get() == "section")) {
    c.critical = true;
    c.gate = n->as_string()->get() == "form" ? Criterion::Gate::Form : Criterion::Gate::Section;
    return;
  }
  r.error(*n, "'critical' in " + r.context() +
                  " must be true (a failed answer fails the whole form), \"form\" (the same) or "
                  "\"section\" (it zeroes its section)");
}

struct RubricDefaults {
  Scale scale;
  Criterion::NotApplicable not_applicable = Criterion::NotApplicable::NotAllowed;
  Criterion::Measurement measurement = Criterion::Measurement::FromScale;
  const std::vector<Scale>* scales = nullptr;
};

// The rubric's `measurement` for a criterion on `scale`: yes/no criteria keep following their
// scale.
Criterion::Measurement default_measurement(const RubricDefaults& defaults, const Scale& scale) {
  return scale.kind == Scale::Kind::YesNo ? Criterion::Measurement::FromScale
                                          : defaults.measurement;
}

const Behavior* find_behavior(const Principle& p, const std::string& id, bool* is_dont) {
  for (const Behavior& b : p.dos) {
    if (b.id == id) {
      *is_dont = false;
      return &b;
    }
  }
  for (const Behavior& b : p.donts) {
    if (b.id == id) {
      *is_dont = true;
      return &b;
    }
  }
  return nullptr;
}

Criterion read_criterion(const toml::table& table, const std::string& file,
                         const Principle* principle, const RubricDefaults& defaults,
                         LoadContext& context) {
  TableReader cr(table, "[[rubric.section.criterion]]", file, context.diagnostics);
  Criterion c;
  c.where = cr.where();
  std::string behavior = cr.optional_string("behavior", 64);
  const Behavior* b = nullptr;
  if (!behavior.empty()) {
    bool is_dont = false;
    if (!principle) {
      cr.error(*table.get("behavior"),
               "'behavior' needs the section's 'principle' whose do or don't it names");
    } else if (!(b = find_behavior(*principle, behavior, &is_dont))) {
      std::vector<std::string> ids;
      for (const Behavior& d : principle->dos) ids.push_back(d.id);
      for (const Behavior& d : principle->donts) ids.push_back(d.id);
      std::string message =
          "principle '" + principle->id + "' has no do or don't '" + excerpt(behavior) + "'";
      std::string suggestion = closest(behavior, ids);
      if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
      cr.error(*table.get("behavior"), message);
    } else {
      c.behavior = b->id;
      c.origin = is_dont ? Criterion::Origin::Dont : Criterion::Origin::Do;
    }
  }
  if (b || (!behavior.empty() && !table.get("id"))) {
    c.id = table.get("id") ? cr.id() : behavior;
    c.text = cr.optional_string("text", kMaxParagraphChars);
    if (c.text.empty() && b) c.text = b->text;
  } else {
    c.id = cr.id();
    c.text = cr.required_string("text", kMaxParagraphChars);
  }
  std::optional<int> points;
  if (cr.node("points")) {
    points = static_cast<int>(cr.integer("points", false, 1, kMaxScalePoints).value_or(1));
  }
  std::optional<Scale> scale = resolve_scale(cr, "scale", *defaults.scales);
  if (points && scale) {
    cr.error(*table.get("points"), "give a criterion 'points = N' or 'scale', not both");
  }
  c.scale = points ? points_scale(*points) : scale ? *scale : defaults.scale;
  double default_weight = c.scale.kind == Scale::Kind::Points ? c.scale.max : 1.0;
  if (b) default_weight = b->weight;
  c.weight = cr.positive_number("weight", false).value_or(default_weight);
  c.critical = b && b->critical;
  read_critical(cr, c);
  c.bonus = cr.boolean("bonus").value_or(false);
  if (c.bonus && c.critical) {
    cr.error(*table.get("bonus"), "a criterion is either a bonus or critical, not both");
  }
  c.not_applicable = static_cast<Criterion::NotApplicable>(
      read_choice(cr, "na", kNotApplicableChoices, static_cast<int>(defaults.not_applicable)));
  // Two answers have neither order nor distance, so a yes/no criterion is nominal: any other
  // level would only put a misleading name on the same alpha. The rubric's default passes
  // yes/no criteria by (default_measurement); only a criterion's own key is refused.
  if (const toml::node* m = cr.node("measurement");
      m && c.scale.kind == Scale::Kind::YesNo && m->is_string() &&
      m->as_string()->get() != "nominal" &&
      std::count(kMeasurementChoices.begin(), kMeasurementChoices.end(), m->as_string()->get())) {
    cr.error(*m, "'measurement' in " + cr.context() + " is \"" + excerpt(m->as_string()->get()) +
                     "\", but the criterion's scale is yes/no, which is nominal: two answers "
                     "have no order or distance; give \"nominal\" or leave 'measurement' out");
  } else {
    c.measurement = read_measurement(cr, default_measurement(defaults, c.scale));
  }
  cr.finish();
  return c;
}

// The criteria of `behaviors = true`: each do, then each don't, with the rubric's defaults.
void add_behavior_criteria(const Principle& p, const SourcePosition& where,
                           const RubricDefaults& defaults, RubricSection& s) {
  auto add = [&](const Behavior& b, Criterion::Origin origin) {
    Criterion c;
    c.id = b.id;
    c.text = b.text;
    c.origin = origin;
    c.behavior = b.id;
    c.scale = defaults.scale;
    c.weight = b.weight;
    c.critical = b.critical;
    c.not_applicable = defaults.not_applicable;
    c.measurement = default_measurement(defaults, c.scale);
    c.where = where;
    s.criteria.push_back(std::move(c));
  };
  for (const Behavior& b : p.dos) add(b, Criterion::Origin::Do);
  for (const Behavior& b : p.donts) add(b, Criterion::Origin::Dont);
}

void read_bands(TableReader& r, const std::string& file, Rubric& rubric, Diagnostics& diagnostics) {
  const toml::node* list = r.node("band");
  if (!list) return;
  if (!is_table_list(*list)) {
    r.error(*list, "'band' in [rubric] must be written as [[rubric.band]] tables");
    return;
  }
  for (const toml::node& item : *list->as_array()) {
    TableReader br(*item.as_table(), "[[rubric.band]]", file, diagnostics);
    PerformanceBand band;
    band.where = br.where();
    band.label = br.required_string("label", kMaxLineChars);
    band.description = br.optional_string("description", kMaxParagraphChars);
    if (!br.node("from")) br.error("[[rubric.band]] is missing the required key 'from'");
    if (!br.node("to")) br.error("[[rubric.band]] is missing the required key 'to'");
    band.from = read_number(br, "from", 0, 100).value_or(0);
    band.to = read_number(br, "to", 0, 100).value_or(100);
    if (br.node("from") && br.node("to") && band.from >= band.to) {
      br.error(*item.as_table()->get("to"), "'to' in [[rubric.band]] must be above 'from'");
    }
    br.finish();
    rubric.bands.push_back(std::move(band));
  }
  std::stable_sort(
      rubric.bands.begin(), rubric.bands.end(),
      [](const PerformanceBand& a, const PerformanceBand& b) { return a.from < b.from; });
}

// Keeps the highest version as the rubric and the others, oldest first, in earlier_versions.
void add_version(Rubric rubric, const SourcePosition& version_at, const SourcePosition& id_at,
                 LoadContext& context) {
  for (Rubric& existing : context.pack.rubrics) {
    if (existing.id != rubric.id) continue;
    std::vector<Rubric> all = std::move(existing.earlier_versions);
    existing.earlier_versions.clear();
    all.push_back(std::move(existing));
    for (const Rubric& other : all) {
      if (other.version == rubric.version) {
        context.diagnostics.add(version_at.file, version_at.line, version_at.column,
                                "rubric '" + rubric.id + "' version " +
                                    std::to_string(rubric.version) + " is already defined at " +
                                    other.where.file + ":" + std::to_string(other.where.line) +
                                    "; give each version of a rubric its own 'version'");
        existing = std::move(all.back());
        all.pop_back();
        existing.earlier_versions = std::move(all);
        return;
      }
    }
    all.push_back(std::move(rubric));
    std::sort(all.begin(), all.end(),
              [](const Rubric& a, const Rubric& b) { return a.version < b.version; });
    existing = std::move(all.back());
    all.pop_back();
    existing.earlier_versions = std::move(all);
    return;
  }
  if (context.rubric_ids.claim(rubric.id, id_at, context.diagnostics)) {
    context.pack.rubrics.push_back(std::move(rubric));
  }
}

}  // namespace

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
  rubric.version = static_cast<int>(r.integer("version", false, 1, 1000000).value_or(1));
  rubric.method = static_cast<Rubric::Method>(
      read_choice(r, "method", {"weighted-sections", "total-points", "weighted-points"}, 0));
  rubric.level_mapping =
      static_cast<Rubric::LevelMapping>(read_choice(r, "level_mapping", {"range", "maximum"}, 0));
  rubric.critical_below = read_number(r, "critical_below", 0, 100).value_or(50);

  // The named scales first: the default scale and the criteria refer to them.
  rubric.scale = yes_no_scale();
  const toml::node* scale_node = r.node("scale");
  if (scale_node && is_table_list(*scale_node)) {
    std::set<std::string> ids;
    for (const toml::node& item : *scale_node->as_array()) {
      Scale s = read_scale(*item.as_table(), file, context.diagnostics);
      if (!s.id.empty() && !ids.insert(s.id).second) {
        context.diagnostics.add(file, s.where.line, s.where.column,
                                "duplicate scale id '" + s.id + "' in rubric '" + rubric.id + "'");
      }
      rubric.scales.push_back(std::move(s));
    }
  } else if (scale_node) {
    // `scale = [lowest, highest]`: levels without descriptors, for every criterion.
    const toml::array* scale = scale_node->as_array();
    if (!scale || scale->size() != 2 || !(*scale)[0].is_integer() || !(*scale)[1].is_integer() ||
        (*scale)[0].as_integer()->get() >= (*scale)[1].as_integer()->get() ||
        (*scale)[0].as_integer()->get() < 0 || (*scale)[1].as_integer()->get() > 100) {
      r.error(*scale_node,
              "'scale' in [rubric] must be two integers [lowest, highest], from 0 to 100, or "
              "[[rubric.scale]] tables");
    } else {
      rubric.scale.kind = Scale::Kind::Levels;
      rubric.scale.id = "scale";
      rubric.scale.min = static_cast<int>((*scale)[0].as_integer()->get());
      rubric.scale.max = static_cast<int>((*scale)[1].as_integer()->get());
      rubric.scale.where = r.where(*scale_node);
    }
  }
  if (std::optional<Scale> s = resolve_scale(r, "default_scale", rubric.scales)) {
    if (scale_node && !is_table_list(*scale_node)) {
      r.error(*n->as_table()->get("default_scale"),
              "give [rubric] 'scale = [lowest, highest]' or 'default_scale', not both");
    }
    rubric.scale = *s;
  }
  RubricDefaults defaults;
  defaults.scale = rubric.scale;
  defaults.scales = &rubric.scales;
  defaults.not_applicable =
      static_cast<Criterion::NotApplicable>(read_choice(r, "na", kNotApplicableChoices, 0));
  defaults.measurement = read_measurement(r, Criterion::Measurement::FromScale);
  bool weighted = rubric.method != Rubric::Method::TotalPoints;

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
      s.weight = sr.positive_number("weight", weighted).value_or(0);
      s.behaviors = sr.boolean("behaviors").value_or(false);
      if (s.title.empty() && s.principle.empty()) {
        sr.error("[[rubric.section]] needs a 'title' or a 'principle'");
      }
      const Principle* p = s.principle.empty() ? nullptr : context.pack.find_principle(s.principle);
      auto claim = [&](std::size_t first, const SourcePosition& at) {
        for (std::size_t i = first; i < s.criteria.size(); ++i) {
          const std::string& id = s.criteria[i].id;
          if (!id.empty() && !criterion_ids.insert(id).second) {
            context.diagnostics.add(
                file, at.line, at.column,
                "duplicate criterion id '" + id + "' in rubric '" + rubric.id + "'");
          }
        }
      };
      if (s.behaviors) {
        if (s.principle.empty()) {
          sr.error("'behaviors = true' needs the 'principle' whose do's and don'ts to use");
        } else if (p && p->dos.empty() && p->donts.empty()) {
          sr.error("principle '" + s.principle + "' has no do's or don'ts to draw criteria from");
        } else if (p) {
          add_behavior_criteria(*p, sr.where("behaviors"), defaults, s);
          claim(0, sr.where("behaviors"));
        }
      }
      if (const toml::node* list = sr.node("criterion")) {
        if (!is_table_list(*list)) {
          sr.error(*list, "'criterion' must be written as [[rubric.section.criterion]] tables");
        } else {
          for (const toml::node& c : *list->as_array()) {
            s.criteria.push_back(read_criterion(*c.as_table(), file, p, defaults, context));
            const toml::node* id = c.as_table()->get("id");
            claim(s.criteria.size() - 1, id ? sr.where(*id) : s.criteria.back().where);
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
  read_bands(r, file, rubric, context.diagnostics);
  r.finish();
  // A clash of versions is reported at the version; a first definition is claimed at its id.
  SourcePosition version_at = n->as_table()->get("version") ? r.where("version") : r.where("id");
  add_version(std::move(rubric), version_at, r.where("id"), context);
}

}  // namespace coachkit
