// The validated content of a pack: what the loader produces and every plugin reads.
// Plain data only, so it can cross the plugin boundary without surprises.
#pragma once

#include <coachkit/version.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

COACHKIT_NAMESPACE_BEGIN

// Where a value was written, so later stages can still point at the author's file.
struct SourcePosition {
  std::string file;
  int line = 0;
  int column = 0;
};

// An article, book or person the content is drawn from.
struct Source {
  std::string id;
  std::string title;
  std::string author;
  std::optional<int> year;
  std::string note;
  SourcePosition where;
};

// A heading principles are gathered under, e.g. "Service principles" or "Life principles".
struct PrincipleGroup {
  std::string id;
  std::string title;
  std::string description;
  SourcePosition where;
};

// One do or one don't, always tied to the principle that explains it.
struct Behavior {
  std::string id;
  std::string text;
  std::string why;
  double weight = 1.0;
  bool critical = false;
  std::string source;
  SourcePosition where;
};

struct Principle {
  std::string id;
  std::string title;
  std::string summary;
  std::string body;  // paragraphs separated by blank lines
  std::string source;
  std::string group;         // a PrincipleGroup id, or ""
  std::optional<int> order;  // position within its group; unordered ones follow, by file name
  std::vector<std::string> tags;
  std::vector<Behavior> dos;
  std::vector<Behavior> donts;
  SourcePosition where;
};

struct Worksheet {
  enum class Kind { Grid, Prompts, Lines };
  Kind kind = Kind::Grid;
  std::string title;
  std::string instructions;
  std::vector<std::string> rows;     // grid
  std::vector<std::string> columns;  // grid
  int scale_min = 0;                 // grid; 0 and 0 when no scale is given
  int scale_max = 0;
  bool totals = false;               // grid
  std::vector<std::string> prompts;  // prompts
  // prompts: the trainer's suggested answer to each prompt, one per prompt ("" for none);
  // empty when none are written. Only the trainer's edition shows them.
  std::vector<std::string> suggested_answers;
  int lines = 0;  // lines
};

struct Activity {
  std::string id;
  std::string title;
  std::vector<std::string> principles;
  int minutes = 0;
  std::string goal;
  std::string group_size;
  std::vector<std::string> materials;
  std::vector<std::string> steps;
  std::vector<std::string> debrief;
  std::string source;
  std::optional<Worksheet> worksheet;
  // For the trainer's edition only: how to run it, minutes per step (one per step, or empty),
  // and a suggested answer per debrief question (one per question, "" for none, or empty).
  std::string facilitator_notes;
  std::vector<int> step_minutes;
  std::vector<std::string> debrief_answers;
  SourcePosition where;
};

struct Quote {
  std::string id;
  std::string text;
  std::string author;
  std::string source;
  std::vector<std::string> principles;
  SourcePosition where;
};

// One choice of a single or multiple question, as the author wrote it.
struct Choice {
  std::string text;
  std::string feedback;  // shown when this choice is picked; "" for none
  bool pinned = false;   // keeps its place when choices are shuffled ("All of the above")
  // Multiple answers: the percent of the points this choice gives when picked, one of Moodle's
  // grades (100, 50, 33.33333, …, negative for wrong choices); the right choices add to 100.
  double weight = 0;
  SourcePosition where;
  // Whether `weight` was written (else it is the default share), and where: Canvas keeps only
  // right/wrong, so a written weight it cannot hold is warned about there.
  bool weight_written = false;
  SourcePosition weight_where;
};

struct Question {
  enum class Kind { Single, Multiple, TrueFalse, Matching, Ordering, Short, Numeric };
  std::string id;
  std::string principle;
  Kind kind = Kind::Single;
  std::string prompt;
  std::vector<std::string> choices;    // single, multiple: the texts, in the author's order
  std::vector<Choice> choice_details;  // single, multiple: one per choice, same order
  std::vector<std::string> answers;    // single: one choice; multiple: choices; short: accepted
  bool true_false_answer = false;
  std::vector<std::pair<std::string, std::string>> pairs;  // matching
  std::vector<std::string> order;                          // ordering, in the right order
  double number = 0;                                       // numeric: the answer
  double tolerance = 0;  // numeric: how far from it an answer may be and still be right
  double points = 1;
  std::string feedback;
  SourcePosition where;
};

// How a criterion is answered: yes/no, a number of points from 0 to a maximum, or one of
// several levels, each described so that two evaluators mean the same thing by "3".
struct ScaleLevel {
  int value = 0;
  std::string label;       // e.g. "Meets", may be ""
  std::string descriptor;  // what an answer at this level looks like
  SourcePosition where;
};

struct Scale {
  enum class Kind { YesNo, Points, Levels };
  Kind kind = Kind::YesNo;
  std::string id;  // "yes-no", "points" or the id of a [[rubric.scale]]
  std::string title;
  int min = 0;  // yes/no: 0 and 1; points: 0 and the maximum; levels: lowest and highest
  int max = 1;
  std::vector<ScaleLevel> levels;  // levels: lowest first, one per value that is described
  SourcePosition where;
};

struct Criterion {
  // Written out in the rubric, or one of the principle's do's or don'ts.
  enum class Origin { Written, Do, Dont };
  // What an "na" answer does: not allowed, left out of the score, or counted as met.
  enum class NotApplicable { NotAllowed, Excluded, Pass };
  // What a failed critical criterion does: the whole form scores 0, or only its section.
  enum class Gate { Form, Section };
  // Which differences between two answers count when evaluators' agreement is measured
  // (Krippendorff's levels of measurement). FromScale: yes/no nominal, levels ordinal, points
  // interval.
  enum class Measurement { FromScale, Nominal, Ordinal, Interval, Ratio };

  std::string id;
  std::string text;
  Origin origin = Origin::Written;
  std::string behavior;  // the do's or don't's id when drawn from the principle
  double weight = 1.0;   // the points the criterion is worth
  Scale scale;
  NotApplicable not_applicable = NotApplicable::NotAllowed;
  bool critical = false;
  Gate gate = Gate::Form;
  bool bonus = false;  // adds what it earns, never counts against the score
  Measurement measurement = Measurement::FromScale;
  SourcePosition where;
};

struct RubricSection {
  std::string title;
  std::string principle;
  double weight = 0.0;     // weighted-sections and weighted-points; 0 when not given
  bool behaviors = false;  // criteria drawn from the principle's do's and don'ts
  std::vector<Criterion> criteria;
  SourcePosition where;
};

// A range of scores with a name, e.g. 80 to 95 is "Meets expectations"; `to` is exclusive
// except for a band that ends at 100.
struct PerformanceBand {
  std::string label;
  double from = 0;
  double to = 100;
  std::string description;
  SourcePosition where;
};

struct Rubric {
  enum class Method {
    WeightedSections,  // each section's percentage times its weight, over the weights
    TotalPoints,       // points earned over points possible, sections ignored
    WeightedPoints     // each section's points times its weight, over possible times weight
  };
  // How a level becomes a fraction: (level - min) / (max - min), or level / max.
  enum class LevelMapping { Range, Maximum };

  std::string id;
  std::string title;
  std::string description;
  int version = 1;
  Method method = Method::WeightedSections;
  LevelMapping level_mapping = LevelMapping::Range;
  double critical_below = 50;  // a critical criterion answered below this percentage fails
  Scale scale;                 // the criteria's scale unless they name another
  std::vector<Scale> scales;   // the [[rubric.scale]] tables
  std::vector<RubricSection> sections;
  std::vector<PerformanceBand> bands;    // lowest first
  std::vector<Rubric> earlier_versions;  // same id, lower versions, oldest first
  SourcePosition where;
};

// One thing a poster shows. Written in `items` as "principle:ID", "group:ID" (the group's
// principles, in order), "quote:ID" or "dos-donts:ID" (a principle's do's and don'ts).
struct PosterItem {
  enum class Kind { Principle, Quote, Group, DosAndDonts };
  Kind kind = Kind::Principle;
  std::string id;
  SourcePosition where;  // the item in the poster's `items`
};

struct Poster {
  std::string id;
  std::string title;
  std::string subtitle;
  std::vector<PosterItem> items;
  std::string size;     // as written ("11x14", "a3", "500x700mm"); "" for the default
  double width_mm = 0;  // the trimmed size, portrait, read from `size`; 0 when none given
  double height_mm = 0;
  std::string orientation;  // "portrait", "landscape" or "" (portrait)
  double bleed_mm = 0;      // background beyond the trim on every side
  bool crop_marks = false;  // `marks = true`
  std::string theme;        // a theme's name, or "" for the build's
  SourcePosition theme_where;
  SourcePosition where;
};

struct Pack {
  std::string id;
  std::string title;
  std::string version;
  std::string language;
  std::vector<std::string> authors;
  std::string license;
  std::string description;
  std::string paper;                 // [pack] paper: "a4", "letter" or "" (a4, or the project's)
  std::optional<std::int64_t> date;  // [pack] date, as seconds since 1970: outputs carry it
  std::string directory;  // the folder the pack was loaded from; "" for a pack a plugin carries

  std::vector<Source> sources;
  std::vector<PrincipleGroup> groups;
  std::vector<Principle> principles;  // in the author's order: by group, then order
  std::vector<Activity> activities;
  std::vector<Quote> quotes;
  std::vector<Question> questions;
  std::vector<Rubric> rubrics;
  std::vector<Poster> posters;

  // Look-ups by id; nullptr when absent (a loaded pack has every reference resolved).
  const Source* find_source(const std::string& id) const { return find(sources, id); }
  const PrincipleGroup* find_group(const std::string& id) const { return find(groups, id); }
  const Principle* find_principle(const std::string& id) const { return find(principles, id); }
  const Quote* find_quote(const std::string& id) const { return find(quotes, id); }

  // A rubric section's name wherever it is shown: its own title, else its principle's title,
  // else the principle's id.
  std::string section_name(const RubricSection& section) const {
    if (!section.title.empty()) return section.title;
    const Principle* p = find_principle(section.principle);
    return p ? p->title : section.principle;
  }

 private:
  template <typename T>
  static const T* find(const std::vector<T>& items, const std::string& id) {
    for (const T& item : items) {
      if (item.id == id) return &item;
    }
    return nullptr;
  }
};

COACHKIT_NAMESPACE_END
