#include "pack/content_limits.hpp"
#include "pack/readers/readers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace coachkit {

namespace {

// The percentages Moodle accepts as an answer's weight (question/format.php, matched to 0.001);
// any other weight makes its importer drop the whole question.
const double kMoodleGrades[] = {100,      90,       83.33333, 80,       75, 70, 66.66667,
                                60,       50,       40,       33.33333, 30, 25, 20,
                                16.66667, 14.28571, 12.5,     11.11111, 10, 5,  0};

bool moodle_grade(double percent) {
  double size = percent < 0 ? -percent : percent;
  for (double g : kMoodleGrades) {
    if (size > g - 0.001 && size < g + 0.001) return true;
  }
  return false;
}

std::string percent_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// The choices of a single or multiple question: each a string, or a table
// { text = "…", feedback = "…", pinned = true, weight = 50 }.
void read_choices(TableReader& r, Question& q, Diagnostics& diagnostics,
                  std::vector<const toml::node*>& weight_nodes) {
  const toml::array* items = r.array("choices", true);
  if (!items) return;
  for (const toml::node& item : *items) {
    Choice c;
    c.where = r.where(item);
    const toml::node* weight = nullptr;
    if (item.is_string()) {
      if (!r.check_length("choices", item, kMaxParagraphChars)) continue;
      c.text = item.as_string()->get();
    } else if (item.is_table()) {
      TableReader t(*item.as_table(), "a choice of [[question]] '" + q.id + "'", r.file(),
                    diagnostics);
      c.text = t.required_string("text", kMaxParagraphChars);
      c.feedback = t.optional_string("feedback", kMaxParagraphChars);
      c.pinned = t.boolean("pinned").value_or(false);
      weight = t.node("weight");
      if (weight && !weight->is_number()) {
        t.error(*weight, "'weight' of a choice must be a percentage, e.g. 50 or -25");
        weight = nullptr;
      } else if (weight) {
        c.weight_written = true;
        c.weight_where = t.where(*weight);
        c.weight = weight->is_integer() ? static_cast<double>(weight->as_integer()->get())
                                        : weight->as_floating_point()->get();
      }
      t.finish();
      if (c.text.empty()) continue;
    } else {
      r.error(item, "each choice must be a string or a table { text = \"…\", feedback = \"…\" }");
      continue;
    }
    if (blank(c.text)) {
      r.error(item, "a choice is empty");
      continue;
    }
    bool duplicate = false;
    for (const Choice& earlier : q.choice_details) duplicate = duplicate || earlier.text == c.text;
    if (duplicate) {
      r.error(item, "choice \"" + excerpt(c.text) + "\" is written twice");
      continue;
    }
    q.choices.push_back(c.text);
    q.choice_details.push_back(std::move(c));
    weight_nodes.push_back(weight);
  }
  if (items->size() < 2)
    r.error(*items, "a " + std::string(q.kind == Question::Kind::Single ? "single" : "multiple") +
                        " question needs at least two choices");
}

// Multiple answers: each right choice's weight defaults to an equal share of 100, each wrong
// one's to an equal share of -100; written weights must be Moodle grades and the right ones
// must add to 100.
void check_weights(TableReader& r, Question& q, const std::vector<const toml::node*>& nodes,
                   const toml::node* answer) {
  std::size_t right = q.answers.size();
  std::size_t wrong = q.choices.size() > right ? q.choices.size() - right : 0;
  double sum = 0;
  for (std::size_t i = 0; i < q.choice_details.size(); ++i) {
    Choice& c = q.choice_details[i];
    bool is_answer = std::find(q.answers.begin(), q.answers.end(), c.text) != q.answers.end();
    if (!nodes[i]) {
      c.weight = is_answer ? 100.0 / static_cast<double>(right)
                           : -100.0 / static_cast<double>(wrong ? wrong : 1);
    } else if (is_answer && c.weight <= 0) {
      r.error(*nodes[i], "a right choice's weight must be above 0");
    } else if (!is_answer && c.weight > 0) {
      r.error(*nodes[i], "a wrong choice's weight must be 0 or below");
    }
    if (!moodle_grade(c.weight)) {
      r.error(nodes[i] ? *nodes[i] : *answer,
              "weight " + percent_text(c.weight) + " of choice \"" + excerpt(c.text) +
                  "\" is not one of Moodle's grades (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, "
                  "50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0 "
                  "or their negatives); Moodle would drop the question");
    }
    if (is_answer) sum += c.weight;
  }
  if (right && (sum < 99.99 || sum > 100.01)) {
    r.error(*answer,
            "the weights of the right choices add to " + percent_text(sum) + "%, not 100%");
  }
}

// What the question's kind asks for: choices and answers, pairs, an order or accepted answers.
void read_answers(TableReader& r, Question& q, Diagnostics& diagnostics) {
  static const std::map<std::string, Question::Kind> kinds = {
      {"single", Question::Kind::Single},        {"multiple", Question::Kind::Multiple},
      {"true-false", Question::Kind::TrueFalse}, {"matching", Question::Kind::Matching},
      {"ordering", Question::Kind::Ordering},    {"short", Question::Kind::Short},
      {"numeric", Question::Kind::Numeric}};
  std::string kind = r.required_string("kind", kMaxLineChars);
  const toml::node* kind_node = r.node("kind");
  auto found = kinds.find(kind);
  if (found == kinds.end()) {
    if (!kind.empty() && kind_node) {
      r.error(*kind_node, "'kind' in [[question]] is \"" + kind +
                              "\"; expected single, multiple, true-false, matching, ordering, "
                              "short or numeric");
    }
    r.node("choices");
    r.node("answer");
    r.node("pairs");
    r.node("order");
    r.node("tolerance");
    return;
  }
  q.kind = found->second;

  // Keys that belong to other kinds are mistakes, not extras to ignore.
  auto reject = [&](std::string_view key) { r.not_applicable(key, "a " + kind + " question"); };
  if (q.kind != Question::Kind::Numeric) reject("tolerance");
  const toml::node* answer = nullptr;
  switch (q.kind) {
    case Question::Kind::Single:
    case Question::Kind::Multiple: {
      std::vector<const toml::node*> weight_nodes;
      read_choices(r, q, diagnostics, weight_nodes);
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
          if (!a.is_string()) {
            r.error(a, "each answer must be a string naming a choice");
          } else if (std::find(q.answers.begin(), q.answers.end(), a.as_string()->get()) !=
                     q.answers.end()) {
            r.error(a, "answer \"" + excerpt(a.as_string()->get()) + "\" is named twice");
          } else {
            q.answers.push_back(a.as_string()->get());
          }
        }
        if (q.answers.empty()) r.error(*answer, "a multiple question needs at least one answer");
      }
      bool all_known = true;
      for (const std::string& a : q.answers) {
        if (!q.choices.empty() &&
            std::find(q.choices.begin(), q.choices.end(), a) == q.choices.end()) {
          r.error(*answer, "answer \"" + excerpt(a) + "\" is not one of the choices");
          all_known = false;
        }
      }
      if (q.kind == Question::Kind::Multiple && answer && all_known && !q.answers.empty() &&
          q.choices.size() == weight_nodes.size()) {
        check_weights(r, q, weight_nodes, answer);
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
          if (!r.check_length("pairs", (*two)[0], kMaxParagraphChars) ||
              !r.check_length("pairs", (*two)[1], kMaxParagraphChars)) {
            continue;
          }
          std::string left = (*two)[0].as_string()->get(), right = (*two)[1].as_string()->get();
          if (blank(left) || blank(right)) {
            r.error(blank(left) ? (*two)[0] : (*two)[1],
                    "a matching pair has an empty side: both the prompt and its match are needed");
            continue;
          }
          bool duplicate = false;
          for (const auto& earlier : q.pairs) {
            if (earlier.first == left) {
              r.error(pair, "prompt \"" + excerpt(left) + "\" is in two pairs");
              duplicate = true;
            } else if (earlier.second == right) {
              r.error(pair, "match \"" + excerpt(right) +
                                "\" is in two pairs: each prompt needs a match of its own");
              duplicate = true;
            }
          }
          if (!duplicate) q.pairs.emplace_back(left, right);
        }
        if (pairs->size() < 2) r.error(*pairs, "a matching question needs at least two pairs");
      }
      reject("choices");
      reject("answer");
      reject("order");
      break;
    }
    case Question::Kind::Ordering: {
      q.order = r.string_list("order", 1, kMaxParagraphChars);
      const toml::node* order = r.node("order");
      if (order && order->is_array() && order->as_array()->size() < 3) {
        r.error(*order,
                "an ordering question needs at least three steps (with two, it is a "
                "true-false question)");
      }
      for (std::size_t i = 0; i < q.order.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (q.order[i] == q.order[j] && order && order->is_array()) {
            r.error(*order, "step \"" + excerpt(q.order[i]) + "\" is written twice");
          }
        }
      }
      reject("choices");
      reject("answer");
      reject("pairs");
      break;
    }
    case Question::Kind::Short:
      answer = r.node("answer");
      if (answer && answer->is_string()) {
        if (r.check_length("answer", *answer, kMaxParagraphChars)) {
          q.answers.push_back(answer->as_string()->get());
        }
      } else if (answer && answer->is_array()) {
        q.answers = r.string_list("answer", 1, kMaxParagraphChars);
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
    case Question::Kind::Numeric: {
      answer = r.node("answer");
      if (!answer) {
        r.error("[[question]] '" + q.id + "' is missing the required key 'answer' (a number)");
      } else if (answer->is_integer()) {
        q.number = static_cast<double>(answer->as_integer()->get());
      } else if (answer->is_floating_point() && std::isfinite(answer->as_floating_point()->get())) {
        q.number = answer->as_floating_point()->get();
      } else {
        r.error(*answer,
                "'answer' of a numeric question must be a number, not " + describe_type(*answer));
      }
      const toml::node* tolerance = r.node("tolerance");
      if (tolerance) {
        double t = -1;
        if (tolerance->is_integer()) t = static_cast<double>(tolerance->as_integer()->get());
        if (tolerance->is_floating_point()) t = tolerance->as_floating_point()->get();
        if (!(t >= 0) || !std::isfinite(t)) {
          r.error(*tolerance, "'tolerance' must be a number of 0 or more");
        } else {
          q.tolerance = t;
        }
      }
      reject("choices");
      reject("pairs");
      reject("order");
      break;
    }
  }
}

}  // namespace

void read_question_file(const toml::table& root, const std::string& file, LoadContext& context) {
  context.only_keys(root, file, {"question"}, "a questions file");
  const toml::node* n = root.get("question");
  if (!n || !is_table_list(*n)) {
    context.diagnostics.add(file, 1, 1, "a questions file holds [[question]] tables");
    return;
  }
  for (const toml::node& item : *n->as_array()) {
    TableReader r(*item.as_table(), "[[question]]", file, context.diagnostics);
    Question q;
    q.where = r.where();
    q.id = r.id();
    q.principle = r.required_string("principle", kMaxLineChars);
    context.check_reference(context.principle_ids, "principle", q.principle, r.where("principle"));
    q.prompt = r.required_string("prompt", kMaxParagraphChars);
    read_answers(r, q, context.diagnostics);
    if (const toml::node* points = r.node("points")) {
      double value = points->is_integer() ? static_cast<double>(points->as_integer()->get())
                     : points->is_floating_point() ? points->as_floating_point()->get()
                                                   : -1;
      if (!(value > 0) || value > 1000) {
        r.error(*points, "'points' must be a number above 0 (and at most 1000)");
      } else {
        q.points = value;
      }
    }
    q.feedback = r.optional_string("feedback", kMaxParagraphChars);
    r.finish();
    if (context.question_ids.claim(q.id, r.where("id"), context.diagnostics)) {
      context.pack.questions.push_back(std::move(q));
    }
  }
}

}  // namespace coachkit
