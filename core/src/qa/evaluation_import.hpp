// A QA platform's CSV export into evaluation files (`coachkit import`). Wide exports have a row per
// evaluation and a column per criterion; long exports (MaestroQA's, Zendesk QA's) a row per
// evaluation and question, pivoted by their evaluation id. Every bad cell is reported at
// FILE:ROW:COLUMN, all at once, and nothing is written unless every row is good. See
// docs/rubrics.md for the map file.
#pragma once

#include "qa/csv_reader.hpp"
#include "qa/evaluation.hpp"
#include "support/diagnostics.hpp"
#include "support/problem.hpp"

#include <coachkit/model.hpp>

#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

// How the export's columns and answers map onto evaluations (the --map file).
struct ImportMap {
  enum class Layout { Wide, Long };
  Layout layout = Layout::Wide;
  std::string interaction = "interaction";  // column names of the header fields
  std::string evaluator = "evaluator";
  std::string agent = "agent";
  std::string date = "date";
  std::string evaluation = "evaluation";        // long: the column that groups rows
  std::string question = "question";            // long: the criterion's column
  std::string answer = "answer";                // long: the answer's column
  std::string note = "";                        // long: a note per answer; "" for none
  std::vector<std::string> ignore;              // wide: columns that are not criteria
  std::map<std::string, std::string> criteria;  // column name or question -> criterion id
  std::map<std::string, std::string> answers;   // answer text -> "yes", "no", "na" or a number
};

// The map in `text` (TOML), problems at FILE:LINE:COL.
std::optional<ImportMap> parse_import_map(std::string_view text, const std::string& display,
                                          Diagnostics& diagnostics);

// The evaluations in `csv`, checked against `rubric` (its current version); problems at
// FILE:ROW:COLUMN of `display`. Empty with problems when any row is bad.
std::vector<Evaluation> import_evaluations(const CsvTable& csv, const std::string& display,
                                           const ImportMap& map, const Rubric& rubric,
                                           Diagnostics& diagnostics);

// An evaluation file's text; every string TOML-escaped.
std::string evaluation_toml(const Evaluation& evaluation, const Rubric& rubric);

// A file name for each evaluation (interaction and evaluator, made safe, unique).
std::vector<std::string> evaluation_file_names(const std::vector<Evaluation>& evaluations);

// One file of an import: its text, and where it goes.
struct ImportedFile {
  std::string destination;
  std::string text;
};

// Writes every file or none: each is staged to a temporary sibling first, then moved into
// place; if a move fails, the ones already moved are taken back (a file that did not exist is
// removed, one that `replace` allowed to be replaced gets its old text back) and the staged
// ones are removed. Without `replace` a file that exists is never replaced, even one created
// while this runs. On failure a problem (origin Tool) naming the file and ending "nothing was
// written", or, when even undoing failed (the disk went away), naming each file left changed.
std::optional<Problem> write_all_or_none(const std::vector<ImportedFile>& files, bool replace);

struct ImportRequest {
  std::string rubric;
  std::string csv;
  std::string map;  // "" for the defaults
  std::string out = "evaluations";
  bool force = false;  // replace evaluation files that already exist
};

// Everything an import does before writing: the map and the CSV read, every row turned into an
// evaluation file's text, read back as `score` would, and checked against what is already in
// `request.out`; the files are written only when no problem was added. None when the rubric
// (null), the map or the CSV could not be read at all.
std::optional<std::vector<ImportedFile>> import_files(const ImportRequest& request,
                                                      const Rubric* rubric,
                                                      Diagnostics& diagnostics);

}  // namespace coachkit
