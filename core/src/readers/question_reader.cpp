#include "content_limits.hpp"
#include "readers/readers.hpp"

#include <map>
#include <set>

namespace coachkit {

namespace {

// What the question's kind asks for: choices and answers, pairs, an order or accepted answers.
void read_answers(TableReader& r, Question& q) {
  static const std::map<std::string, Question::Kind> kinds = {
      {"single", Question::Kind::Single},        {"multiple", Question::Kind::Multiple},
      {"true-false", Question::Kind::TrueFalse}, {"matching", Question::Kind::Matching},
      {"ordering", Question::Kind::Ordering},    {"short", Question::Kind::Short}};
  std::string kind = r.required_string("kind", kMaxLineChars);
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
      q.choices = r.string_list("choices", 2, kMaxParagraphChars);
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
          r.error(*answer, "answer \"" + excerpt(a) + "\" is not one of the choices");
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
          if (!r.check_length("pairs", (*two)[0], kMaxParagraphChars) ||
              !r.check_length("pairs", (*two)[1], kMaxParagraphChars)) {
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
      q.order = r.string_list("order", 2, kMaxParagraphChars);
      reject("choices");
      reject("answer");
      reject("pairs");
      break;
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
    read_answers(r, q);
    q.feedback = r.optional_string("feedback", kMaxParagraphChars);
    r.finish();
    if (context.question_ids.claim(q.id, r.where("id"), context.diagnostics)) {
      context.pack.questions.push_back(std::move(q));
    }
  }
}

}  // namespace coachkit
