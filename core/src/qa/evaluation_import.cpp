#include "qa/evaluation_import.hpp"

#include "pack/content_limits.hpp"
#include "pack/toml_reader.hpp"
#include "pack/toml_text.hpp"
#include "qa/evaluation_reader.hpp"
#include "support/atomic_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include <fcntl.h>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

constexpr std::uintmax_t kMaxCsvBytes = 64u << 20;

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string trim(const std::string& s) {
  std::size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  std::size_t b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

void read_string_table(TableReader& r, std::string_view key,
                       std::map<std::string, std::string>& into) {
  const toml::table* t = r.table(key);
  if (!t) return;
  for (const auto& [k, v] : *t) {
    if (!v.is_string()) {
      r.error(v,
              "each value of [" + std::string(key) + "] must be a string, not " + describe_type(v));
      continue;
    }
    into[std::string(k.str())] = v.as_string()->get();
  }
}

// "yes", "no", "na", or a number, from the cell's text.
bool parse_answer(const std::string& raw, const ImportMap& map, Answer& a, std::string* why) {
  std::string text = trim(raw);
  auto mapped = map.answers.find(text);
  if (mapped != map.answers.end()) text = mapped->second;
  std::string word = lower(text);
  if (word == "yes" || word == "y" || word == "true" || word == "pass") {
    a.kind = Answer::Kind::Yes;
    a.value = 1;
    return true;
  }
  if (word == "no" || word == "n" || word == "false" || word == "fail") {
    a.kind = Answer::Kind::No;
    a.value = 0;
    return true;
  }
  if (word == "na" || word == "n/a") {
    a.kind = Answer::Kind::NotApplicable;
    a.value = 0;
    return true;
  }
  if (!text.empty()) {
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (end && *end == '\0' && std::isfinite(v) &&
        text.find_first_of("xXpP") == std::string::npos) {
      a.kind = Answer::Kind::Number;
      a.value = v;
      return true;
    }
  }
  *why = text.empty() ? "the answer is empty"
                      : "the answer \"" + excerpt(raw) +
                            "\" is not yes, no, N/A or a number (map other words in the "
                            "--map file's [answers])";
  return false;
}

// The date part of an ISO date-time ("2026-11-20T09:30:00Z"), or the cell as it is; checked
// by the rule evaluation files follow.
bool parse_date(const std::string& raw, std::string& date, std::string* why) {
  std::string text = trim(raw);
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) text = text.substr(0, 10);
  if (!check_evaluation_date(text, why)) return false;
  date = text;
  return true;
}

// The emptiness rule of evaluation files' strings (TableReader::required_string).
bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string number_text(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", v);
  std::string s = buffer;
  // A float that is not whole is written as one; a whole number as an integer.
  return s;
}

}  // namespace

std::optional<ImportMap> parse_import_map(std::string_view text, const std::string& display,
                                          Diagnostics& diagnostics) {
  std::optional<toml::table> root = parse_toml(text, display, diagnostics);
  if (!root) return std::nullopt;
  std::size_t problems = diagnostics.size();
  report_unknown_keys(*root, {"import", "criteria", "answers"}, "unexpected top-level key",
                      "an import map", display, diagnostics);
  ImportMap map;
  if (const toml::table* head = (*root)["import"].as_table()) {
    TableReader r(*head, "[import]", display, diagnostics);
    if (const toml::node* layout = r.node("layout")) {
      std::string value = layout->value_or(std::string());
      if (value == "wide" || value == "long") {
        map.layout = value == "wide" ? ImportMap::Layout::Wide : ImportMap::Layout::Long;
      } else {
        r.error(*layout, "'layout' in [import] must be \"wide\" or \"long\"");
      }
    }
    auto column = [&](std::string_view key, std::string& into) {
      std::string value = r.optional_string(key, 200);
      if (!value.empty()) into = value;
    };
    column("interaction", map.interaction);
    column("evaluator", map.evaluator);
    column("agent", map.agent);
    column("date", map.date);
    column("evaluation", map.evaluation);
    column("question", map.question);
    column("answer", map.answer);
    column("note", map.note);
    map.ignore = r.string_list("ignore", 0, 200);
    r.finish();
  }
  TableReader whole(*root, "the import map", display, diagnostics);
  read_string_table(whole, "criteria", map.criteria);
  read_string_table(whole, "answers", map.answers);
  if (diagnostics.size() != problems) return std::nullopt;
  return map;
}

std::vector<Evaluation> import_evaluations(const CsvTable& csv, const std::string& display,
                                           const ImportMap& map, const Rubric& rubric,
                                           Diagnostics& diagnostics) {
  std::vector<Evaluation> evaluations;
  std::size_t problems = diagnostics.size();
  if (csv.rows.empty()) {
    diagnostics.add(display, 0, 0, "the file has no header row");
    return {};
  }
  const std::vector<std::string>& header = csv.rows[0];
  auto cell_problem = [&](std::size_t row, std::size_t column, const std::string& message) {
    diagnostics.add(display, static_cast<int>(row + 1), static_cast<int>(column + 1), message);
  };
  std::set<std::string> criterion_ids;
  std::vector<std::string> ids;
  for (const RubricSection& s : rubric.sections) {
    for (const Criterion& c : s.criteria) {
      criterion_ids.insert(c.id);
      ids.push_back(c.id);
    }
  }
  auto criterion_of = [&](const std::string& name) -> std::string {
    auto it = map.criteria.find(name);
    std::string id = it != map.criteria.end() ? it->second : trim(name);
    return criterion_ids.count(id) ? id : "";
  };
  auto find_column = [&](const std::string& name, bool required) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (trim(header[i]) == name) return i;
    }
    if (required) {
      std::string message = "no column '" + excerpt(name) + "' in the header";
      std::string suggestion = closest(name, header);
      if (!suggestion.empty()) message += "; did you mean '" + excerpt(suggestion) + "'?";
      diagnostics.add(display, 1, 0, message + " (name it in the --map file's [import])");
    }
    return std::nullopt;
  };
  std::optional<std::size_t> interaction = find_column(map.interaction, true);
  std::optional<std::size_t> evaluator = find_column(map.evaluator, true);
  std::optional<std::size_t> agent = find_column(map.agent, true);
  std::optional<std::size_t> date = find_column(map.date, true);
  std::optional<std::size_t> group, question, answer, note;
  if (map.layout == ImportMap::Layout::Long) {
    group = find_column(map.evaluation, true);
    question = find_column(map.question, true);
    answer = find_column(map.answer, true);
    if (!map.note.empty()) note = find_column(map.note, true);
  }
  if (diagnostics.size() != problems) return {};

  auto cell = [&](std::size_t row, std::size_t column) -> const std::string& {
    static const std::string empty;
    return column < csv.rows[row].size() ? csv.rows[row][column] : empty;
  };
  auto head_of = [&](std::size_t row, Evaluation& e) {
    e.file = display;
    e.rubric = rubric.id;
    e.version = rubric.version;
    e.where = {display, static_cast<int>(row + 1), 1};
    e.answers_where = e.where;
    struct Field {
      std::size_t column;
      std::string* into;
      const char* name;
    };
    for (const Field& f :
         {Field{*interaction, &e.interaction, "interaction"},
          Field{*evaluator, &e.evaluator, "evaluator"}, Field{*agent, &e.agent, "agent"}}) {
      *f.into = trim(cell(row, f.column));
      if (blank(*f.into)) cell_problem(row, f.column, std::string("the ") + f.name + " is empty");
      if (count_characters(*f.into) > kMaxLineChars) {
        cell_problem(row, f.column,
                     std::string("the ") + f.name + " is over " + std::to_string(kMaxLineChars) +
                         " characters, which evaluation files do not allow");
      }
    }
    std::string why;
    if (!parse_date(cell(row, *date), e.date, &why)) {
      cell_problem(row, *date, "the date \"" + excerpt(cell(row, *date)) + "\" " + why);
    }
  };
  // Criteria whose cell was already reported, by evaluation index: not also "missing".
  std::map<std::size_t, std::set<std::string>> reported;
  auto add_answer = [&](Evaluation& e, std::size_t row, std::size_t column,
                        const std::string& criterion, const std::string& text) {
    std::size_t index = static_cast<std::size_t>(&e - evaluations.data());
    Answer a;
    a.criterion = criterion;
    a.where = a.value_where = {display, static_cast<int>(row + 1), static_cast<int>(column + 1)};
    std::string why;
    if (!parse_answer(text, map, a, &why)) {
      cell_problem(row, column, why + " for criterion '" + criterion + "'");
      reported[index].insert(criterion);
      return;
    }
    if (e.find_answer(criterion)) {
      cell_problem(row, column, "a second answer for criterion '" + criterion + "'");
      return;
    }
    e.answers.push_back(std::move(a));
  };

  // The rubric's own checks (range, kind of answer, N/A, missing answers), at the cells.
  auto check_rules = [&](std::size_t i) {
    Diagnostics checked(Diagnostics::kKeepAll);  // as many as the rubric has criteria
    check_evaluation(evaluations[i], rubric, checked);
    auto found = reported.find(i);
    for (const Diagnostic& d : checked.items()) {
      bool follow_up = false;
      if (found != reported.end()) {
        for (const std::string& id : found->second) {
          follow_up =
              follow_up || d.message.rfind("missing answer for criterion '" + id + "'", 0) == 0;
        }
      }
      if (!follow_up) diagnostics.add(d);
    }
  };

  if (map.layout == ImportMap::Layout::Wide) {
    std::vector<std::pair<std::size_t, std::string>> columns;  // criterion columns
    std::set<std::size_t> fields = {*interaction, *evaluator, *agent, *date};
    // A set: an export can have a hundred thousand columns, all of them ignored.
    const std::set<std::string> ignored(map.ignore.begin(), map.ignore.end());
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (fields.count(i)) continue;
      std::string name = trim(header[i]);
      if (ignored.count(name)) continue;
      std::string id = criterion_of(name);
      if (id.empty()) {
        std::string message =
            "column '" + excerpt(name) + "' is no criterion of rubric '" + rubric.id + "'";
        std::string suggestion = closest(name, ids);
        if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
        cell_problem(0, i, message + " (map it in [criteria] or list it in [import] ignore)");
        continue;
      }
      columns.push_back({i, id});
    }
    for (std::size_t row = 1; row < csv.rows.size(); ++row) {
      evaluations.emplace_back();
      Evaluation& e = evaluations.back();
      head_of(row, e);
      for (const auto& [column, id] : columns) {
        const std::string& text = cell(row, column);
        if (trim(text).empty()) continue;  // unanswered: a missing answer, reported below
        add_answer(e, row, column, id, text);
      }
      check_rules(evaluations.size() - 1);
      // Once anything is wrong nothing is written: keeping the rows would only cost memory,
      // a lot of it when every one of a million rows is bad.
      if (diagnostics.size() != problems) {
        evaluations.pop_back();
        reported.erase(evaluations.size());
      }
    }
  } else {
    std::map<std::string, std::size_t> by_id;  // evaluation id -> index
    for (std::size_t row = 1; row < csv.rows.size(); ++row) {
      std::string id = trim(cell(row, *group));
      if (id.empty()) {
        cell_problem(row, *group, "the evaluation id is empty");
        continue;
      }
      auto [it, inserted] = by_id.emplace(id, evaluations.size());
      if (inserted) {
        Evaluation e;
        head_of(row, e);
        evaluations.push_back(std::move(e));
      }
      Evaluation& e = evaluations[it->second];
      if (!inserted) {
        // The header fields repeat on every row of the evaluation; they must agree.
        for (auto [column, value] :
             {std::pair{*interaction, e.interaction}, std::pair{*evaluator, e.evaluator},
              std::pair{*agent, e.agent}}) {
          if (trim(cell(row, column)) != value) {
            cell_problem(row, column,
                         "evaluation '" + excerpt(id) + "' has \"" + excerpt(value) +
                             "\" here on its first row");
          }
        }
      }
      std::string name = trim(cell(row, *question));
      std::string criterion = criterion_of(name);
      if (criterion.empty()) {
        std::string message =
            "question '" + excerpt(name) + "' is no criterion of rubric '" + rubric.id + "'";
        std::string suggestion = closest(name, ids);
        if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
        cell_problem(row, *question, message + " (map it in the --map file's [criteria])");
        continue;
      }
      add_answer(e, row, *answer, criterion, cell(row, *answer));
      if (note && !trim(cell(row, *note)).empty()) {
        if (count_characters(cell(row, *note)) > kMaxParagraphChars) {
          cell_problem(row, *note,
                       "a note is at most " + std::to_string(kMaxParagraphChars) +
                           " characters long in an evaluation file");
        } else {
          e.notes.push_back({criterion, cell(row, *note)});
        }
      }
    }
  }
  if (map.layout == ImportMap::Layout::Long) {
    for (std::size_t i = 0; i < evaluations.size(); ++i) check_rules(i);
  }
  if (diagnostics.size() != problems) return {};
  return evaluations;
}

std::string evaluation_toml(const Evaluation& e, const Rubric& rubric) {
  std::string out = "[evaluation]\nrubric = " + toml_string(e.rubric) + "\n";
  if (e.version) out += "version = " + std::to_string(*e.version) + "\n";
  out += "interaction = " + toml_string(e.interaction) +
         "\nevaluator = " + toml_string(e.evaluator) + "\nagent = " + toml_string(e.agent) +
         "\ndate = " + e.date + "\n\n[answers]\n";
  // In the rubric's order, so that files diff well.
  for (const RubricSection& s : rubric.sections) {
    for (const Criterion& c : s.criteria) {
      const Answer* a = e.find_answer(c.id);
      if (!a) continue;
      out += c.id + " = ";
      switch (a->kind) {
        case Answer::Kind::Yes:
          out += "\"yes\"";
          break;
        case Answer::Kind::No:
          out += "\"no\"";
          break;
        case Answer::Kind::NotApplicable:
          out += "\"na\"";
          break;
        case Answer::Kind::Number:
          out += number_text(a->value);
          break;
      }
      out += "\n";
    }
  }
  if (!e.notes.empty()) {
    out += "\n[notes]\n";
    for (const auto& note : e.notes) out += note.first + " = " + toml_string(note.second) + "\n";
  }
  return out;
}

std::vector<std::string> evaluation_file_names(const std::vector<Evaluation>& evaluations) {
  std::vector<std::string> names;
  std::set<std::string> used;
  for (const Evaluation& e : evaluations) {
    std::string base;
    for (char ch : e.interaction + "-" + e.evaluator) {
      char c = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
      bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (ok) {
        base += c;
      } else if (!base.empty() && base.back() != '-') {
        base += '-';
      }
    }
    while (!base.empty() && base.back() == '-') base.pop_back();
    if (base.size() > 80) base.resize(80);
    if (base.empty()) base = "evaluation";
    std::string name = base + ".toml";
    for (int n = 2; !used.insert(name).second; ++n) name = base + "-" + std::to_string(n) + ".toml";
    names.push_back(name);
  }
  return names;
}

namespace {

bool read_text(const std::string& path, std::uintmax_t limit, std::string& text,
               Diagnostics& diagnostics) {
  std::error_code ec;
  std::uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    diagnostics.add(path, 0, 0, "cannot read the file: " + ec.message());
    return false;
  }
  if (size > limit) {
    diagnostics.add(path, 0, 0, "the file is larger than " + std::to_string(limit >> 20) + " MiB");
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

}  // namespace

std::optional<Problem> write_all_or_none(const std::vector<ImportedFile>& files, bool replace) {
  struct Step {
    const ImportedFile* file;
    std::string staged;
    std::string previous;  // a copy of the replaced file, "" when there was none
    bool committed = false;
  };
  std::vector<Step> steps;
  std::error_code ec;
  // Undoes what was done and says why, and what could not be undone.
  auto fail = [&](std::string why) {
    std::string left;
    for (Step& step : steps) {
      if (step.committed) {
        bool undone = step.previous.empty()
                          ? fs::remove(step.file->destination, ec)
                          : std::rename(step.previous.c_str(), step.file->destination.c_str()) == 0;
        if (!undone) left += "\n  " + step.file->destination + " now holds the imported evaluation";
      } else if (!step.previous.empty()) {
        fs::remove(step.previous, ec);
      }
      if (!step.staged.empty()) fs::remove(step.staged, ec);
    }
    return tool_error(
        why + (left.empty() ? "; nothing was written" : "; these could not be put back:" + left));
  };
  for (const ImportedFile& file : files) {
    steps.push_back({&file, temporary_path_for(file.destination), "", false});
    std::ofstream out(steps.back().staged, std::ios::binary | std::ios::trunc);
    out << file.text;
    out.close();
    if (!out) {
      return fail("cannot write " + steps.back().staged + ": " + std::strerror(errno));
    }
  }
  for (Step& step : steps) {
    const std::string& destination = step.file->destination;
    bool exists = fs::exists(fs::symlink_status(destination, ec));
    if (exists && replace) {
      // Kept until every file is in place, to put back if a later one fails.
      step.previous = temporary_path_for(destination);
      fs::create_hard_link(destination, step.previous, ec);
      if (ec) fs::copy_file(destination, step.previous, ec);
      if (ec) {
        std::string why =
            "cannot keep a copy of " + destination + " to replace it: " + ec.message();
        step.previous.clear();
        return fail(why);
      }
    }
    int moved = -1;
    if (!exists || !replace) {
      // Atomic "only if absent": a file made since the caller looked is not replaced.
      moved =
          renameat2(AT_FDCWD, step.staged.c_str(), AT_FDCWD, destination.c_str(), RENAME_NOREPLACE);
      if (moved != 0 && (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) &&
          !fs::exists(fs::symlink_status(destination, ec))) {
        moved = std::rename(step.staged.c_str(), destination.c_str());
      }
    } else {
      moved = std::rename(step.staged.c_str(), destination.c_str());
    }
    if (moved != 0) {
      return fail("cannot move the imported evaluation into place at " + destination + ": " +
                  (errno == EEXIST ? std::string("a file of that name appeared meanwhile")
                                   : std::string(std::strerror(errno))));
    }
    step.committed = true;
    step.staged.clear();
  }
  for (const Step& step : steps) {
    if (!step.previous.empty()) fs::remove(step.previous, ec);
  }
  return std::nullopt;
}

std::optional<std::vector<ImportedFile>> import_files(const ImportRequest& request,
                                                      const Rubric* rubric,
                                                      Diagnostics& diagnostics) {
  ImportMap map;
  if (!request.map.empty()) {
    std::string text;
    if (read_text(request.map, 1 << 20, text, diagnostics)) {
      if (std::optional<ImportMap> m = parse_import_map(text, request.map, diagnostics)) map = *m;
    }
  }
  std::string csv_text;
  bool have_csv = read_text(request.csv, kMaxCsvBytes, csv_text, diagnostics);
  if (!rubric || !have_csv || !diagnostics.empty()) return std::nullopt;
  std::vector<ImportedFile> files;
  {
    CsvTable csv = parse_csv(csv_text, request.csv, diagnostics);
    csv_text = std::string();
    // Cells are checked even after a syntax error, so that one run reports every bad cell.
    std::vector<Evaluation> evaluations =
        import_evaluations(csv, request.csv, map, *rubric, diagnostics);
    std::vector<std::string> names = evaluation_file_names(evaluations);
    for (std::size_t i = 0; i < evaluations.size(); ++i) {
      ImportedFile file{(fs::path(request.out) / names[i]).string(),
                        evaluation_toml(evaluations[i], *rubric)};
      // What `score` will read, read now: a file it would refuse is never written.
      Diagnostics read_back;
      std::optional<Evaluation> e = parse_evaluation(file.text, file.destination, read_back);
      if (e) check_evaluation(*e, *rubric, read_back);
      if (!read_back.empty()) {
        const Diagnostic& first = read_back.items().front();
        diagnostics.add(request.csv, evaluations[i].where.line, 1,
                        "this row's evaluation would not read back (" + first.message +
                            "); please report it as a coachkit bug");
      }
      // A file of the same name is someone's evaluation, hand-written or imported and edited.
      std::error_code ec;
      fs::file_status status = fs::symlink_status(file.destination, ec);
      if (fs::exists(status)) {
        if (!fs::is_regular_file(status)) {
          diagnostics.add(file.destination, 0, 0,
                          "is in the way of this row's evaluation file (it is not a file)");
        } else if (!request.force) {
          diagnostics.add(file.destination, 0, 0,
                          "already exists (row " + std::to_string(evaluations[i].where.line) +
                              "'s evaluation); --force replaces it");
        }
      }
      files.push_back(std::move(file));
    }
  }
  return files;
}

}  // namespace coachkit
