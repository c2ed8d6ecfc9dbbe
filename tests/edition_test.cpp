// Participant and trainer editions, end to end: the program builds a small pack in every
// format, and each output is read as its reader would read it. The trainer's notes, timings,
// materials and suggested answers are in the trainer's edition and in no participant's file.
#include "edition_pack.hpp"
#include "office_readers.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace fs = std::filesystem;

namespace coachkit {
namespace {

using testing::run_coachkit;
using testing::TempDir;
using testing::text_of;

// Builds the pack once per test process (ctest runs each test on its own).
class Editions : public ::testing::Test {
 protected:
  void build(std::vector<std::string> options = {}) {
    testing::write_edition_pack(dir_);
    std::vector<std::string> args = {"build", (dir_.path() / "pack").string(), "--out",
                                     (dir_.path() / "out").string()};
    args.insert(args.end(), options.begin(), options.end());
    CommandResult built = run_coachkit(args);
    ASSERT_EQ(built.exit_code, 0) << built.output << built.errors;
  }
  fs::path out(const std::string& relative) const { return dir_.path() / "out" / "ed" / relative; }
  std::string text(const std::string& relative) const {
    std::string error;
    std::string text = text_of(out(relative), &error);
    EXPECT_TRUE(error.empty()) << error;
    return text;
  }
  TempDir dir_;
};

TEST_F(Editions, TrainersNotesAreInTheTrainersEditionAndInNoParticipantsFile) {
  build();  // every format, both editions
  {
    SCOPED_TRACE("participant");
    std::vector<std::string> files = {"ed-slides.pptx"};
    for (const char* ext : {"html", "pdf", "docx", "odt", "md"}) {
      for (const char* name : {"ed-handout.", "handouts/listen.", "activities/plan."}) {
        files.push_back(name + std::string(ext));
      }
    }
    for (const std::string& file : files) {
      ASSERT_TRUE(fs::exists(out(file))) << file;
      std::string seen = text(file);
      EXPECT_NE(seen.find("Listen first"), std::string::npos) << file << " lacks its content";
      for (const std::string& word : testing::kTrainerOnly) {
        EXPECT_EQ(seen.find(word), std::string::npos) << file << " shows '" << word << "'";
      }
    }
  }
  {
    SCOPED_TRACE("trainer");
    for (const char* ext : {"html", "pdf", "docx", "odt", "md"}) {
      for (const char* name :
           {"trainer/activities/plan.", "trainer/handouts/listen.", "trainer/ed-handout."}) {
        std::string file = name + std::string(ext);
        std::string seen = text(file);
        for (const std::string& word : testing::kTrainerOnly) {
          EXPECT_NE(seen.find(word), std::string::npos) << file << " lacks '" << word << "'";
        }
      }
    }
  }
}

TEST_F(Editions, TheActivityWorksheetHasTheGridWithTotalsAndLinesToWriteOn) {
  build({"--format", "docx", "--edition", "participant"});
  auto cells = nlohmann::json::parse(text("activities/grid.docx"))["cells"];
  // Counted by hand from the pack: a header row (a blank corner, five causes, Total), three
  // breakdowns and a Total row, seven cells each; then one empty cell per writing line.
  ASSERT_GE(cells.size(), 35u);
  EXPECT_EQ(cells[1], "Process");
  EXPECT_EQ(cells[6], "Total");
  EXPECT_EQ(cells[7], "Breakdown 1");
  EXPECT_EQ(cells[28], "Total");
  for (std::size_t i = 8; i < 35; ++i) {
    if (i % 7 != 0) {
      EXPECT_EQ(cells[i], "") << "cell " << i << " is left to fill in";
    }
  }
  // Two debrief questions, three lines each.
  EXPECT_EQ(cells.size(), 35u + 6u);
}

TEST_F(Editions, OneEditionAskedForIsTheOnlyOneBuiltAndAnUnknownOneIsRefused) {
  build({"--edition", "participant", "--format", "md"});
  EXPECT_TRUE(fs::exists(out("activities/plan.md")));
  EXPECT_FALSE(fs::exists(out("trainer")));

  CommandResult refused =
      run_coachkit({"build", (dir_.path() / "pack").string(), "--out",
                    (dir_.path() / "out").string(), "--edition", "coach", "--format", "md"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE((refused.output + refused.errors).find("unknown edition 'coach'"), std::string::npos)
      << refused.output << refused.errors;
}

}  // namespace
}  // namespace coachkit
