// Many documents per pandoc process (core/src/render/pandoc_batch.hpp): the same bytes as one
// process per document in every format, one broken document failing alone, by name.
#include "render/pandoc_batch.hpp"
#include "build/work_plan.hpp"
#include "render/renderer.hpp"
#include "support/process.hpp"
#include "test_support.hpp"

#include <coachkit/format.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;
using coachkit::testing::message_of;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;

namespace coachkit {
namespace {

std::string batch_script() {
  return std::string(COACHKIT_SOURCE_DIR) + "/core/pandoc/coachkit-pandoc-batch.lua";
}

TEST(SplitIntoBatches, AboutTwoPerJobNoneOfOneAtMostTheLargest) {
  EXPECT_TRUE(split_into_batches(0, 2).empty());
  EXPECT_TRUE(split_into_batches(1, 1).empty());
  // Four documents and two jobs: one each, nothing to gain from a batch.
  EXPECT_TRUE(split_into_batches(4, 2).empty());
  auto batches = split_into_batches(2, 1);
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0], (std::vector<std::size_t>{0, 1}));
  batches = split_into_batches(100, 2);
  ASSERT_EQ(batches.size(), 4u);
  std::size_t next = 0;
  for (const auto& batch : batches) {
    EXPECT_EQ(batch.size(), 25u);
    for (std::size_t i : batch) EXPECT_EQ(i, next++);
  }
  // 1,000 documents: batches of at most the largest.
  batches = split_into_batches(1000, 2, 32);
  std::size_t total = 0;
  for (const auto& batch : batches) {
    EXPECT_LE(batch.size(), 32u);
    EXPECT_GE(batch.size(), 31u);
    total += batch.size();
  }
  EXPECT_EQ(total, 1000u);
}

// The build's order of work (core/src/build/work_plan.hpp).
std::vector<std::size_t> flat(const std::vector<std::vector<std::size_t>>& work) {
  std::vector<std::size_t> all;
  for (const auto& item : work) all.insert(all.end(), item.begin(), item.end());
  return all;
}

TEST(PlanWork, EveryTaskOnceABatchOfOneGroupTheLongestFirst) {
  // 64 handout PDFs of one command line, the last one the whole-pack handout (40 times a
  // principle's), then 10 HTML documents, two files and a task that is alone.
  std::vector<Workload> loads;
  for (std::size_t i = 0; i < 64; ++i) loads.push_back({i, i == 63 ? 4000u : 100u, 0});
  for (std::size_t i = 64; i < 74; ++i) loads.push_back({i, 10, 1});
  loads.push_back({74, 0, -1});
  loads.push_back({75, 0, -1});
  loads.push_back({76, 500, -1});
  auto work = plan_work(loads, 2);
  std::vector<std::size_t> all = flat(work);
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), loads.size());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], i);
  // The whole-pack handout is alone, and first: it no longer ends the build behind a batch.
  ASSERT_FALSE(work.empty());
  EXPECT_EQ(work.front(), (std::vector<std::size_t>{63}));
  std::size_t previous = SIZE_MAX;
  for (const auto& item : work) {
    std::size_t cost = 0;
    std::set<int> groups;
    for (std::size_t task : item) {
      cost += loads[task].cost;
      groups.insert(loads[task].group);
    }
    EXPECT_EQ(groups.size(), 1u) << "a batch mixes command lines";
    if (item.size() > 1) {
      EXPECT_NE(*groups.begin(), -1) << "a lone task in a batch";
    }
    EXPECT_LE(cost, previous) << "a longer item after a shorter one";
    previous = cost;
  }
  // The other 63 PDFs are still batched, as split_into_batches splits them.
  std::size_t in_pdf_batches = 0;
  for (const auto& item : work) {
    if (item.size() > 1 && loads[item.front()].group == 0) in_pdf_batches += item.size();
  }
  EXPECT_EQ(in_pdf_batches, 63u);
}

TEST(PlanWork, EqualDocumentsAreBatchedAsBeforeAndNothingIsBatchedWithoutGroups) {
  std::vector<Workload> loads;
  for (std::size_t i = 0; i < 100; ++i) loads.push_back({i, 7, 0});
  auto work = plan_work(loads, 2);
  ASSERT_EQ(work.size(), split_into_batches(100, 2).size());
  for (std::size_t b = 0; b < work.size(); ++b) EXPECT_EQ(work[b].size(), 25u);
  for (Workload& load : loads) load.group = -1;
  work = plan_work(loads, 2);
  ASSERT_EQ(work.size(), 100u);
  // Equal costs keep the planned order.
  for (std::size_t i = 0; i < work.size(); ++i) EXPECT_EQ(work[i], (std::vector<std::size_t>{i}));
}

TEST(PlanWork, WhatSomeoneIsLookingAtComesFirstAndAlone) {
  std::vector<Workload> loads;
  for (std::size_t i = 0; i < 40; ++i) loads.push_back({i, i == 0 ? 5000u : 100u, 0, false});
  loads[17].first = true;
  loads[30].first = true;
  auto work = plan_work(loads, 2);
  ASSERT_GE(work.size(), 3u);
  EXPECT_EQ(work[0], (std::vector<std::size_t>{17}));
  EXPECT_EQ(work[1], (std::vector<std::size_t>{30}));
  // Then the longest, as before; and every task once.
  EXPECT_EQ(work[2], (std::vector<std::size_t>{0}));
  std::vector<std::size_t> all = flat(work);
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), loads.size());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], i);
}

TEST(PandocCanBatch, FromSeventeenOn) {
  EXPECT_TRUE(pandoc_can_batch("pandoc 2.17.1.1"));
  EXPECT_TRUE(pandoc_can_batch("pandoc 3.1.3"));
  EXPECT_FALSE(pandoc_can_batch("pandoc 2.16.2"));
  EXPECT_FALSE(pandoc_can_batch("pandoc 2.9.2.1"));
  EXPECT_FALSE(pandoc_can_batch("pandoc"));
}

Document sample(const std::string& title) {
  Document d;
  d.title = title;
  d.language = "en";
  d.blocks = {doc::heading(2, title + " heading"),
              doc::paragraph("Greet the customer by name, " + title + ".")};
  return d;
}

// A batch of three, the middle one not a document: the others land, it alone fails, by its
// name, and alone it fails with the error it always had.
TEST(PandocBatch, OneBrokenDocumentFailsAloneByNameAndTheOthersLand) {
  if (find_program("pandoc").empty()) GTEST_SKIP() << "pandoc is not on PATH";
  TempDir dir;
  SystemProcessRunner runner;
  Renderer batched(runner);
  Renderer alone(runner);
  ASSERT_EQ(message_of(batched.detect_pandoc()), "");
  ASSERT_EQ(message_of(alone.detect_pandoc()), "");
  batched.enable_batches(batch_script());
  if (!batched.batches_enabled()) GTEST_SKIP() << batched.pandoc_version() << " cannot batch";
  for (Renderer* r : {&batched, &alone}) r->set_source_date(1700000000);
  Theme theme;
  for (Format format : {Format::Html, Format::Docx, Format::Epub}) {
    std::string extension = format_name(format);
    std::vector<std::string> inputs = {batched.pandoc_input(sample("first"), format, theme),
                                       "{\"not\": \"a pandoc document\"",
                                       batched.pandoc_input(sample("third"), format, theme)};
    std::vector<BatchDocument> documents;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      documents.push_back(
          {&inputs[i], (dir.path() / ("batched/" + std::to_string(i) + "." + extension)).string()});
    }
    std::unique_ptr<PandocBatch> batch = batched.render_batch(documents, format, theme);
    ASSERT_EQ(batch->problems.size(), 3u);
    EXPECT_FALSE(batch->problems[0]) << batch->problems[0]->message;
    ASSERT_TRUE(batch->problems[1]);
    EXPECT_NE(batch->problems[1]->message.find(documents[1].destination + ": "), std::string::npos)
        << batch->problems[1]->message;
    EXPECT_NE(batch->problems[1]->message.find("JSON"), std::string::npos)
        << batch->problems[1]->message;
    EXPECT_FALSE(batch->problems[2]) << batch->problems[2]->message;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      std::string batched_error =
          message_of(batched.render_input(inputs[i], format, theme, documents[i].destination));
      bool made = batched_error.empty();
      std::string single = (dir.path() / ("alone/" + std::to_string(i) + "." + extension)).string();
      std::string alone_error = message_of(alone.render_input(inputs[i], format, theme, single));
      bool made_alone = alone_error.empty();
      EXPECT_EQ(made, i != 1) << extension << " " << i << ": " << batched_error;
      EXPECT_EQ(made, made_alone);
      if (made) {
        EXPECT_TRUE(read_file(documents[i].destination) == read_file(single))
            << extension << " " << i << " differs";
      } else {
        // The same message as without batches, but for the file's own (temporary) name.
        auto without_names = [](std::string text) {
          std::size_t at = text.find("\n");
          return at == std::string::npos ? text : text.substr(0, at);
        };
        EXPECT_EQ(without_names(batched_error), without_names(alone_error));
        EXPECT_FALSE(fs::exists(documents[i].destination));
      }
    }
    // Nothing of the batch is left beside its outputs once it is gone.
    batch.reset();
    EXPECT_EQ(testing::partial_files(dir.path() / "batched"), std::vector<std::string>{});
  }
}

using testing::FileMap;
using testing::files_below;

CommandResult build(const fs::path& pack, const fs::path& out, const char* batch_setting,
                    const std::string& only) {
  std::vector<std::string> argv = {"env",
                                   std::string("COACHKIT_PANDOC_BATCH=") + batch_setting,
                                   COACHKIT_PROGRAM,
                                   "build",
                                   pack.string(),
                                   "--out",
                                   out.string(),
                                   "--only",
                                   only,
                                   "--format",
                                   "html,docx,odt,md,pdf,pptx,epub",
                                   "--jobs",
                                   "2"};
  SystemProcessRunner runner;
  return runner.run(Command{argv, "", 1200});
}

// A small copy of the default pack's handouts and slides, in every format, with and without
// batches: the same files, byte for byte, and the same report.
TEST(PandocBatch, EveryFormatByteForByteAsOneProcessPerDocument) {
  if (find_program("pandoc").empty()) GTEST_SKIP() << "pandoc is not on PATH";
  TempDir dir;
  fs::path pack = dir.path() / "pack";
  testing::copy_small_default_pack(fs::path(COACHKIT_SOURCE_DIR) / "content/service-principles",
                                   pack);
  std::set<std::string> formats_seen;
  for (const std::string& only : {std::string("handout"), std::string("slides")}) {
    fs::path alone = dir.path() / ("alone-" + only);
    fs::path batched = dir.path() / ("batched-" + only);
    CommandResult a = build(pack, alone, "0", only);
    CommandResult b = build(pack, batched, "1", only);
    ASSERT_TRUE(a.ok()) << a.errors;
    ASSERT_TRUE(b.ok()) << b.errors;
    // The same report, but for the folder's name.
    auto report = [](std::string text, const fs::path& out) {
      for (std::size_t at; (at = text.find(out.string())) != std::string::npos;) {
        text.replace(at, out.string().size(), "OUT");
      }
      return text;
    };
    EXPECT_EQ(report(a.output, alone), report(b.output, batched));
    EXPECT_EQ(report(a.errors, alone), report(b.errors, batched));
    FileMap one = files_below(alone);
    FileMap many = files_below(batched);
    ASSERT_FALSE(one.empty());
    std::set<std::string> names_one;
    std::set<std::string> names_many;
    for (const auto& [name, bytes] : one) names_one.insert(name);
    for (const auto& [name, bytes] : many) names_many.insert(name);
    EXPECT_EQ(names_one, names_many);
    for (const auto& [name, bytes] : one) {
      auto found = many.find(name);
      if (found == many.end()) continue;
      EXPECT_TRUE(found->second == bytes) << name << " differs";
      formats_seen.insert(fs::path(name).extension().string());
    }
  }
  for (const FormatInfo& format : kFormats) {
    EXPECT_TRUE(formats_seen.count(std::string(".") + format.name)) << format.name;
  }
}

}  // namespace
}  // namespace coachkit
