// The slide deck of the default pack, read from the pptx's own parts (the standard library's
// zip and XML readers): the slides it should have, each principle's do's and don'ts on its
// slide, and the trainer's notes in speaker notes only, in the trainer's deck only.
#include "office_readers.hpp"
#include "pack/pack_loader.hpp"

#include <gtest/gtest.h>

namespace fs = std::filesystem;

namespace coachkit {
namespace {

using testing::run_coachkit;
using testing::run_program;
using testing::TempDir;

nlohmann::json read_deck(const fs::path& file) {
  CommandResult r =
      run_program({"/usr/bin/python3", testing::test_script("office_parts.py"), file.string()});
  EXPECT_TRUE(r.ok()) << r.errors;
  return r.ok() ? nlohmann::json::parse(r.output) : nlohmann::json::object();
}

class Deck : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics diagnostics;
    auto loaded =
        load_pack(std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles", diagnostics);
    ASSERT_TRUE(loaded) << diagnostics.to_string();
    pack_ = std::move(*loaded);
    CommandResult built =
        run_coachkit({"build", std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles",
                      "--out", out_.str(), "--only", "slides"});
    ASSERT_EQ(built.exit_code, 0) << built.output << built.errors;
    participant_ = read_deck(out_.path() / "service-principles" / "service-principles-slides.pptx");
    trainer_ = read_deck(out_.path() / "service-principles" / "trainer" /
                         "service-principles-slides.pptx");
  }
  // The index of the slide whose first line (its title) is `title`, or -1.
  static int slide_titled(const nlohmann::json& deck, const std::string& title) {
    for (std::size_t i = 0; i < deck["slides"].size(); ++i) {
      std::string text = deck["slides"][i];
      if (text.substr(0, text.find('\n')) == title) return static_cast<int>(i);
    }
    return -1;
  }
  // The text of the slide titled `title` and of its "(continued)" slides, or of their notes.
  static std::string continued(const nlohmann::json& deck, const std::string& title,
                               const char* part = "slides") {
    int at = slide_titled(deck, title);
    if (at < 0) return "";
    std::string text = deck[part][at];
    for (std::size_t i = at + 1; i < deck["slides"].size(); ++i) {
      std::string slide = deck["slides"][i];
      if (slide.substr(0, slide.find('\n')) != title + " (continued)") break;
      text += "\n" + deck[part][i].get<std::string>();
    }
    return text;
  }
  Pack pack_;
  TempDir out_;
  nlohmann::json participant_, trainer_;
};

TEST_F(Deck, HasATitleSlideASlidePerPrincipleWithItsDosAndDontsAndSlidesPerActivity) {
  for (const nlohmann::json* deck : {&participant_, &trainer_}) {
    const auto& slides = (*deck)["slides"];
    ASSERT_FALSE(slides.empty());
    EXPECT_EQ(slides[0].get<std::string>().rfind(pack_.title, 0), 0u) << "the title slide first";
    for (const Principle& p : pack_.principles) {
      ASSERT_GE(slide_titled(*deck, p.title), 0) << p.title;
      std::string text = continued(*deck, p.title);
      for (const auto* behaviors : {&p.dos, &p.donts}) {
        for (const Behavior& b : *behaviors)
          EXPECT_NE(text.find(b.text), std::string::npos) << b.id;
      }
    }
    for (const Activity& a : pack_.activities) {
      int at = slide_titled(*deck, a.title);
      ASSERT_GE(at, 0) << a.title;
      EXPECT_NE(slides[at].get<std::string>().find(a.goal), std::string::npos) << a.id;
      ASSERT_GE(slide_titled(*deck, a.title + ": steps"), 0) << a.title;
      std::string steps = continued(*deck, a.title + ": steps");
      for (const std::string& step : a.steps) {
        EXPECT_NE(steps.find(step), std::string::npos) << a.id;
      }
    }
  }
  EXPECT_EQ(participant_["slides"].size(), trainer_["slides"].size());
}

TEST_F(Deck, TrainersNotesAreSpeakerNotesOfTheTrainersDeckOnly) {
  EXPECT_EQ(participant_["notes_parts"], 0) << "the participant's deck has no speaker notes";
  std::string slides_text = trainer_["slides"].dump() + participant_["slides"].dump();
  for (const Activity& a : pack_.activities) {
    ASSERT_FALSE(a.facilitator_notes.empty()) << a.id << ": the default pack writes them";
    std::string first_sentence = a.facilitator_notes.substr(0, a.facilitator_notes.find('.'));
    int at = slide_titled(trainer_, a.title);
    ASSERT_GE(at, 0);
    EXPECT_NE(trainer_["notes"][at].get<std::string>().find(first_sentence), std::string::npos)
        << a.id << ": the facilitator's notes are the notes of the activity's slide";
    EXPECT_EQ(slides_text.find(first_sentence), std::string::npos)
        << a.id << ": never on a slide itself";
    for (std::size_t i = 0; i < a.debrief_answers.size(); ++i) {
      if (a.debrief_answers[i].empty()) continue;
      EXPECT_NE(trainer_["notes"].dump().find(a.debrief_answers[i]), std::string::npos) << a.id;
      EXPECT_EQ(slides_text.find(a.debrief_answers[i]), std::string::npos) << a.id;
    }
  }
  for (const Principle& p : pack_.principles) {
    ASSERT_GE(slide_titled(trainer_, p.title), 0);
    std::string said = continued(trainer_, p.title, "notes");
    for (const Behavior& b : p.dos) EXPECT_NE(said.find(b.why), std::string::npos) << b.id;
  }
}

}  // namespace
}  // namespace coachkit
