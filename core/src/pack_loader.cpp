#include "pack_loader.hpp"

#include "toml_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

// Content packs are untrusted: a file this large is a mistake or an attack, not content.
constexpr std::uintmax_t kMaxFileBytes = 4 * 1024 * 1024;

std::string display_path(const fs::path& directory, const fs::path& relative) {
  return (directory / relative).lexically_normal().generic_string();
}

std::optional<toml::table> parse_file(const fs::path& path, const std::string& display,
                                      Diagnostics& diagnostics) {
  std::error_code ec;
  std::uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    diagnostics.add(display, 0, 0, "cannot read the file: " + ec.message());
    return std::nullopt;
  }
  if (size > kMaxFileBytes) {
    diagnostics.add(
        display, 0, 0,
        "the file is " + std::to_string(size) + " bytes; a content file may be at most 4 MiB");
    return std::nullopt;
  }
  try {
    return toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    const toml::source_region& r = e.source();
    diagnostics.add(display, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column),
                    "invalid TOML: " + std::string(e.description()));
  }
  return std::nullopt;
}

// An array of tables, such as [[principle.do]]; an empty array counts as zero tables.
bool is_table_list(const toml::node& node) {
  const toml::array* array = node.as_array();
  return array && (array->empty() || array->is_homogeneous(toml::node_type::table));
}

// The .toml files of one folder of the pack, in name order; a folder that exists but cannot be
// read is a problem, not an empty folder.
std::vector<fs::path> toml_files(const fs::path& folder, const std::string& display,
                                 Diagnostics& diagnostics) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return files;
  fs::directory_iterator it(folder, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code type_error;
    if (it->path().extension() == ".toml" && it->is_regular_file(type_error)) {
      files.push_back(it->path());
    }
  }
  if (ec) diagnostics.add(display, 0, 0, "cannot read the folder: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

// Remembers where each id of one kind was first defined, to report duplicates.
class IdRegistry {
 public:
  explicit IdRegistry(std::string kind) : kind_(std::move(kind)) {}

  // False (and a diagnostic) when `id` was seen before.
  bool claim(const std::string& id, const SourcePosition& where, Diagnostics& diagnostics) {
    if (id.empty()) return false;
    auto [it, inserted] = seen_.emplace(id, where);
    if (!inserted) {
      diagnostics.add(where.file, where.line, where.column,
                      "duplicate " + kind_ + " id '" + id + "' (first defined at " +
                          it->second.file + ":" + std::to_string(it->second.line) + ":" +
                          std::to_string(it->second.column) + ")");
    }
    return inserted;
  }
  bool contains(const std::string& id) const { return seen_.count(id) > 0; }
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& entry : seen_) out.push_back(entry.first);
    return out;
  }

 private:
  std::string kind_;
  std::map<std::string, SourcePosition> seen_;
};

class PackLoader {
 public:
  PackLoader(fs::path directory, Diagnostics& diagnostics)
      : directory_(std::move(directory)), diagnostics_(diagnostics) {}

  std::optional<Pack> load();

 private:
  void read_pack_file();
  void order_principles();
  // Reads each table of a [[...]] list with `read`, then reports its unknown keys.
  template <typename Read>
  void for_each_table(const toml::node* list, const std::string& context, const std::string& file,
                      Read read);
  // Packs are untrusted: a link must not make coachkit read a file outside the pack.
  bool inside_pack(const fs::path& path, const std::string& display);
  void read_principle_file(const toml::table& root, const std::string& file);
  Behavior read_behavior(const toml::table& table, const std::string& context,
                         const std::string& file);
  void read_activity_file(const toml::table& root, const std::string& file);
  Worksheet read_worksheet(TableReader& r);
  void read_quote_file(const toml::table& root, const std::string& file);
  void read_question_file(const toml::table& root, const std::string& file);
  void read_question(TableReader& r, Question& q);
  void read_rubric_file(const toml::table& root, const std::string& file);
  void read_poster_file(const toml::table& root, const std::string& file);

  // Reads every .toml file of `folder`, calling `read` for each that parses.
  void read_folder(const std::string& folder,
                   void (PackLoader::*read)(const toml::table&, const std::string&));
  // Checks that a file holds only the allowed top-level keys.
  void only_keys(const toml::table& root, const std::string& file,
                 const std::vector<std::string>& allowed, const std::string& what);
  // Reports a reference to a missing principle, quote or source.
  void check_reference(const IdRegistry& registry, const std::string& kind, const std::string& id,
                       const SourcePosition& where);
  // Checks each principle id in the array at `key` (already read), at its own position.
  void check_principles(TableReader& r, std::string_view key);
  void check_source(TableReader& r, const std::string& id);

  fs::path directory_;
  Diagnostics& diagnostics_;
  Pack pack_;
  IdRegistry source_ids_{"source"};
  IdRegistry group_ids_{"group"};
  IdRegistry principle_ids_{"principle"};
  IdRegistry activity_ids_{"activity"};
  IdRegistry quote_ids_{"quote"};
  IdRegistry question_ids_{"question"};
  IdRegistry rubric_ids_{"rubric"};
  IdRegistry poster_ids_{"poster"};
  // Folders ("principles", …, and "sources" and "groups" for pack.toml) with a file that
  // failed to parse: references to their kind that are not near-misses of a known id are not
  // reported, since the target may well be in that file, and one syntax error should not bury
  // its own message under a hundred others.
  std::set<std::string> unread_;
};

void PackLoader::only_keys(const toml::table& root, const std::string& file,
                           const std::vector<std::string>& allowed, const std::string& what) {
  report_unknown_keys(root, allowed, "unexpected top-level key", what, file, diagnostics_);
}

void PackLoader::check_reference(const IdRegistry& registry, const std::string& kind,
                                 const std::string& id, const SourcePosition& where) {
  if (id.empty() || registry.contains(id)) return;
  std::string suggestion = closest(id, registry.ids());
  // A likely typo is still worth saying; anything else may be defined in the unread file.
  if (suggestion.empty() && unread_.count(kind + "s")) return;
  std::string message = "unknown " + kind + " '" + id + "'";
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  if (registry.ids().empty()) message += " (the pack defines no " + kind + "s)";
  diagnostics_.add(where.file, where.line, where.column, message);
}

void PackLoader::check_principles(TableReader& r, std::string_view key) {
  const toml::node* n = r.node(key);
  if (!n || !n->is_array()) return;
  for (const toml::node& item : *n->as_array()) {
    if (item.is_string()) {
      check_reference(principle_ids_, "principle", item.as_string()->get(), r.where(item));
    }
  }
}

void PackLoader::check_source(TableReader& r, const std::string& id) {
  if (id.empty()) return;
  const toml::node* n = r.node("source");
  check_reference(source_ids_, "source", id, n ? r.where(*n) : r.where());
}

void PackLoader::read_folder(const std::string& folder,
                             void (PackLoader::*read)(const toml::table&, const std::string&)) {
  for (const fs::path& path :
       toml_files(directory_ / folder, display_path(directory_, folder), diagnostics_)) {
    std::string display = display_path(directory_, fs::path(folder) / path.filename());
    if (!inside_pack(path, display)) continue;
    if (std::optional<toml::table> root = parse_file(path, display, diagnostics_)) {
      (this->*read)(*root, display);
    } else {
      unread_.insert(folder);
    }
  }
}

bool PackLoader::inside_pack(const fs::path& path, const std::string& display) {
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  fs::path root = ec ? fs::path() : fs::canonical(directory_, ec);
  fs::path relative = ec ? fs::path() : real.lexically_relative(root);
  if (ec || relative.empty() || *relative.begin() == "..") {
    diagnostics_.add(display, 0, 0,
                     "refused: it is a link to a file outside the pack (content files must be "
                     "inside the pack's folder)");
    return false;
  }
  return true;
}

void PackLoader::read_pack_file() {
  fs::path path = directory_ / "pack.toml";
  std::string display = display_path(directory_, "pack.toml");
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    diagnostics_.add(display, 0, 0,
                     "no pack.toml here: a content pack is a folder with a pack.toml "
                     "(see docs/content-schema.md)");
    return;
  }
  if (!inside_pack(path, display)) return;
  std::optional<toml::table> root = parse_file(path, display, diagnostics_);
  if (!root) {
    unread_.insert({"sources", "groups"});
    return;
  }
  only_keys(*root, display, {"pack", "source", "group"}, "pack.toml");

  if (const toml::node* n = root->get("pack"); n && n->is_table()) {
    TableReader r(*n->as_table(), "[pack]", display, diagnostics_);
    pack_.id = r.id();
    pack_.title = r.required_string("title");
    pack_.version = r.required_string("version");
    pack_.language = r.required_string("language");
    if (const toml::node* lang = root->get("pack")->as_table()->get("language");
        lang && lang->is_string()) {
      const std::string& tag = lang->as_string()->get();
      bool ok =
          tag.size() >= 2 && tag.size() <= 35 && std::all_of(tag.begin(), tag.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
          });
      if (!ok && !tag.empty()) {
        r.error(*lang, "'language' in [pack] is \"" + tag +
                           "\"; expected a language tag such as \"en\" or \"en-GB\"");
      }
    }
    pack_.authors = r.string_list("authors", 1);
    pack_.license = r.required_string("license");
    pack_.description = r.optional_string("description");
    r.finish();
  } else if (n) {
    SourcePosition p = position_of(display, n->source());
    diagnostics_.add(display, p.line, p.column, "'pack' must be a table ([pack])");
  } else {
    diagnostics_.add(display, 1, 1, "pack.toml has no [pack] table (id, title, version, ...)");
  }

  for_each_table(root->get("source"), "[[source]]", display, [&](TableReader& r) {
    Source s;
    s.where = r.where();
    s.id = r.id();
    s.title = r.required_string("title");
    s.author = r.required_string("author");
    if (auto year = r.integer("year", false, 1000, 3000)) s.year = static_cast<int>(*year);
    s.note = r.optional_string("note");
    if (source_ids_.claim(s.id, s.where, diagnostics_)) pack_.sources.push_back(std::move(s));
  });
  for_each_table(root->get("group"), "[[group]]", display, [&](TableReader& r) {
    PrincipleGroup g;
    g.where = r.where();
    g.id = r.id();
    g.title = r.required_string("title");
    g.description = r.optional_string("description");
    if (group_ids_.claim(g.id, g.where, diagnostics_)) pack_.groups.push_back(std::move(g));
  });
}

template <typename Read>
void PackLoader::for_each_table(const toml::node* list, const std::string& context,
                                const std::string& file, Read read) {
  if (!list) return;
  if (!is_table_list(*list)) {
    SourcePosition p = position_of(file, list->source());
    diagnostics_.add(file, p.line, p.column, "must be written as " + context + " tables");
    return;
  }
  for (const toml::node& item : *list->as_array()) {
    TableReader r(*item.as_table(), context, file, diagnostics_);
    read(r);
    r.finish();
  }
}

void PackLoader::order_principles() {
  auto group_rank = [&](const std::string& group) {
    for (std::size_t i = 0; i < pack_.groups.size(); ++i) {
      if (pack_.groups[i].id == group) return i;
    }
    return pack_.groups.size();
  };
  // Files were read in name order, so a stable sort keeps that order among equals.
  std::stable_sort(pack_.principles.begin(), pack_.principles.end(),
                   [&](const Principle& a, const Principle& b) {
                     std::size_t ga = group_rank(a.group), gb = group_rank(b.group);
                     if (ga != gb) return ga < gb;
                     int oa = a.order.value_or(10001), ob = b.order.value_or(10001);
                     return oa < ob;
                   });
}

Behavior PackLoader::read_behavior(const toml::table& table, const std::string& context,
                                   const std::string& file) {
  TableReader r(table, context, file, diagnostics_);
  Behavior b;
  b.where = r.where();
  b.id = r.id();
  b.text = r.required_string("text");
  b.why = r.required_string("why");
  if (auto weight = r.positive_number("weight", false)) b.weight = *weight;
  if (auto critical = r.boolean("critical")) b.critical = *critical;
  b.source = r.optional_string("source");
  check_source(r, b.source);
  r.finish();
  return b;
}

void PackLoader::read_principle_file(const toml::table& root, const std::string& file) {
  only_keys(root, file, {"principle"}, "a principle file");
  const toml::node* n = root.get("principle");
  if (!n || !n->is_table()) {
    diagnostics_.add(file, n ? position_of(file, n->source()).line : 1,
                     n ? position_of(file, n->source()).column : 1,
                     "a principle file holds one [principle] table");
    return;
  }
  TableReader r(*n->as_table(), "[principle]", file, diagnostics_);
  Principle p;
  p.where = r.where();
  p.id = r.id();
  p.title = r.required_string("title");
  p.summary = r.required_string("summary");
  p.body = r.optional_string("body");
  p.source = r.optional_string("source");
  check_source(r, p.source);
  p.group = r.optional_string("group");
  if (const toml::node* g = r.node("group"); g && g->is_string()) {
    check_reference(group_ids_, "group", p.group, r.where(*g));
  }
  if (auto order = r.integer("order", false, 1, 10000)) p.order = static_cast<int>(*order);
  p.tags = r.string_list("tags", 0);

  std::set<std::string> behavior_ids;
  auto read_behaviors = [&](std::string_view key, std::vector<Behavior>& into) {
    const toml::node* list = r.node(key);
    if (!list) return;
    std::string context = "[[principle." + std::string(key) + "]]";
    if (!is_table_list(*list)) {
      r.error(*list, "'" + std::string(key) + "' in [principle] must be written as " + context +
                         " tables, each with id, text and why");
      return;
    }
    for (const toml::node& item : *list->as_array()) {
      Behavior b = read_behavior(*item.as_table(), context, file);
      if (!b.id.empty() && !behavior_ids.insert(b.id).second) {
        diagnostics_.add(file, b.where.line, b.where.column,
                         "duplicate do/don't id '" + b.id + "' in principle '" + p.id + "'");
        continue;
      }
      into.push_back(std::move(b));
    }
  };
  read_behaviors("do", p.dos);
  read_behaviors("dont", p.donts);
  r.finish();
  if (principle_ids_.claim(p.id, p.where, diagnostics_)) pack_.principles.push_back(std::move(p));
}

Worksheet PackLoader::read_worksheet(TableReader& r) {
  Worksheet w;
  std::string kind = r.required_string("kind");
  const toml::node* kind_node = r.node("kind");
  w.title = r.optional_string("title");
  w.instructions = r.optional_string("instructions");
  const std::vector<const char*> grid_keys = {"rows", "columns", "scale", "totals"};
  auto not_for = [&](const std::vector<const char*>& keys) {
    for (const char* key : keys) r.not_applicable(key, "a " + kind + " worksheet");
  };
  if (kind == "grid") {
    w.kind = Worksheet::Kind::Grid;
    not_for({"prompts", "lines"});
    w.rows = r.string_list("rows", 1);
    w.columns = r.string_list("columns", 1);
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
    w.prompts = r.string_list("prompts", 1);
    not_for(grid_keys);
    not_for({"lines"});
  } else if (kind == "lines") {
    w.kind = Worksheet::Kind::Lines;
    w.lines = static_cast<int>(r.integer("lines", true, 1, 60).value_or(0));
    not_for(grid_keys);
    not_for({"prompts"});
  } else {
    if (!kind.empty() && kind_node) {
      r.error(*kind_node, "'kind' in " + r.context() + " is \"" + kind +
                              "\"; expected \"grid\", \"prompts\" or \"lines\"");
    }
    // With the kind unknown, every worksheet key is plausible: report only the kind.
    for (const char* key : {"rows", "columns", "scale", "totals", "prompts", "lines"}) r.node(key);
  }
  return w;
}

void PackLoader::read_activity_file(const toml::table& root, const std::string& file) {
  only_keys(root, file, {"activity"}, "an activity file");
  const toml::node* n = root.get("activity");
  if (!n || !n->is_table()) {
    diagnostics_.add(file, 1, 1, "an activity file holds one [activity] table");
    return;
  }
  TableReader r(*n->as_table(), "[activity]", file, diagnostics_);
  Activity a;
  a.where = r.where();
  a.id = r.id();
  a.title = r.required_string("title");
  a.principles = r.string_list("principles", 1);
  check_principles(r, "principles");
  a.minutes = static_cast<int>(r.integer("minutes", true, 1, 600).value_or(0));
  a.goal = r.required_string("goal");
  a.group_size = r.optional_string("group_size");
  a.materials = r.string_list("materials", 0);
  a.steps = r.string_list("steps", 1);
  a.debrief = r.string_list("debrief", 0);
  a.source = r.optional_string("source");
  check_source(r, a.source);
  if (const toml::table* sheet = r.table("worksheet")) {
    TableReader wr(*sheet, "[activity.worksheet]", file, diagnostics_);
    a.worksheet = read_worksheet(wr);
    wr.finish();
  }
  r.finish();
  if (activity_ids_.claim(a.id, a.where, diagnostics_)) pack_.activities.push_back(std::move(a));
}

void PackLoader::read_quote_file(const toml::table& root, const std::string& file) {
  only_keys(root, file, {"quote"}, "a quotes file");
  const toml::node* n = root.get("quote");
  if (!n || !is_table_list(*n)) {
    diagnostics_.add(file, 1, 1, "a quotes file holds [[quote]] tables");
    return;
  }
  for (const toml::node& item : *n->as_array()) {
    TableReader r(*item.as_table(), "[[quote]]", file, diagnostics_);
    Quote q;
    q.where = r.where();
    q.id = r.id();
    q.text = r.required_string("text");
    q.author = r.required_string("author");
    q.source = r.optional_string("source");
    check_source(r, q.source);
    q.principles = r.string_list("principles", 0);
    check_principles(r, "principles");
    r.finish();
    if (quote_ids_.claim(q.id, q.where, diagnostics_)) pack_.quotes.push_back(std::move(q));
  }
}

void PackLoader::read_question(TableReader& r, Question& q) {
  static const std::map<std::string, Question::Kind> kinds = {
      {"single", Question::Kind::Single},        {"multiple", Question::Kind::Multiple},
      {"true-false", Question::Kind::TrueFalse}, {"matching", Question::Kind::Matching},
      {"ordering", Question::Kind::Ordering},    {"short", Question::Kind::Short}};
  std::string kind = r.required_string("kind");
  const toml::node* kind_node = r.node("kind");
  auto found = kinds.find(kind);
  if (found == kinds.end()) {
    if (!kind.empty() && kind_node) {
      r.error(*kind_node, "'kind' in [[question]] is \"" + kind +
                              "\"; expected single, multiple, true-false, matching, ordering "
                              "or short");
    }
    r.node("choices");
    r.node("answer");
    r.node("pairs");
    r.node("order");
    return;
  }
  q.kind = found->second;

  // Keys that belong to other kinds are mistakes, not extras to ignore.
  auto reject = [&](std::string_view key) { r.not_applicable(key, "a " + kind + " question"); };
  const toml::node* answer = nullptr;
  switch (q.kind) {
    case Question::Kind::Single:
    case Question::Kind::Multiple: {
      q.choices = r.string_list("choices", 2);
      std::set<std::string> unique(q.choices.begin(), q.choices.end());
      if (unique.size() != q.choices.size()) r.error("the choices of a question must differ");
      answer = r.node("answer");
      if (!answer) {
        r.error("[[question]] '" + q.id + "' is missing the required key 'answer'");
      } else if (q.kind == Question::Kind::Single) {
        if (!answer->is_string()) {
          r.error(*answer, "'answer' of a single question must be one of its choices (a string)");
        } else {
          q.answers.push_back(answer->as_string()->get());
        }
      } else if (!answer->is_array()) {
        r.error(*answer, "'answer' of a multiple question must be an array of its choices");
      } else {
        for (const toml::node& a : *answer->as_array()) {
          if (a.is_string())
            q.answers.push_back(a.as_string()->get());
          else
            r.error(a, "each answer must be a string naming a choice");
        }
        if (q.answers.empty()) r.error(*answer, "a multiple question needs at least one answer");
      }
      for (const std::string& a : q.answers) {
        if (!unique.empty() && !unique.count(a)) {
          r.error(*answer, "answer \"" + a + "\" is not one of the choices");
        }
      }
      reject("pairs");
      reject("order");
      break;
    }
    case Question::Kind::TrueFalse:
      answer = r.node("answer");
      if (!answer || !answer->is_boolean()) {
        if (answer)
          r.error(*answer, "'answer' of a true-false question must be true or false");
        else
          r.error("[[question]] '" + q.id +
                  "' is missing the required key 'answer' (true or false)");
      } else {
        q.true_false_answer = answer->as_boolean()->get();
      }
      reject("choices");
      reject("pairs");
      reject("order");
      break;
    case Question::Kind::Matching: {
      const toml::array* pairs = r.array("pairs", true);
      if (pairs) {
        for (const toml::node& pair : *pairs) {
          const toml::array* two = pair.as_array();
          if (!two || two->size() != 2 || !(*two)[0].is_string() || !(*two)[1].is_string()) {
            r.error(pair, "each item of 'pairs' must be two strings: [prompt, match]");
            continue;
          }
          q.pairs.emplace_back((*two)[0].as_string()->get(), (*two)[1].as_string()->get());
        }
        if (pairs->size() < 2) r.error(*pairs, "a matching question needs at least two pairs");
      }
      reject("choices");
      reject("answer");
      reject("order");
      break;
    }
    case Question::Kind::Ordering:
      q.order = r.string_list("order", 2);
      reject("choices");
      reject("answer");
      reject("pairs");
      break;
    case Question::Kind::Short:
      answer = r.node("answer");
      if (answer && answer->is_string()) {
        q.answers.push_back(answer->as_string()->get());
      } else if (answer && answer->is_array()) {
        q.answers = r.string_list("answer", 1);
      } else if (answer) {
        r.error(*answer,
                "'answer' of a short question must be a string or an array of accepted "
                "answers");
      } else {
        r.error("[[question]] '" + q.id +
                "' is missing the required key 'answer' (the accepted "
                "answers)");
      }
      reject("choices");
      reject("pairs");
      reject("order");
      break;
  }
}

void PackLoader::read_question_file(const toml::table& root, const std::string& file) {
  only_keys(root, file, {"question"}, "a questions file");
  const toml::node* n = root.get("question");
  if (!n || !is_table_list(*n)) {
    diagnostics_.add(file, 1, 1, "a questions file holds [[question]] tables");
    return;
  }
  for (const toml::node& item : *n->as_array()) {
    TableReader r(*item.as_table(), "[[question]]", file, diagnostics_);
    Question q;
    q.where = r.where();
    q.id = r.id();
    q.principle = r.required_string("principle");
    if (const toml::node* p = r.node("principle"); p && p->is_string()) {
      check_reference(principle_ids_, "principle", q.principle, r.where(*p));
    }
    q.prompt = r.required_string("prompt");
    read_question(r, q);
    q.feedback = r.optional_string("feedback");
    r.finish();
    if (question_ids_.claim(q.id, q.where, diagnostics_)) pack_.questions.push_back(std::move(q));
  }
}

void PackLoader::read_rubric_file(const toml::table& root, const std::string& file) {
  only_keys(root, file, {"rubric"}, "a rubric file");
  const toml::node* n = root.get("rubric");
  if (!n || !n->is_table()) {
    diagnostics_.add(file, 1, 1, "a rubric file holds one [rubric] table");
    return;
  }
  TableReader r(*n->as_table(), "[rubric]", file, diagnostics_);
  Rubric rubric;
  rubric.where = r.where();
  rubric.id = r.id();
  rubric.title = r.required_string("title");
  rubric.description = r.optional_string("description");
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
      TableReader sr(*item.as_table(), "[[rubric.section]]", file, diagnostics_);
      RubricSection s;
      s.title = sr.optional_string("title");
      s.principle = sr.optional_string("principle");
      if (const toml::node* p = sr.node("principle"); p && p->is_string()) {
        check_reference(principle_ids_, "principle", s.principle, sr.where(*p));
      }
      s.weight = sr.positive_number("weight", true).value_or(0);
      s.behaviors = sr.boolean("behaviors").value_or(false);
      if (s.title.empty() && s.principle.empty()) {
        sr.error("[[rubric.section]] needs a 'title' or a 'principle'");
      }
      if (s.behaviors) {
        const Principle* p = nullptr;
        for (const Principle& candidate : pack_.principles) {
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
            TableReader cr(*c.as_table(), "[[rubric.section.criterion]]", file, diagnostics_);
            Criterion criterion;
            criterion.id = cr.id();
            criterion.text = cr.required_string("text");
            criterion.weight = cr.positive_number("weight", false).value_or(1.0);
            criterion.critical = cr.boolean("critical").value_or(false);
            cr.finish();
            if (!criterion.id.empty() && !criterion_ids.insert(criterion.id).second) {
              cr.error("duplicate criterion id '" + criterion.id + "' in rubric '" + rubric.id +
                       "'");
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
  if (rubric_ids_.claim(rubric.id, rubric.where, diagnostics_)) {
    pack_.rubrics.push_back(std::move(rubric));
  }
}

void PackLoader::read_poster_file(const toml::table& root, const std::string& file) {
  only_keys(root, file, {"poster"}, "a poster file");
  const toml::node* n = root.get("poster");
  if (!n || !n->is_table()) {
    diagnostics_.add(file, 1, 1, "a poster file holds one [poster] table");
    return;
  }
  TableReader r(*n->as_table(), "[poster]", file, diagnostics_);
  Poster poster;
  poster.where = r.where();
  poster.id = r.id();
  poster.title = r.required_string("title");
  poster.subtitle = r.optional_string("subtitle");
  r.string_list("items", 1);
  if (const toml::node* items = r.node("items"); items && items->is_array()) {
    for (const toml::node& item : *items->as_array()) {
      if (!item.is_string()) continue;
      const std::string& ref = item.as_string()->get();
      std::size_t colon = ref.find(':');
      std::string kind = colon == std::string::npos ? "" : ref.substr(0, colon);
      std::string id = colon == std::string::npos ? "" : ref.substr(colon + 1);
      if (id.empty() && (kind == "principle" || kind == "quote")) {
        r.error(item, "poster item \"" + ref + "\" names no " + kind + " id");
      } else if (kind == "principle") {
        check_reference(principle_ids_, "principle", id, r.where(item));
        poster.items.push_back({PosterItem::Kind::Principle, id});
      } else if (kind == "quote") {
        check_reference(quote_ids_, "quote", id, r.where(item));
        poster.items.push_back({PosterItem::Kind::Quote, id});
      } else {
        r.error(item, "poster item \"" + ref + "\" must be \"principle:ID\" or \"quote:ID\"");
      }
    }
  }
  static const std::vector<std::string> sizes = {"8x10",   "11x14", "11x17", "16x20",
                                                 "letter", "a4",    "a3"};
  poster.size = r.optional_string("size");
  if (!poster.size.empty() && std::find(sizes.begin(), sizes.end(), poster.size) == sizes.end()) {
    r.error(*r.node("size"), "'size' in [poster] is \"" + poster.size +
                                 "\"; expected 8x10, 11x14, 11x17, 16x20, letter, a4 or a3");
  }
  poster.theme = r.optional_string("theme");
  r.finish();
  if (poster_ids_.claim(poster.id, poster.where, diagnostics_)) {
    pack_.posters.push_back(std::move(poster));
  }
}

std::optional<Pack> PackLoader::load() {
  std::size_t before = diagnostics_.size();
  std::error_code ec;
  if (!fs::is_directory(directory_, ec)) {
    diagnostics_.add(directory_.generic_string(), 0, 0, "not a folder (expected a content pack)");
    return std::nullopt;
  }
  pack_.directory = directory_.generic_string();
  read_pack_file();
  // Targets of references are read before what refers to them.
  read_folder("principles", &PackLoader::read_principle_file);
  order_principles();
  read_folder("quotes", &PackLoader::read_quote_file);
  read_folder("activities", &PackLoader::read_activity_file);
  read_folder("questions", &PackLoader::read_question_file);
  read_folder("rubrics", &PackLoader::read_rubric_file);
  read_folder("posters", &PackLoader::read_poster_file);
  if (diagnostics_.size() != before) return std::nullopt;
  return std::move(pack_);
}

}  // namespace

bool is_pack_directory(const std::string& directory) {
  std::error_code ec;
  return fs::is_regular_file(fs::path(directory) / "pack.toml", ec);
}

std::optional<Pack> load_pack(const std::string& directory, Diagnostics& diagnostics) {
  return PackLoader(fs::path(directory), diagnostics).load();
}

}  // namespace coachkit
