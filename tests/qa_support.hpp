// Rubrics and evaluations from TOML text, through the same readers the commands use, for the
// scoring, evaluation and import tests.
#pragma once

#include "pack/readers/readers.hpp"
#include "pack/toml_text.hpp"
#include "qa/evaluation_reader.hpp"
#include "qa/evaluation_score.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace coachkit::testing {

// The rubric in `text` (a rubrics/*.toml file with no principles); fails the test on a problem.
inline Rubric rubric_from(const std::string& text, const std::string& file = "rubric.toml") {
  Diagnostics diagnostics;
  std::optional<toml::table> root = parse_toml(text, file, diagnostics);
  LoadContext context(diagnostics);
  if (root) read_rubric_file(*root, file, context);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
  if (context.pack.rubrics.empty()) return Rubric{};
  return context.pack.rubrics.front();
}

// The evaluation in `text`, checked against the version it names; fails the test on a problem.
inline Evaluation evaluation_from(const Rubric& rubric, const std::string& text,
                                  const std::string& file = "evaluation.toml") {
  Diagnostics diagnostics;
  std::optional<Evaluation> e = parse_evaluation(text, file, diagnostics);
  if (e) {
    const Rubric* version = rubric_for(rubric, *e, std::nullopt, diagnostics);
    if (version) check_evaluation(*e, *version, diagnostics);
  }
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
  return e ? *e : Evaluation{};
}

// The header of an evaluation file for rubric `id`; the test adds [answers].
inline std::string evaluation_head(const std::string& id = "form") {
  return "[evaluation]\nrubric = \"" + id +
         "\"\ninteraction = \"t-1\"\nevaluator = \"dana\"\nagent = \"sam\"\ndate = "
         "2026-11-20\n\n";
}

}  // namespace coachkit::testing
