// The handout plugin, loaded through the real host, on the default pack.
#include "hosting/plugin_host.hpp"
#include "pack/pack_loader.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace coachkit {
namespace {

void collect_text(const Blocks& blocks, std::string& out);

void collect_text(const Text& text, std::string& out) {
  for (const Span& s : text) out += s.text;
  out += "\n";
}

void collect_text(const Blocks& blocks, std::string& out) {
  for (const Block& b : blocks) {
    collect_text(b.text, out);
    for (const Blocks& item : b.items) collect_text(item, out);
    collect_text(b.children, out);
    for (const Blocks& cell : b.table.header) collect_text(cell, out);
    for (const auto& row : b.table.rows) {
      for (const Blocks& cell : row) collect_text(cell, out);
    }
    for (const auto& row : b.table.footer) {
      for (const Blocks& cell : row) collect_text(cell, out);
    }
  }
}

const Block* find_table(const Blocks& blocks, const std::string& css_class) {
  for (const Block& b : blocks) {
    if (b.kind == Block::Kind::Table &&
        std::count(b.table.classes.begin(), b.table.classes.end(), css_class)) {
      return &b;
    }
    if (const Block* inner = find_table(b.children, css_class)) return inner;
  }
  return nullptr;
}

class HandoutPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics diagnostics;
    auto loaded =
        load_pack(std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles", diagnostics);
    ASSERT_TRUE(loaded) << diagnostics.to_string();
    pack_ = std::move(*loaded);
    host_.load_file(std::string(COACHKIT_BUILTIN_PLUGIN_DIR) + "/coachkit-handout.so");
    ASSERT_EQ(host_.plugins().size(), 1u);
    const LoadedPlugin& plugin = host_.plugins().front();
    ASSERT_EQ(plugin.generators.size(), 2u);
    EXPECT_EQ(plugin.generators[0].kind, "handout");
    EXPECT_EQ(plugin.generators[1].kind, "slides");
    coachkit::testing::RecordingReporter reporter;
    std::optional<Problem> problem =
        host_.generate("handout", pack_, GeneratorRequest{}, reporter, &artifacts_);
    ASSERT_FALSE(problem) << problem->message;
    EXPECT_TRUE(reporter.errors.empty() && reporter.failures.empty());
  }

  const Artifact* artifact(const std::string& name) const {
    for (const Artifact& a : artifacts_) {
      if (a.name == name) return &a;
    }
    return nullptr;
  }

  Pack pack_;
  PluginHost host_;
  std::vector<Artifact> artifacts_;
};

TEST_F(HandoutPlugin, MakesAHandoutPerPrincipleAndActivityAndOneForThePackInEachEdition) {
  // With no edition asked for, the participant's and the trainer's (under trainer/).
  EXPECT_EQ(artifacts_.size(), 2 * (pack_.principles.size() + pack_.activities.size() + 1));
  for (std::string edition : {"", "trainer/"}) {
    EXPECT_NE(artifact(edition + "service-principles-handout"), nullptr);
    for (const Principle& p : pack_.principles) {
      EXPECT_NE(artifact(edition + "handouts/" + p.id), nullptr) << p.id;
    }
    for (const Activity& a : pack_.activities) {
      EXPECT_NE(artifact(edition + "activities/" + a.id), nullptr) << a.id;
    }
  }
}

TEST_F(HandoutPlugin, PrincipleHandoutShowsEveryDoAndDontWithItsWhySideBySide) {
  for (const Principle& p : pack_.principles) {
    const Artifact* a = artifact("handouts/" + p.id);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->document.title, p.title);
    const Block* table = find_table(a->document.blocks, "dos-donts");
    ASSERT_NE(table, nullptr) << p.id;
    ASSERT_EQ(table->table.header.size(), 2u);
    ASSERT_EQ(table->table.rows.size(), 1u);
    std::string dos, donts;
    collect_text(table->table.rows[0][0], dos);
    collect_text(table->table.rows[0][1], donts);
    for (const Behavior& b : p.dos) {
      EXPECT_NE(dos.find(b.text), std::string::npos) << b.id;
      EXPECT_NE(dos.find(b.why), std::string::npos) << b.id;
    }
    for (const Behavior& b : p.donts) {
      EXPECT_NE(donts.find(b.text), std::string::npos) << b.id;
      EXPECT_NE(donts.find(b.why), std::string::npos) << b.id;
    }
    std::string all;
    collect_text(a->document.blocks, all);
    EXPECT_NE(all.find(p.summary), std::string::npos) << p.id;
  }
}

TEST_F(HandoutPlugin, ActivitiesCarryNumberedStepsAndAWorksheetGridToFillIn) {
  const Activity* breakdowns = nullptr;
  for (const Activity& a : pack_.activities) {
    if (a.worksheet && a.worksheet->kind == Worksheet::Kind::Grid && a.worksheet->totals) {
      breakdowns = &a;
    }
  }
  ASSERT_NE(breakdowns, nullptr);
  const Artifact* handout = artifact("activities/" + breakdowns->id);
  ASSERT_NE(handout, nullptr);
  const Block* grid = find_table(handout->document.blocks, "grid");
  ASSERT_NE(grid, nullptr);
  const Worksheet& w = *breakdowns->worksheet;
  // A label column, one per category, and a Total column; one row per line, a Total row last.
  EXPECT_EQ(grid->table.header.size(), w.columns.size() + 2);
  ASSERT_EQ(grid->table.rows.size(), w.rows.size() + 1);
  std::string last;
  collect_text(grid->table.rows.back()[0], last);
  EXPECT_NE(last.find("Total"), std::string::npos);
  for (const auto& row : grid->table.rows) {
    for (std::size_t c = 1; c < row.size(); ++c) EXPECT_TRUE(row[c].empty()) << "cells stay blank";
  }
  std::string text;
  collect_text(handout->document.blocks, text);
  for (const std::string& step : breakdowns->steps) EXPECT_NE(text.find(step), std::string::npos);
}

// A principle's handout names the activities that practise it (each has its own worksheet), so it
// stays short: no grid, no steps.
TEST_F(HandoutPlugin, PrincipleHandoutNamesItsActivitiesWithoutTheirWorksheets) {
  for (const Activity& a : pack_.activities) {
    for (const std::string& id : a.principles) {
      const Artifact* handout = artifact("handouts/" + id);
      ASSERT_NE(handout, nullptr) << id;
      std::string text;
      collect_text(handout->document.blocks, text);
      EXPECT_NE(text.find(a.title), std::string::npos) << id << " names " << a.id;
      EXPECT_NE(text.find(a.goal), std::string::npos) << id << " gives the goal of " << a.id;
      EXPECT_EQ(text.find(a.steps.front()), std::string::npos)
          << id << " has " << a.id << "'s steps";
      EXPECT_EQ(find_table(handout->document.blocks, "grid"), nullptr) << id;
    }
  }
}

TEST_F(HandoutPlugin, PackHandoutHasEveryPrincipleActivityAndQuote) {
  const Artifact* a = artifact("service-principles-handout");
  ASSERT_NE(a, nullptr);
  std::string text;
  collect_text(a->document.blocks, text);
  for (const Principle& p : pack_.principles) EXPECT_NE(text.find(p.title), std::string::npos);
  for (const Activity& act : pack_.activities) EXPECT_NE(text.find(act.title), std::string::npos);
  for (const Quote& q : pack_.quotes) EXPECT_NE(text.find(q.text), std::string::npos);
}

}  // namespace
}  // namespace coachkit
