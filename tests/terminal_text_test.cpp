// Text from file names never drives the terminal: ESC, OSC (window-title) sequences, BEL and CR
// in plugin file names and output paths reach `plugins` and `build`'s summary escaped.
#include "support/process.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using coachkit::testing::TempDir;

namespace coachkit {
namespace {

// A window-title sequence, a screen clear and a carriage return that would overwrite the line.
const std::string kHostileName = "x\x1b]0;owned\x07\x1b[2J\rz";

CommandResult run(std::vector<std::string> args) {
  Command command;
  command.argv = {"env",
                  "COACHKIT_PANDOC=" + std::string(COACHKIT_SCRIPTS_DIR) + "/copying_pandoc.sh",
                  COACHKIT_PROGRAM};
  for (std::string& a : args) command.argv.push_back(std::move(a));
  command.timeout_seconds = 120;
  SystemProcessRunner runner;
  return runner.run(command);
}

void expect_no_raw_controls(const std::string& printed, const std::string& what) {
  for (char c : {'\x1b', '\x07', '\r'}) {
    EXPECT_EQ(printed.find(c), std::string::npos) << what << " prints byte " << int(c) << " raw:\n"
                                                  << printed;
  }
}

TEST(TerminalText, PluginFileNamesArePrintedEscaped) {
  TempDir dir;
  fs::path plugins = dir.path() / "plugins";
  fs::create_directories(plugins);
  fs::copy_file(std::string(COACHKIT_TEST_PLUGIN_DIR) + "/coachkit-test_good.so",
                plugins / ("good" + kHostileName + ".so"));
  fs::copy_file(std::string(COACHKIT_TEST_PLUGIN_DIR) + "/coachkit-test_wrong_abi.so",
                plugins / ("old" + kHostileName + ".so"));
  CommandResult listed = run({"plugins", "--plugin-dir", plugins.string()});
  ASSERT_EQ(listed.exit_code, 0) << listed.errors;
  expect_no_raw_controls(listed.output + listed.errors, "plugins");
  // Both files are named, escaped: the loaded one and the refused one.
  EXPECT_NE(listed.output.find("good" + std::string("x\\x1b]0;owned\\x07\\x1b[2J\\rz.so")),
            std::string::npos)
      << listed.output;
  EXPECT_NE(listed.output.find("refused " + plugins.string() + "/oldx\\x1b]0;owned"),
            std::string::npos)
      << listed.output;
}

TEST(TerminalText, BuildSummaryShowsOutputPathsAndRefusedPluginsEscaped) {
  TempDir dir;
  dir.write("pack/pack.toml",
            "[pack]\nid = \"tiny\"\ntitle = \"Tiny\"\nversion = \"1\"\nlanguage = \"en\"\n"
            "authors = [\"tests\"]\nlicense = \"CC0\"\n");
  dir.write("pack/principles/p.toml",
            "[principle]\nid = \"p\"\ntitle = \"P\"\nsummary = \"S.\"\nbody = \"B.\"\n");
  fs::path plugins = dir.path() / "plugins";
  fs::create_directories(plugins);
  fs::copy_file(std::string(COACHKIT_TEST_PLUGIN_DIR) + "/coachkit-test_wrong_abi.so",
                plugins / ("old" + kHostileName + ".so"));
  std::string out = (dir.path() / ("out" + kHostileName)).string();
  std::vector<std::string> args = {"build",        (dir.path() / "pack").string(),
                                   "--out",        out,
                                   "--format",     "md",
                                   "--only",       "handout",
                                   "--plugin-dir", plugins.string()};
  CommandResult built = run(args);
  EXPECT_EQ(built.exit_code, 2) << built.errors;  // the refused plugin
  EXPECT_TRUE(fs::exists(fs::path(out) / "tiny" / "handouts" / "p.md")) << built.errors;
  expect_no_raw_controls(built.output + built.errors, "build");
  EXPECT_NE(built.output.find("written, 0 unchanged in " + dir.str() + "/outx\\x1b]0;owned"),
            std::string::npos)
      << built.output;
  EXPECT_NE(built.errors.find("oldx\\x1b]0;owned\\x07\\x1b[2J\\rz.so: plugin refused"),
            std::string::npos)
      << built.errors;

  // The no-op build's line too (without the refused plugin, so that the stamp is kept).
  args.resize(args.size() - 2);
  ASSERT_EQ(run(args).exit_code, 0);
  CommandResult again = run(args);
  EXPECT_EQ(again.exit_code, 0) << again.errors;
  expect_no_raw_controls(again.output + again.errors, "a no-op build");
  EXPECT_NE(again.output.find("0 written, "), std::string::npos) << again.output;
  EXPECT_NE(again.output.find(dir.str() + "/outx\\x1b]0;owned"), std::string::npos) << again.output;
}

}  // namespace
}  // namespace coachkit
