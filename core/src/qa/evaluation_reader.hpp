// Reads evaluation files ([evaluation], [answers], [notes]) and checks their answers against a
// rubric, every problem at FILE:LINE:COL through Diagnostics, all of them in one run.
#pragma once

#include "support/diagnostics.hpp"
#include "qa/evaluation.hpp"

#include <coachkit/model.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coachkit {

// The years an evaluation may be dated in. A date is kept as its YYYY-MM-DD text, so dates
// sort and print as dates only with four digits; and a report's DOCX and PDF tools fail on
// years far from now. No QA evaluation happened before 1900 or will after 2200.
constexpr int kFirstEvaluationYear = 1900;
constexpr int kLastEvaluationYear = 2200;

// True when `text` is exactly YYYY-MM-DD, a day of the calendar, within the years above:
// the one rule for an evaluation's date, in evaluation files and in CSV imports. Otherwise
// false and `why` says what is wrong, as words that follow the quoted date ("is not ...").
bool check_evaluation_date(std::string_view text, std::string* why);

// The evaluation in `text`; `display` names it in messages. Checks the file's own shape (keys,
// types, "yes"/"no"/"na" or a number, a date) but not the rubric: see check_evaluation.
// nullopt when a problem makes it unusable.
std::optional<Evaluation> parse_evaluation(std::string_view text, const std::string& display,
                                           Diagnostics& diagnostics);

// The file at `path`, read and parsed as above.
std::optional<Evaluation> read_evaluation_file(const std::string& path, Diagnostics& diagnostics);

// The version of `rubric` (its current one or one of its earlier_versions), or null.
const Rubric* find_rubric_version(const Rubric& rubric, int version);

// The version an evaluation is scored under: `as_version` when given, else the one the
// evaluation names, else the current one. Null, with a diagnostic, when there is no such
// version.
const Rubric* rubric_for(const Rubric& rubric, const Evaluation& evaluation,
                         std::optional<int> as_version, Diagnostics& diagnostics);

// Checks `evaluation` against `version` (one version of a rubric): the rubric id, an answer for
// an unknown criterion (with the closest id), a missing answer to a required (non-bonus)
// criterion, the wrong kind of answer for the criterion's scale, a number out of range, "na"
// where N/A is not allowed, a note for an unknown criterion. False when anything is wrong.
bool check_evaluation(const Evaluation& evaluation, const Rubric& version,
                      Diagnostics& diagnostics);

// Every evaluation file among `paths`: files as given, folders searched recursively for *.toml
// files, sorted by path so that the order never depends on the file system.
std::vector<std::string> evaluation_files(const std::vector<std::string>& paths,
                                          Diagnostics& diagnostics);

}  // namespace coachkit
