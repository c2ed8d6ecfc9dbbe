#include "qa/evaluation_reader.hpp"

#include "pack/content_limits.hpp"
#include "pack/toml_reader.hpp"
#include "pack/toml_text.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

constexpr std::uintmax_t kMaxEvaluationBytes = 1 << 20;

std::string zero_padded(int n, int digits) {
  std::string text = std::to_string(n);
  return std::string(text.size() < static_cast<std::size_t>(digits) ? digits - text.size() : 0,
                     '0') +
         text;
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// A TOML date (2026-11-20) or a string holding one, checked by check_evaluation_date.
std::string read_date(TableReader& r) {
  const toml::node* n = r.node("date");
  if (!n) {
    r.error("[evaluation] is missing the required key 'date' (a date such as 2026-11-20)");
    return {};
  }
  std::string text;
  if (const toml::value<toml::date>* d = n->as_date()) {
    const toml::date& date = d->get();
    text = zero_padded(date.year, 4) + "-" + zero_padded(date.month, 2) + "-" +
           zero_padded(date.day, 2);
  } else if (const toml::value<std::string>* s = n->as_string()) {
    text = s->get();
  } else {
    r.error(*n,
            "'date' in [evaluation] must be a date such as 2026-11-20, not " + describe_type(*n));
    return {};
  }
  std::string why;
  if (!check_evaluation_date(text, &why)) {
    r.error(*n, "'date' in [evaluation] must be a date such as 2026-11-20; \"" + excerpt(text) +
                    "\" " + why);
    return {};
  }
  return text;
}

bool before(const SourcePosition& a, const SourcePosition& b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string scale_words(const Scale& scale) {
  switch (scale.kind) {
    case Scale::Kind::YesNo:
      return "\"yes\" or \"no\"";
    case Scale::Kind::Points:
      return "a number of points from 0 to " + std::to_string(scale.max);
    case Scale::Kind::Levels:
      return "a level from " + std::to_string(scale.min) + " to " + std::to_string(scale.max);
  }
  return {};
}

}  // namespace

bool check_evaluation_date(std::string_view text, std::string* why) {
  auto digits = [&](std::size_t from, std::size_t count, int& value) {
    value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      value = value * 10 + (text[i] - '0');
    }
    return true;
  };
  int year = 0, month = 0, day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(0, 4, year) ||
      !digits(5, 2, month) || !digits(8, 2, day)) {
    *why = "is not YYYY-MM-DD (four digits, two and two)";
    return false;
  }
  if (month < 1 || month > 12) {
    *why = "has no month " + std::to_string(month);
    return false;
  }
  if (day < 1 || day > days_in_month(year, month)) {
    static const char* kMonths[] = {"January",   "February", "March",    "April",
                                    "May",       "June",     "July",     "August",
                                    "September", "October",  "November", "December"};
    *why = "is no day of the calendar: " + std::string(kMonths[month - 1]) + " " +
           zero_padded(year, 4) + " has " + std::to_string(days_in_month(year, month)) + " days";
    return false;
  }
  if (year < kFirstEvaluationYear || year > kLastEvaluationYear) {
    *why = "is outside the years an evaluation may be dated in, " +
           std::to_string(kFirstEvaluationYear) + " to " + std::to_string(kLastEvaluationYear);
    return false;
  }
  return true;
}

std::optional<Evaluation> parse_evaluation(std::string_view text, const std::string& display,
                                           Diagnostics& diagnostics) {
  std::optional<toml::table> root = parse_toml(text, display, diagnostics);
  if (!root) return std::nullopt;
  std::size_t problems = diagnostics.size();
  report_unknown_keys(*root, {"evaluation", "answers", "notes"}, "unexpected top-level key",
                      "an evaluation file", display, diagnostics);
  Evaluation e;
  e.file = display;
  const toml::table* head = (*root)["evaluation"].as_table();
  if (!head) {
    diagnostics.add(display, 1, 1,
                    "an evaluation file needs an [evaluation] table (rubric, interaction, "
                    "evaluator, agent, date)");
  } else {
    TableReader r(*head, "[evaluation]", display, diagnostics);
    e.where = r.where();
    e.rubric = r.id("rubric");
    e.interaction = r.required_string("interaction", kMaxLineChars);
    e.evaluator = r.required_string("evaluator", kMaxLineChars);
    e.agent = r.required_string("agent", kMaxLineChars);
    e.date = read_date(r);
    if (std::optional<std::int64_t> v = r.integer("version", false, 1, 1000000)) {
      e.version = static_cast<int>(*v);
    }
    e.comment = r.optional_string("comment", kMaxBodyChars);
    r.finish();
  }
  const toml::node* answers = root->get("answers");
  if (!answers || !answers->is_table()) {
    diagnostics.add(display, answers ? position_of(display, answers->source()).line : 1,
                    answers ? position_of(display, answers->source()).column : 1,
                    "an evaluation file needs an [answers] table: criterion id = \"yes\", "
                    "\"no\", \"na\", a number of points or a level");
  } else {
    e.answers_where = position_of(display, answers->source());
    for (const auto& [key, value] : *answers->as_table()) {
      Answer a;
      a.criterion = std::string(key.str());
      a.where = position_of(display, key.source());
      a.value_where = position_of(display, value.source());
      if (a.where.line == 0) a.where = a.value_where;
      if (const toml::value<std::string>* s = value.as_string()) {
        const std::string& word = s->get();
        if (word == "yes") {
          a.kind = Answer::Kind::Yes;
          a.value = 1;
        } else if (word == "no") {
          a.kind = Answer::Kind::No;
        } else if (word == "na") {
          a.kind = Answer::Kind::NotApplicable;
        } else {
          std::string message = "the answer for '" + excerpt(a.criterion) + "' is \"" +
                                excerpt(word) +
                                "\"; an answer is \"yes\", \"no\", \"na\" or a number";
          std::string suggestion = closest(word, {"yes", "no", "na"});
          if (!suggestion.empty()) message += "; did you mean \"" + suggestion + "\"?";
          diagnostics.add(display, a.value_where.line, a.value_where.column, message);
          continue;
        }
      } else if (const toml::value<std::int64_t>* i = value.as_integer()) {
        a.kind = Answer::Kind::Number;
        a.value = static_cast<double>(i->get());
      } else if (const toml::value<double>* f = value.as_floating_point()) {
        a.kind = Answer::Kind::Number;
        a.value = f->get();
        if (!std::isfinite(a.value)) {
          diagnostics.add(display, a.value_where.line, a.value_where.column,
                          "the answer for '" + excerpt(a.criterion) + "' must be a finite number");
          continue;
        }
      } else {
        diagnostics.add(display, a.value_where.line, a.value_where.column,
                        "the answer for '" + excerpt(a.criterion) +
                            "' must be \"yes\", \"no\", \"na\" or a number, not " +
                            describe_type(value));
        continue;
      }
      e.answers.push_back(std::move(a));
    }
    std::sort(e.answers.begin(), e.answers.end(),
              [](const Answer& a, const Answer& b) { return before(a.where, b.where); });
  }
  if (const toml::node* notes = root->get("notes")) {
    if (!notes->is_table()) {
      SourcePosition p = position_of(display, notes->source());
      diagnostics.add(display, p.line, p.column,
                      "'notes' must be a [notes] table: criterion id = \"note\"");
    } else {
      std::vector<std::pair<SourcePosition, std::pair<std::string, std::string>>> found;
      for (const auto& [key, value] : *notes->as_table()) {
        SourcePosition p = position_of(display, value.source());
        if (!value.is_string()) {
          diagnostics.add(display, p.line, p.column,
                          "the note for '" + excerpt(std::string(key.str())) +
                              "' must be a string, not " + describe_type(value));
          continue;
        }
        if (count_characters(value.as_string()->get()) > kMaxParagraphChars) {
          diagnostics.add(
              display, p.line, p.column,
              "a note is at most " + std::to_string(kMaxParagraphChars) + " characters long");
          continue;
        }
        SourcePosition k = position_of(display, key.source());
        found.push_back({k.line ? k : p, {std::string(key.str()), value.as_string()->get()}});
      }
      std::sort(found.begin(), found.end(),
                [](const auto& a, const auto& b) { return before(a.first, b.first); });
      for (auto& f : found) {
        e.note_positions.push_back(f.first);
        e.notes.push_back(std::move(f.second));
      }
    }
  }
  if (diagnostics.size() != problems) return std::nullopt;
  return e;
}

std::optional<Evaluation> read_evaluation_file(const std::string& path, Diagnostics& diagnostics) {
  std::error_code ec;
  std::uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    diagnostics.add(path, 0, 0, "cannot read the evaluation file: " + ec.message());
    return std::nullopt;
  }
  if (size > kMaxEvaluationBytes) {
    diagnostics.add(path, 0, 0, "an evaluation file is at most 1 MiB");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) {
    diagnostics.add(path, 0, 0, "cannot read the evaluation file");
    return std::nullopt;
  }
  return parse_evaluation(text, path, diagnostics);
}

const Rubric* find_rubric_version(const Rubric& rubric, int version) {
  if (rubric.version == version) return &rubric;
  for (const Rubric& earlier : rubric.earlier_versions) {
    if (earlier.version == version) return &earlier;
  }
  return nullptr;
}

namespace {

std::string versions_of(const Rubric& rubric) {
  std::string out;
  for (const Rubric& r : rubric.earlier_versions) out += std::to_string(r.version) + ", ";
  return out + std::to_string(rubric.version);
}

}  // namespace

const Rubric* rubric_for(const Rubric& rubric, const Evaluation& evaluation,
                         std::optional<int> as_version, Diagnostics& diagnostics) {
  if (as_version) {
    const Rubric* r = find_rubric_version(rubric, *as_version);
    if (!r) {
      diagnostics.add(rubric.where.file, 0, 0,
                      "rubric '" + rubric.id + "' has no version " + std::to_string(*as_version) +
                          " (it has " + versions_of(rubric) + ")");
    }
    return r;
  }
  if (!evaluation.version) return &rubric;
  const Rubric* r = find_rubric_version(rubric, *evaluation.version);
  if (!r) {
    diagnostics.add(evaluation.file, evaluation.where.line, evaluation.where.column,
                    "the evaluation names version " + std::to_string(*evaluation.version) +
                        " of rubric '" + rubric.id + "', which has versions " +
                        versions_of(rubric));
  }
  return r;
}

bool check_evaluation(const Evaluation& e, const Rubric& version, Diagnostics& diagnostics) {
  std::size_t problems = diagnostics.size();
  auto add = [&](const SourcePosition& at, const std::string& message) {
    diagnostics.add(e.file, at.line, at.column, message);
  };
  if (e.rubric != version.id) {
    add(e.where,
        "the evaluation is for rubric '" + excerpt(e.rubric) + "', not '" + version.id + "'");
    return false;
  }
  std::map<std::string, const Criterion*> criteria;
  std::vector<std::string> ids;
  for (const RubricSection& s : version.sections) {
    for (const Criterion& c : s.criteria) {
      criteria.emplace(c.id, &c);
      ids.push_back(c.id);
    }
  }
  std::map<std::string, const Answer*> given;
  std::set<std::string> misspelled;  // already named as a suggestion: not also "missing"
  for (const Answer& a : e.answers) {
    auto it = criteria.find(a.criterion);
    if (it == criteria.end()) {
      std::string message = "unknown criterion '" + excerpt(a.criterion) + "' in rubric '" +
                            version.id + "' version " + std::to_string(version.version);
      std::string suggestion = closest(a.criterion, ids);
      if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
      add(a.where, message);
      if (!suggestion.empty()) misspelled.insert(suggestion);
      continue;
    }
    given.emplace(a.criterion, &a);
    const Criterion& c = *it->second;
    const Scale& scale = c.scale;
    switch (a.kind) {
      case Answer::Kind::NotApplicable:
        if (c.not_applicable == Criterion::NotApplicable::NotAllowed) {
          add(a.value_where,
              "criterion '" + c.id + "' does not allow \"na\"; answer " + scale_words(scale));
        }
        break;
      case Answer::Kind::Yes:
      case Answer::Kind::No:
        if (scale.kind != Scale::Kind::YesNo) {
          add(a.value_where, "criterion '" + c.id + "' is answered with " + scale_words(scale) +
                                 ", not \"" + (a.kind == Answer::Kind::Yes ? "yes" : "no") + "\"");
        }
        break;
      case Answer::Kind::Number:
        if (scale.kind == Scale::Kind::YesNo) {
          add(a.value_where,
              "criterion '" + c.id + "' is answered \"yes\" or \"no\"" +
                  std::string(c.not_applicable == Criterion::NotApplicable::NotAllowed
                                  ? ""
                                  : " (or \"na\")") +
                  ", not a number");
        } else if (scale.kind == Scale::Kind::Levels && a.value != std::floor(a.value)) {
          add(a.value_where, "criterion '" + c.id + "' is answered with a whole level from " +
                                 std::to_string(scale.min) + " to " + std::to_string(scale.max) +
                                 ", not " + format_number(a.value));
        } else if (a.value < scale.min || a.value > scale.max) {
          add(a.value_where, std::string(scale.kind == Scale::Kind::Levels ? "level " : "") +
                                 format_number(a.value) + " is out of range for criterion '" +
                                 c.id + "': " + scale_words(scale));
        }
        break;
    }
  }
  for (const std::string& id : ids) {
    const Criterion& c = *criteria[id];
    if (c.bonus || given.count(id) || misspelled.count(id)) continue;
    add(e.answers_where,
        "missing answer for criterion '" + id + "' (" + scale_words(c.scale) +
            (c.not_applicable == Criterion::NotApplicable::NotAllowed ? "" : ", or \"na\"") + ")");
  }
  for (std::size_t i = 0; i < e.notes.size(); ++i) {
    const auto& note = e.notes[i];
    if (!criteria.count(note.first)) {
      std::string message = "a note for unknown criterion '" + excerpt(note.first) + "'";
      std::string suggestion = closest(note.first, ids);
      if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
      add(i < e.note_positions.size() ? e.note_positions[i] : e.where, message);
    }
  }
  return diagnostics.size() == problems;
}

std::vector<std::string> evaluation_files(const std::vector<std::string>& paths,
                                          Diagnostics& diagnostics) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".toml") {
          found.push_back(it->path().string());
        }
      }
      if (ec) diagnostics.add(path, 0, 0, "cannot list the folder: " + ec.message());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(path, ec)) {
      files.push_back(path);
    } else {
      diagnostics.add(path, 0, 0, "no such evaluation file or folder");
    }
  }
  return files;
}

}  // namespace coachkit
