// What the table of formats and the generators' declared options mean to a user of the command
// line: EPUB built where HTML and DOCX are and only when asked, the same bytes twice; help and
// "unknown format" messages naming every format; the shortcuts --versions, --drawn and --size
// checked against what the generators declare, wherever the option is given.
#include "hosting/generator_options.hpp"
#include "support/diagnostics.hpp"
#include "support/process.hpp"
#include "test_support.hpp"

#include <coachkit/format.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace coachkit {
namespace {

using testing::read_file;
using testing::TempDir;

CommandResult coachkit_cli(std::vector<std::string> args) {
  Command command;
  command.argv = {COACHKIT_PROGRAM};
  command.argv.insert(command.argv.end(), args.begin(), args.end());
  command.timeout_seconds = 600;
  SystemProcessRunner runner;
  return runner.run(command);
}

std::string default_pack() {
  return std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles";
}

// Every file below `dir` whose extension is `extension`, by path relative to `dir`.
std::map<std::string, std::string> files_with(const fs::path& dir, const std::string& extension) {
  std::map<std::string, std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) {
      found[entry.path().lexically_relative(dir).generic_string()] = read_file(entry.path());
    }
  }
  return found;
}

TEST(FormatTable, OneRowPerFormatInTheEnumsOrderWithUniqueNames) {
  std::set<std::string> names;
  std::size_t i = 0;
  for (const FormatInfo& f : kFormats) {
    EXPECT_EQ(static_cast<std::size_t>(f.format), i++) << f.name;
    EXPECT_TRUE(names.insert(f.name).second) << f.name;
    if (*f.alias) {
      EXPECT_TRUE(names.insert(f.alias).second) << f.alias;
    }
    EXPECT_EQ(parse_format(f.name), f.format);
    EXPECT_EQ(format_name(f.format), f.name);
  }
  EXPECT_EQ(parse_format("markdown"), Format::Markdown);
  EXPECT_EQ(parse_format("htm"), Format::Html);
  EXPECT_FALSE(parse_format("epub3"));
  EXPECT_EQ(format_names(), "html, docx, odt, md, pdf, pptx or epub");
}

TEST(FormatTable, EpubIsBuiltWhereHtmlIsOnlyWhenAskedAndIsTheSameBytesTwice) {
  TempDir dir;
  for (const char* out : {"one", "two"}) {
    CommandResult r = coachkit_cli({"build", default_pack(), "--out", dir.str() + "/" + out,
                                    "--format", "epub,html", "--only", "handout,rubric"});
    ASSERT_EQ(r.exit_code, 0) << r.errors;
  }
  fs::path one = dir.path() / "one" / "service-principles";
  std::map<std::string, std::string> books = files_with(one, ".epub");
  std::map<std::string, std::string> pages = files_with(one, ".html");
  // Every handout, worksheet and the pack handout is a book too; scorecards are not.
  std::set<std::string> expected;
  for (const auto& [name, bytes] : pages) {
    if (name.rfind("rubrics/", 0) == 0) continue;
    if (name.find("-handout.html") != std::string::npos) continue;  // see handout_generator.cpp
    expected.insert(name.substr(0, name.size() - 5) + ".epub");
  }
  std::set<std::string> made;
  for (const auto& [name, bytes] : books) made.insert(name);
  EXPECT_EQ(made, expected);
  EXPECT_FALSE(made.count("service-principles-handout.epub")) << made.size();
  EXPECT_GT(made.size(), 3u);
  std::map<std::string, std::string> again =
      files_with(dir.path() / "two" / "service-principles", ".epub");
  ASSERT_EQ(again.size(), books.size());
  for (const auto& [name, bytes] : books) {
    EXPECT_TRUE(again[name] == bytes) << name << " differs from one build to the next";
  }
  // Read by a reader we did not write: pandoc's own EPUB reader finds the principle.
  SystemProcessRunner runner;
  CommandResult text = runner.run(
      Command{{"pandoc", "-f", "epub", "-t", "plain", (one / "handouts" / "respect.epub").string()},
              "",
              120});
  ASSERT_TRUE(text.ok()) << text.errors;
  EXPECT_NE(text.output.find("espect"), std::string::npos) << text.output.substr(0, 400);

  // Without --format, no book: EPUB is made only when named.
  CommandResult plain = coachkit_cli({"build", default_pack(), "--out", dir.str() + "/three",
                                      "--only", "handout", "--format", "md"});
  ASSERT_EQ(plain.exit_code, 0) << plain.errors;
  EXPECT_TRUE(files_with(dir.path() / "three", ".epub").empty());
  for (Format f : default_formats()) EXPECT_NE(f, Format::Epub);
}

TEST(FormatTable, AProjectFileMayAskForEpubAndAnUnknownFormatNamesEveryOne) {
  TempDir dir;
  dir.write("coachkit.toml", "[project]\npacks = [\"" + default_pack() +
                                 "\"]\nformats = [\"epub\"]\nout = \"out\"\n");
  CommandResult lint = coachkit_cli({"lint", dir.str()});
  EXPECT_EQ(lint.exit_code, 0) << lint.errors;
  CommandResult unknown =
      coachkit_cli({"build", default_pack(), "--out", dir.str() + "/x", "--format", "html,epub3"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.errors.find(
                "unknown format \"epub3\" (expected html, docx, odt, md, pdf, pptx or epub)"),
            std::string::npos)
      << unknown.errors;
  EXPECT_FALSE(fs::exists(dir.path() / "x"));
}

TEST(GeneratorOptions, HelpListsEveryFormatAndEveryDeclaredOptionWithItsLimits) {
  CommandResult help = coachkit_cli({"build", "--help"});
  ASSERT_EQ(help.exit_code, 0) << help.errors;
  for (const FormatInfo& f : kFormats) {
    EXPECT_NE(help.output.find(std::string(f.name) + " (" + f.summary + ")"), std::string::npos)
        << f.name << "\n"
        << help.output;
  }
  for (const char* expected :
       {"quiz.versions (or --versions): an integer, from 1 to 26; how many versions",
        "quiz.drawn (or --drawn): a string, none, mix or only;", "poster.size (or --size)",
        "quiz.per_principle: an integer, from 0 to 1000;", "--versions N", "--drawn CHOICE"}) {
    EXPECT_NE(help.output.find(expected), std::string::npos) << expected << "\n" << help.output;
  }
}

TEST(GeneratorOptions, DeclaredLimitsAreCheckedOnTheCommandLineAndInTheProjectFile) {
  TempDir dir;
  CommandResult many = coachkit_cli({"build", default_pack(), "--out", dir.str() + "/a", "--only",
                                     "quiz", "--format", "html", "--versions", "30"});
  EXPECT_EQ(many.exit_code, 1);
  EXPECT_NE(many.errors.find("command line: option 'versions' must be from 1 to 26, not 30"),
            std::string::npos)
      << many.errors;
  CommandResult word = coachkit_cli({"build", default_pack(), "--out", dir.str() + "/a", "--only",
                                     "quiz", "--format", "html", "--versions", "two"});
  EXPECT_EQ(word.exit_code, 1);
  EXPECT_NE(word.errors.find("--versions 'two': option 'versions' of quiz must be an integer"),
            std::string::npos)
      << word.errors;
  CommandResult drawn = coachkit_cli({"build", default_pack(), "--out", dir.str() + "/a", "--only",
                                      "quiz", "--format", "html", "--drawn", "some"});
  EXPECT_EQ(drawn.exit_code, 1);
  EXPECT_NE(
      drawn.errors.find("command line: option 'drawn' must be none, mix or only, not \"some\""),
      std::string::npos)
      << drawn.errors;
  EXPECT_FALSE(fs::exists(dir.path() / "a"));

  std::string project =
      dir.write("p/coachkit.toml", "[project]\npacks = [\"" + default_pack() +
                                       "\"]\nout = \"out\"\n\n[generators.quiz]\nversions = 0\n")
          .string();
  CommandResult file = coachkit_cli({"build", dir.str() + "/p", "--only", "quiz"});
  EXPECT_EQ(file.exit_code, 1);
  EXPECT_NE(file.errors.find(project + ":6:12: option 'versions' must be from 1 to 26, not 0"),
            std::string::npos)
      << file.errors;
}

// The shortcuts reach every generator that declares the option, whichever plugin it is, and
// point at --set when none does.
TEST(GeneratorOptions, AShortcutSetsTheOptionOfEveryGeneratorThatDeclaresIt) {
  OptionSpec size{"size", OptionValue::Type::String, "a size"};
  OptionSpec copies{"copies", OptionValue::Type::Integer, "how many", 1, 4};
  std::vector<GeneratorInfo> generators = {{"poster", "", "'poster'", {size}},
                                           {"card", "", "'card'", {size, copies}},
                                           {"handout", "", "'handout'", {}}};
  std::map<std::string, Options> options;
  Diagnostics diagnostics;
  apply_option_settings({option_shortcut("size", "a3"), option_shortcut("copies", "2")}, generators,
                        options, diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
  EXPECT_EQ(options["poster"].string("size"), "a3");
  EXPECT_EQ(options["card"].string("size"), "a3");
  EXPECT_EQ(options["card"].integer("copies"), 2);
  EXPECT_FALSE(options["handout"].has("size"));

  apply_option_settings({option_shortcut("copies", "5"), option_shortcut("versions", "2")},
                        generators, options, diagnostics);
  std::string text = diagnostics.to_string();
  EXPECT_NE(text.find("command line: option 'copies' must be from 1 to 4, not 5"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("command line: --versions: no loaded generator declares an option "
                      "'versions' (coachkit build --help lists the options of the loaded "
                      "plugins; --set KIND.KEY=VALUE sets any of them)"),
            std::string::npos)
      << text;
  EXPECT_EQ(options["card"].integer("copies"), 2);  // the refused value is not set
  EXPECT_EQ(describe_generator_options(generators, {"size"}),
            "  poster.size (or --size): a string; a size\n"
            "  card.size (or --size): a string; a size\n"
            "  card.copies: an integer, from 1 to 4; how many\n");
}

}  // namespace
}  // namespace coachkit
