// The quiz plugin's units, linked into the test from the plugin's own sources (as the plugin
// scaffold tells authors to test theirs): versions drawn and shuffled per seed, and the GIFT
// writer, each checked against what it promises without a build around it.
#include "quiz.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace quiz {
namespace {

using coachkit::Question;

Item single(const std::string& id, const std::string& principle, int choices, int right) {
  Item item;
  item.id = id;
  item.principle = principle;
  item.principle_title = "Title of " + principle;
  item.kind = Question::Kind::Single;
  item.prompt = "Prompt of " + id;
  for (int i = 0; i < choices; ++i) {
    coachkit::Choice c;
    c.text = id + " choice " + std::to_string(i);
    item.choices.push_back(c);
    item.correct.push_back(i == right);
  }
  return item;
}

std::vector<Item> pool() {
  std::vector<Item> items;
  for (int i = 0; i < 12; ++i) {
    items.push_back(single("q" + std::to_string(i), i < 6 ? "alpha" : "beta", 4, 0));
  }
  Item ordering;
  ordering.id = "steps";
  ordering.principle = "beta";
  ordering.kind = Question::Kind::Ordering;
  ordering.steps = ordering.shown = {"one", "two", "three", "four"};
  items.push_back(ordering);
  return items;
}

std::vector<std::string> ids(const Version& v) {
  std::vector<std::string> out;
  for (const Item& item : v.items) out.push_back(item.id);
  return out;
}

TEST(QuizUnitVersions, TheSameSeedGivesTheSameVersionsAndAnotherSeedOthers) {
  Settings s;
  s.versions = 3;
  s.seed = 11;
  std::vector<Version> a = make_versions(pool(), s), b = make_versions(pool(), s);
  s.seed = 12;
  std::vector<Version> c = make_versions(pool(), s);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].name, "quiz-a");
  EXPECT_EQ(a[2].letter, "C");
  bool other = false;
  for (std::size_t v = 0; v < a.size(); ++v) {
    EXPECT_EQ(ids(a[v]), ids(b[v]));
    for (std::size_t i = 0; i < a[v].items.size(); ++i) {
      EXPECT_EQ(a[v].items[i].correct, b[v].items[i].correct);
      EXPECT_EQ(a[v].items[i].shown, b[v].items[i].shown);
    }
    other = other || ids(a[v]) != ids(c[v]);
  }
  EXPECT_TRUE(other) << "seed 12 gave the versions of seed 11";
  EXPECT_NE(ids(a[0]), ids(a[1]));  // versions of one seed differ from each other
}

TEST(QuizUnitVersions, EveryQuestionOnceAndChoicesKeptWithTheirRightness) {
  Settings s;
  s.seed = 5;
  std::vector<Item> items = pool();
  Version v = make_versions(items, s).front();
  std::vector<std::string> got = ids(v), want;
  for (const Item& item : items) want.push_back(item.id);
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  for (const Item& item : v.items) {
    if (item.kind == Question::Kind::Ordering) {
      EXPECT_NE(item.shown, item.steps);  // never shown in the right order
      EXPECT_TRUE(std::is_permutation(item.shown.begin(), item.shown.end(), item.steps.begin()));
      continue;
    }
    // The right choice travels with its text: choice 0 was the right one.
    for (std::size_t i = 0; i < item.choices.size(); ++i) {
      bool was_right = item.choices[i].text == item.id + " choice 0";
      EXPECT_EQ(item.correct[i], was_right) << item.id;
    }
  }
}

TEST(QuizUnitVersions, PinnedChoicesStayAndNoVersionIsLopsided) {
  std::vector<Item> items = pool();
  for (Item& item : items) {
    if (item.kind == Question::Kind::Single) item.choices.back().pinned = true;
  }
  Settings s;
  s.versions = 5;
  s.seed = 3;
  for (const Version& v : make_versions(items, s)) {
    for (const Item& item : v.items) {
      if (item.kind != Question::Kind::Single) continue;
      EXPECT_EQ(item.choices.back().text, item.id + " choice 3") << v.letter << " " << item.id;
    }
    // Every authored right answer was choice A: the versions move them.
    EXPECT_FALSE(answer_positions(v).lopsided()) << "version " << v.letter;
  }
  Settings fixed = s;
  fixed.shuffle_choices = false;
  EXPECT_TRUE(answer_positions(make_versions(items, fixed).front()).lopsided());
}

TEST(QuizUnitVersions, APoolDrawsThatManyPerPrinciple) {
  Settings s;
  s.versions = 4;
  s.per_principle = 2;
  s.seed = 9;
  std::set<std::vector<std::string>> draws;
  for (const Version& v : make_versions(pool(), s)) {
    std::map<std::string, int> per;
    for (const Item& item : v.items) ++per[item.principle];
    EXPECT_EQ(per["alpha"], 2);
    EXPECT_EQ(per["beta"], 2);
    std::vector<std::string> drawn = ids(v);
    std::sort(drawn.begin(), drawn.end());
    draws.insert(drawn);
  }
  EXPECT_GT(draws.size(), 1u);
}

TEST(QuizUnitVersions, TheRandomSequenceIsFixed) {
  // splitmix64 from seed 0: the first outputs are published with the algorithm.
  Random r(0);
  EXPECT_EQ(r.next(), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(r.next(), 0x6E789E6AA1B965F4ULL);
  Random bounded(7);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(bounded.below(3), 3u);
}

coachkit::Pack pack_titled(const std::string& title) {
  coachkit::Pack pack;
  pack.title = title;
  return pack;
}

Version version_of(std::vector<Item> items) {
  Version v;
  v.letter = "A";
  v.name = "quiz-a";
  v.items = std::move(items);
  return v;
}

TEST(QuizUnitGift, EscapesMarksPlainAndWritesWeightsMoodleReads) {
  Item item = single("id:1", "alpha", 3, 1);
  item.prompt = "Pick {one} ~ = # : \\";
  item.choices[0].text = "[html]<b>x</b>";
  item.choices[0].feedback = "[markdown]**y**";
  item.choices[2].text = "%50% not a weight";
  item.feedback = " [moodle]general";
  std::string gift = quiz::gift(pack_titled("Pack / one"), version_of({item}));
  EXPECT_NE(gift.find("$CATEGORY: $course$/top/Pack // one/Title of alpha\n"), std::string::npos)
      << gift;
  EXPECT_NE(gift.find("::id\\:1::[plain]Pick \\{one\\} \\~ \\= \\# \\: \\\\ {"), std::string::npos)
      << gift;
  EXPECT_NE(gift.find("~[plain][html]<b>x</b>#[plain][markdown]**y**"), std::string::npos) << gift;
  EXPECT_NE(gift.find("~%0%%50% not a weight"), std::string::npos) << gift;
  EXPECT_NE(gift.find("####[plain] [moodle]general"), std::string::npos) << gift;
  EXPECT_NE(gift.find("\t=id\\:1 choice 1"), std::string::npos) << gift;
}

TEST(QuizUnitGift, LeavesOutWhatMoodleWouldSplitAtAnArrowAndSaysWhy) {
  Item answer;
  answer.id = "short";
  answer.kind = Question::Kind::Short;
  answer.accepted = {"a -> b"};
  Item left;
  left.id = "match";
  left.kind = Question::Kind::Matching;
  left.pairs = {{"a -> b", "c"}, {"d", "e"}};
  Item right = left;
  right.id = "match-right";
  right.pairs = {{"a", "b -> c"}, {"d", "e"}};
  Item step;
  step.id = "order";
  step.kind = Question::Kind::Ordering;
  step.steps = step.shown = {"x -> y", "z", "w"};
  std::vector<LeftOut> left_out;
  std::string gift = quiz::gift(pack_titled("P"), version_of({answer, left, right, step}),
                                &left_out);
  ASSERT_EQ(left_out.size(), 3u);
  EXPECT_EQ(left_out[0].id, "short");
  EXPECT_EQ(left_out[1].id, "match");
  EXPECT_EQ(left_out[2].id, "order");
  for (const LeftOut& l : left_out) {
    EXPECT_NE(l.why.find("->"), std::string::npos) << l.why;
    EXPECT_EQ(gift.find("::" + l.id + "::"), std::string::npos) << gift;
  }
  // An arrow on a right side is fine: Moodle splits at the first one.
  EXPECT_NE(gift.find("::match-right::"), std::string::npos);
  EXPECT_NE(gift.find("=a -> b -> c"), std::string::npos) << gift;
  EXPECT_TRUE(gift_cannot_carry(right).empty());
}

TEST(QuizUnitGift, NumericAlwaysCarriesItsToleranceAndOrderingBecomesPlaces) {
  Item zero;
  zero.id = "zero";
  zero.kind = Question::Kind::Numeric;
  Item order;
  order.id = "order";
  order.kind = Question::Kind::Ordering;
  order.steps = {"first", "second", "third"};
  order.shown = {"third", "first", "second"};
  std::string gift = quiz::gift(pack_titled("P"), version_of({zero, order}));
  EXPECT_NE(gift.find("{#0:0\n}"), std::string::npos) << gift;
  EXPECT_NE(gift.find("\t=third -> 3\n\t=first -> 1\n\t=second -> 2\n"), std::string::npos)
      << gift;
}

}  // namespace
}  // namespace quiz
