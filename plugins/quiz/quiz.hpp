// The quiz plugin's own view of a quiz: questions as they are placed in one version (choices in
// the order that version shows them), the versions, and the writers for each output.
#pragma once

#include <coachkit/answer_positions.hpp>
#include <coachkit/plugin.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace quiz {

using coachkit::Question;

// One question as a version shows it.
struct Item {
  std::string id;
  std::string principle;        // the principle's id
  std::string principle_title;  // the category it is filed under
  Question::Kind kind = Question::Kind::Single;
  std::string prompt;
  std::vector<coachkit::Choice> choices;                   // single, multiple: in the order shown
  std::vector<bool> correct;                               // single, multiple: one per shown choice
  bool truth = false;                                      // true-false
  std::vector<std::pair<std::string, std::string>> pairs;  // matching, in the order shown
  std::vector<std::string> matches;   // matching: the right-hand sides, in the order shown
  std::vector<std::string> steps;     // ordering: in the right order
  std::vector<std::string> shown;     // ordering: in the order shown
  std::vector<std::string> accepted;  // short
  double number = 0, tolerance = 0;   // numeric
  double points = 1;
  std::string feedback;
  bool drawn = false;
};

struct Version {
  std::string letter;  // "A", "B", …
  std::string name;    // "quiz-a": the file names' stem
  std::vector<Item> items;
};

// What the generator's options ask for.
struct Settings {
  int versions = 1;
  std::string drawn = "mix";  // none, mix or only
  int per_principle = 0;      // 0: every question
  bool shuffle_questions = true;
  bool shuffle_choices = true;
  std::uint64_t seed = 0;
  std::string title;
};

// A fixed pseudo-random sequence (splitmix64): the same seed gives the same numbers with every
// compiler and standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  // A number from 0 to n - 1, without the bias of a plain modulo.
  std::size_t below(std::size_t n);
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }

 private:
  std::uint64_t state_;
};

// Mixes several numbers into one seed.
std::uint64_t mix(std::uint64_t a, std::uint64_t b);

// Items from the questions the author wrote, in the author's order.
std::vector<Item> authored_items(const coachkit::Pack& pack);
// Items drawn from the content itself: do or don't, which principle, title-to-summary matching.
std::vector<Item> drawn_items(const coachkit::Pack& pack, std::uint64_t seed);
// The versions: pools drawn, questions and choices shuffled (pinned choices stay put).
std::vector<Version> make_versions(const std::vector<Item>& items, const Settings& settings);

// Where a version's single-choice items have their right answers (coachkit/answer_positions.hpp,
// as lint counts the questions as written); the generator warns when it is lopsided.
coachkit::AnswerPositions answer_positions(const Version& version);

// The writers. Each returns the file's bytes.
// GIFT leaves out the items it cannot carry and lists them, with the reason, in left_out.
std::string gift_cannot_carry(const Item& item);  // empty when GIFT can carry it, else why not
struct LeftOut {
  std::string id, why;
};
std::string gift(const coachkit::Pack& pack, const Version& version,
                 std::vector<LeftOut>* left_out = nullptr);
std::string moodle_xml(const coachkit::Pack& pack, const Version& version);
std::string qti_zip(const coachkit::Pack& pack, const Version& version, const std::string& title,
                    std::int64_t source_date);
// With `sco_config` (JSON), the page is a SCORM SCO: it also loads scorm.js beside it, which
// reads that configuration.
std::string self_check_html(const coachkit::Pack& pack, const Version& version,
                            const std::string& title, const std::string& sco_config = {});
// The paper printed from a version: per_principle questions of each principle (at most one
// drawn matching question, since they all ask the same), in the version's order, chosen from
// the seed; the whole version when per_principle is 0.
Version printed_paper(const Version& version, int per_principle, std::uint64_t seed);
coachkit::Document printable(const coachkit::Pack& pack, const Version& version,
                             const std::string& title);
coachkit::Document answer_key(const coachkit::Pack& pack, const Version& version,
                              const std::string& title);

// Helpers the writers share.
std::string number_text(double value);  // "2", "0.5", "33.33333": no trailing zeros
std::string letter(std::size_t index);  // 0 -> "A"
std::uint64_t hash(const std::string& text);  // FNV-1a: the same on every machine
std::string hex(std::uint64_t value);         // 16 lower-case hex digits

}  // namespace quiz
