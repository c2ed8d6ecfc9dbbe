// `coachkit new`: what it writes lints and builds clean, and it never overwrites a folder.
// (`coachkit new plugin` is built against the installed SDK in sdk_roundtrip.sh.)
#include "scaffold/scaffold.hpp"
#include <coachkit/version.hpp>
#include "support/process.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;

namespace coachkit {
namespace {

CommandResult run(std::vector<std::string> args) {
  Command command;
  command.argv = {COACHKIT_PROGRAM};
  for (std::string& a : args) command.argv.push_back(std::move(a));
  command.timeout_seconds = 300;
  SystemProcessRunner runner;
  return runner.run(command);
}

TEST(NewPack, LintsAndBuildsClean) {
  TempDir dir;
  std::string pack = dir.str() + "/team-way";
  CommandResult made = run({"new", "pack", "team-way", "--dir", pack});
  ASSERT_TRUE(made.ok()) << made.errors;
  EXPECT_NE(made.output.find(pack + "/pack/principles/listen-first.toml"), std::string::npos);

  CommandResult lint = run({"lint", pack});
  EXPECT_TRUE(lint.ok()) << lint.output << lint.errors;
  EXPECT_EQ(lint.errors, "");

  CommandResult build = run({"build", pack, "--format", "html", "--out", dir.str() + "/out"});
  ASSERT_TRUE(build.ok()) << build.output << build.errors;
  std::string handout = read_file(dir.path() / "out/team-way/handouts/listen-first.html");
  EXPECT_NE(handout.find("Let the customer finish before you answer."), std::string::npos);
  EXPECT_TRUE(fs::exists(dir.path() / "out/team-way/team-way-handout.html"));
}

// As the README shows them: `coachkit new pack NAME` and `coachkit new plugin NAME`, typed in
// an empty folder, and then the next steps each prints, typed in the same folder.
CommandResult run_in(const fs::path& cwd, std::vector<std::string> args) {
  std::vector<std::string> argv = {"env", "-C", cwd.string(), COACHKIT_PROGRAM};
  for (std::string& a : args) argv.push_back(std::move(a));
  SystemProcessRunner runner;
  return runner.run(Command{std::move(argv), "", 300});
}

TEST(New, TheReadmeCommandsWorkInTheCurrentFolder) {
  TempDir dir;
  CommandResult pack = run_in(dir.path(), {"new", "pack", "team-way"});
  ASSERT_TRUE(pack.ok()) << pack.errors;
  EXPECT_NE(pack.output.find("team-way/pack/principles/listen-first.toml"), std::string::npos)
      << pack.output;
  EXPECT_NE(pack.output.find("next: coachkit lint team-way && coachkit build team-way"),
            std::string::npos)
      << pack.output;
  CommandResult plugin = run_in(dir.path(), {"new", "plugin", "team-cards"});
  ASSERT_TRUE(plugin.ok()) << plugin.errors;
  EXPECT_TRUE(fs::exists(dir.path() / "team-cards/CMakeLists.txt"));
  EXPECT_TRUE(fs::exists(dir.path() / "team-way/coachkit.toml"));
  // Nothing else lands in the folder (no temporary left behind).
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}), 2);

  CommandResult lint = run_in(dir.path(), {"lint", "team-way"});
  EXPECT_TRUE(lint.ok()) << lint.output << lint.errors;
  CommandResult build = run_in(dir.path(), {"build", "team-way", "--format", "html"});
  ASSERT_TRUE(build.ok()) << build.output << build.errors;
  EXPECT_TRUE(fs::exists(dir.path() / "team-way/out/team-way/handouts/listen-first.html"));
  CommandResult plugins = run_in(dir.path(), {"plugins", "--json"});
  EXPECT_TRUE(plugins.ok()) << plugins.errors;

  // Typed again, each refuses the folder it made, and leaves it alone.
  CommandResult again = run_in(dir.path(), {"new", "pack", "team-way"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.errors.find("team-way already exists"), std::string::npos) << again.errors;
}

TEST(NewPack, FilesPointAtSchemasWrittenBesideThem) {
  TempDir dir;
  std::optional<Problem> problem = scaffold_pack(dir.str() + "/p", "p");
  ASSERT_FALSE(problem) << problem->message;
  // Paths relative to each file, so the project can move: to another folder or machine.
  EXPECT_EQ(read_file(dir.path() / "p/pack/principles/listen-first.toml")
                .rfind("#:schema ../../schema/principle.schema.json\n", 0),
            0u);
  EXPECT_EQ(
      read_file(dir.path() / "p/pack/pack.toml").rfind("#:schema ../schema/pack.schema.json\n", 0),
      0u);
  EXPECT_EQ(
      read_file(dir.path() / "p/coachkit.toml").rfind("#:schema schema/project.schema.json\n", 0),
      0u);
  for (const char* kind : {"project", "pack", "principle", "activity"}) {
    EXPECT_TRUE(fs::exists(dir.path() / "p/schema" / (std::string(kind) + ".schema.json"))) << kind;
  }
}

TEST(New, RefusesAnExistingFolderAndLeavesItAlone) {
  TempDir dir;
  dir.write("mine/notes.txt", "keep me");
  for (const char* kind : {"pack", "plugin"}) {
    CommandResult made = run({"new", kind, "mine", "--dir", dir.str() + "/mine"});
    EXPECT_EQ(made.exit_code, 1) << kind;
    EXPECT_NE(made.errors.find("already exists"), std::string::npos) << made.errors;
  }
  EXPECT_EQ(read_file(dir.path() / "mine/notes.txt"), "keep me");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}), 1);
  EXPECT_FALSE(fs::exists(dir.path() / "mine/pack.toml"));
}

TEST(New, RefusesANameThatIsNotAnId) {
  TempDir dir;
  CommandResult made = run({"new", "plugin", "My Plugin", "--dir", dir.str() + "/x"});
  EXPECT_EQ(made.exit_code, 1);
  EXPECT_NE(made.errors.find("lower-case letters"), std::string::npos) << made.errors;
  EXPECT_FALSE(fs::exists(dir.path() / "x"));
}

TEST(NewPlugin, WritesAProjectForTheInstalledSdk) {
  TempDir dir;
  std::optional<Problem> problem = scaffold_plugin(dir.str() + "/team-cards", "team-cards");
  ASSERT_FALSE(problem) << problem->message;
  std::string cmake = read_file(dir.path() / "team-cards/CMakeLists.txt");
  // The major.minor of this coachkit, e.g. "0.2" for 0.2.0.
  std::string version = coachkit::kVersion;
  version = version.substr(0, version.rfind('.'));
  EXPECT_NE(cmake.find("find_package(coachkit " + version + " REQUIRED)"), std::string::npos)
      << cmake;
  EXPECT_NE(cmake.find("coachkit_add_plugin(team-cards SOURCES"), std::string::npos);
  std::string test = read_file(dir.path() / "team-cards/tests/team_cards_generator_test.cpp");
  EXPECT_NE(test.find("team_cards::OverviewGenerator()"), std::string::npos);
}

}  // namespace
}  // namespace coachkit
