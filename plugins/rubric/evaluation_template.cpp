#include "evaluation_template.hpp"

#include "scorecard.hpp"

namespace rubric_plugin {

using namespace coachkit;

namespace {

// Content text inside a TOML comment: one line, no control characters, so that nothing an
// author wrote can end the comment and become a key.
std::string comment_text(const std::string& text) {
  std::string out;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    out += (c < 0x20 || c == 0x7f) ? ' ' : ch;
  }
  return out;
}

std::string choices(const Criterion& c) {
  std::string out;
  switch (c.scale.kind) {
    case Scale::Kind::YesNo:
      out = "\"yes\" or \"no\"";
      break;
    case Scale::Kind::Points:
      out = "0 to " + std::to_string(c.scale.max) + " points";
      break;
    case Scale::Kind::Levels:
      out = "a level from " + std::to_string(c.scale.min) + " to " + std::to_string(c.scale.max);
      break;
  }
  if (c.not_applicable != Criterion::NotApplicable::NotAllowed) out += ", or \"na\"";
  if (c.critical) out += "; CRITICAL";
  if (c.bonus) out += "; bonus, may be left out";
  return out;
}

}  // namespace

std::string evaluation_template(const Pack& pack, const Rubric& rubric) {
  std::string out;
  out += "# A blank evaluation of " + comment_text(rubric.title) + " (rubric '" + rubric.id +
         "', version " + std::to_string(rubric.version) + ").\n";
  out += "# Fill in every answer, then: coachkit score RUBRIC THIS_FILE\n\n";
  out += "[evaluation]\nrubric = \"" + rubric.id +
         "\"\nversion = " + std::to_string(rubric.version) +
         "\ninteraction = \"\"\nevaluator = \"\"\nagent = \"\"\ndate = \"\"  # YYYY-MM-DD\n\n";
  out += "[answers]\n";
  for (const RubricSection& s : rubric.sections) {
    out += "# " + comment_text(s.title.empty() ? s.principle : s.title) + "\n";
    for (const Criterion& c : s.criteria) {
      out += "# " + comment_text(criterion_text(pack, s, c)) + "\n";
      out += c.id + " = \"\"  # " + choices(c) + "\n";
    }
    out += "\n";
  }
  out += "[notes]  # optional, per criterion: criterion-id = \"what you saw\"\n";
  return out;
}

}  // namespace rubric_plugin
