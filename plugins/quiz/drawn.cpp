// Questions drawn from the content itself, so a pack without authored questions still has a
// quiz: "do or don't?" from every do and don't, "which principle?" from the behaviors, and
// principles' titles matched to their summaries. Distractors come from the same pack and are
// never the right answer.
#include "quiz.hpp"

#include <algorithm>

namespace quiz {

namespace {

Item base(const coachkit::Principle& p, std::string id) {
  Item item;
  item.id = std::move(id);
  item.principle = p.id;
  item.principle_title = p.title;
  item.drawn = true;
  return item;
}

coachkit::Choice choice(std::string text) {
  coachkit::Choice c;
  c.text = std::move(text);
  return c;
}

Item do_or_dont(const coachkit::Principle& p, const coachkit::Behavior& b, bool is_do) {
  Item item = base(p, "drawn-" + std::string(is_do ? "do-" : "dont-") + p.id + "-" + b.id);
  item.kind = Question::Kind::Single;
  item.prompt = "Do or don't? " + b.text;
  item.choices = {choice("Do"), choice("Don't")};
  item.choices[0].weight = is_do ? 100 : 0;
  item.choices[1].weight = is_do ? 0 : 100;
  item.correct = {is_do, !is_do};
  item.feedback = b.why.empty() ? "" : (is_do ? "Do: " : "Don't: ") + b.why;
  return item;
}

// Up to three other principles' titles, none equal to the right one's.
Item which_principle(const coachkit::Pack& pack, const coachkit::Principle& p,
                     const coachkit::Behavior& b, bool is_do, Random& random) {
  Item item = base(p, "drawn-which-" + p.id + "-" + b.id);
  item.kind = Question::Kind::Single;
  item.prompt =
      std::string("Which principle is this ") + (is_do ? "do" : "don't") + " about? " + b.text;
  std::vector<std::string> others;
  for (const coachkit::Principle& other : pack.principles) {
    if (other.id != p.id && other.title != p.title &&
        std::find(others.begin(), others.end(), other.title) == others.end()) {
      others.push_back(other.title);
    }
  }
  random.shuffle(others);
  if (others.size() > 3) others.resize(3);
  item.choices.push_back(choice(p.title));
  item.correct.push_back(true);
  item.choices[0].weight = 100;
  for (const std::string& title : others) {
    item.choices.push_back(choice(title));
    item.correct.push_back(false);
  }
  item.feedback = p.title + (p.summary.empty() ? "" : ": " + p.summary);
  return item;
}

}  // namespace

std::vector<Item> drawn_items(const coachkit::Pack& pack, std::uint64_t seed) {
  std::vector<Item> items;
  Random random(mix(seed, 0x64726177ULL));  // "draw"
  for (const coachkit::Principle& p : pack.principles) {
    for (const coachkit::Behavior& b : p.dos) items.push_back(do_or_dont(p, b, true));
    for (const coachkit::Behavior& b : p.donts) items.push_back(do_or_dont(p, b, false));
    if (pack.principles.size() >= 2) {
      for (const coachkit::Behavior& b : p.dos) {
        items.push_back(which_principle(pack, p, b, true, random));
      }
      for (const coachkit::Behavior& b : p.donts) {
        items.push_back(which_principle(pack, p, b, false, random));
      }
    }
  }
  // Titles matched to summaries, four principles at a time (a last group of one joins the
  // group before it); filed under the group's first principle.
  std::vector<const coachkit::Principle*> summarized;
  for (const coachkit::Principle& p : pack.principles) {
    bool clash = false;
    for (const coachkit::Principle* q : summarized) {
      clash = clash || q->title == p.title || q->summary == p.summary;
    }
    if (!p.summary.empty() && !clash) summarized.push_back(&p);
  }
  std::size_t start = 0;
  while (summarized.size() >= 2 && start < summarized.size()) {
    std::size_t end = std::min(start + 4, summarized.size());
    if (summarized.size() - end == 1) ++end;
    Item item = base(*summarized[start], "drawn-match-" + summarized[start]->id);
    item.kind = Question::Kind::Matching;
    item.prompt = "Match each principle to its summary.";
    for (std::size_t i = start; i < end; ++i) {
      item.pairs.emplace_back(summarized[i]->title, summarized[i]->summary);
      item.matches.push_back(summarized[i]->summary);
    }
    items.push_back(std::move(item));
    start = end;
  }
  return items;
}

}  // namespace quiz
