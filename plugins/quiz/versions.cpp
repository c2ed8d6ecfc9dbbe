// Versions of a quiz: k of n questions per principle, questions and choices shuffled from the
// seed alone, so the same seed gives the same versions on every machine.
#include "quiz.hpp"

#include <algorithm>
#include <map>

namespace quiz {

std::uint64_t Random::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::size_t Random::below(std::size_t n) {
  if (n <= 1) return 0;
  std::uint64_t bound = static_cast<std::uint64_t>(n);
  std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod n: values below it are skipped
  for (;;) {
    std::uint64_t x = next();
    if (x >= threshold) return static_cast<std::size_t>(x % bound);
  }
}

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  Random r(a ^ (b * 0xD6E8FEB86659FD93ULL));
  return r.next();
}

std::vector<Item> authored_items(const coachkit::Pack& pack) {
  std::vector<Item> items;
  for (const Question& q : pack.questions) {
    Item item;
    item.id = q.id;
    item.principle = q.principle;
    const coachkit::Principle* p = pack.find_principle(q.principle);
    item.principle_title = p ? p->title : q.principle;
    item.kind = q.kind;
    item.prompt = q.prompt;
    item.points = q.points;
    item.feedback = q.feedback;
    for (const coachkit::Choice& c : q.choice_details) {
      bool right = std::find(q.answers.begin(), q.answers.end(), c.text) != q.answers.end();
      coachkit::Choice shown = c;
      if (q.kind == Question::Kind::Single) shown.weight = right ? 100 : 0;
      item.choices.push_back(shown);
      item.correct.push_back(right);
    }
    item.truth = q.true_false_answer;
    item.pairs = q.pairs;
    for (const auto& pair : q.pairs) item.matches.push_back(pair.second);
    item.steps = q.order;
    item.shown = q.order;
    if (q.kind == Question::Kind::Short) item.accepted = q.answers;
    item.number = q.number;
    item.tolerance = q.tolerance;
    items.push_back(std::move(item));
  }
  return items;
}

namespace {

// Shuffles the choices that are not pinned among the places that are not pinned.
void shuffle_choices(Item& item, Random& random) {
  std::vector<std::size_t> free;
  for (std::size_t i = 0; i < item.choices.size(); ++i) {
    if (!item.choices[i].pinned) free.push_back(i);
  }
  std::vector<std::size_t> order = free;
  random.shuffle(order);
  std::vector<coachkit::Choice> choices = item.choices;
  std::vector<bool> correct = item.correct;
  for (std::size_t k = 0; k < free.size(); ++k) {
    choices[free[k]] = item.choices[order[k]];
    correct[free[k]] = item.correct[order[k]];
  }
  item.choices = std::move(choices);
  item.correct = std::move(correct);
}

// Shuffled, but never left in the right order when another order exists.
void shuffle_away(std::vector<std::string>& items, const std::vector<std::string>& right,
                  Random& random) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    random.shuffle(items);
    if (items != right) return;
  }
}

}  // namespace

std::vector<Version> make_versions(const std::vector<Item>& items, const Settings& settings) {
  // Principles in the order their first question appears.
  std::vector<std::string> principles;
  std::map<std::string, std::vector<std::size_t>> by_principle;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!by_principle.count(items[i].principle)) principles.push_back(items[i].principle);
    by_principle[items[i].principle].push_back(i);
  }
  std::vector<Version> versions;
  for (int v = 0; v < settings.versions; ++v) {
    Version version;
    version.letter = letter(static_cast<std::size_t>(v));
    version.name = "quiz-" + std::string(1, static_cast<char>('a' + v % 26)) +
                   (v >= 26 ? std::to_string(v / 26) : "");
    Random random(mix(settings.seed, static_cast<std::uint64_t>(v) + 1));
    std::vector<std::size_t> chosen;
    for (const std::string& p : principles) {
      std::vector<std::size_t> pool = by_principle[p];
      if (settings.per_principle > 0 &&
          pool.size() > static_cast<std::size_t>(settings.per_principle)) {
        random.shuffle(pool);
        pool.resize(static_cast<std::size_t>(settings.per_principle));
        std::sort(pool.begin(), pool.end());
      }
      chosen.insert(chosen.end(), pool.begin(), pool.end());
    }
    std::sort(chosen.begin(), chosen.end());
    if (settings.shuffle_questions) random.shuffle(chosen);
    // Choices are shuffled again (each time from a sequence of its own) while more than
    // half of the right answers would sit at one position, up to 16 times.
    for (int attempt = 0; attempt < 16; ++attempt) {
      Random choices(mix(settings.seed, (static_cast<std::uint64_t>(v) + 1) * 1000 +
                                            static_cast<std::uint64_t>(attempt)));
      version.items.clear();
      for (std::size_t index : chosen) {
        Item item = items[index];
        if (settings.shuffle_choices) {
          shuffle_choices(item, choices);
          if (item.kind == Question::Kind::Matching) choices.shuffle(item.matches);
          if (item.kind == Question::Kind::Ordering) shuffle_away(item.shown, item.steps, choices);
        } else if (item.kind == Question::Kind::Ordering) {
          // Shown in the right order would give the answer away: reverse it at least.
          std::reverse(item.shown.begin(), item.shown.end());
        }
        version.items.push_back(std::move(item));
      }
      if (!settings.shuffle_choices || !answer_positions(version).lopsided()) break;
    }
    versions.push_back(std::move(version));
  }
  return versions;
}

coachkit::AnswerPositions answer_positions(const Version& version) {
  coachkit::AnswerPositions positions;
  for (const Item& item : version.items) {
    if (item.kind != Question::Kind::Single) continue;
    for (std::size_t i = 0; i < item.correct.size(); ++i) {
      if (item.correct[i]) positions.add(i, item.choices.size());
    }
  }
  return positions;
}

std::string letter(std::size_t index) {
  std::string out;
  do {
    out.insert(out.begin(), static_cast<char>('A' + index % 26));
    index = index / 26;
  } while (index-- > 0);
  return out;
}

std::string hex(std::uint64_t value) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (int i = 15; i >= 0; --i) out += digits[(value >> (i * 4)) & 0xF];
  return out;
}

std::uint64_t hash(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

std::string number_text(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.7f", value);
  std::string s = buffer;
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

}  // namespace quiz
