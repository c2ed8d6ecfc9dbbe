// End to end: the coachkit program as a user runs it, its outputs read as a reader would.
#include <coachkit/version.hpp>
#include "support/process.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;
using coachkit::testing::partial_files;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;

namespace coachkit {
namespace {

const std::string kHostile = "<script>alert(1)</script> **not bold** [x](javascript:alert(1))";

CommandResult run(std::vector<std::string> args, std::vector<std::string> env = {}) {
  Command command;
  command.argv = {"env"};
  for (std::string& e : env) command.argv.push_back(std::move(e));
  command.argv.push_back(COACHKIT_PROGRAM);
  for (std::string& a : args) command.argv.push_back(std::move(a));
  command.timeout_seconds = 600;
  SystemProcessRunner runner;
  return runner.run(command);
}

CommandResult run_tool(std::vector<std::string> argv) {
  SystemProcessRunner runner;
  return runner.run(Command{std::move(argv), "", 120});
}

std::string default_pack() {
  return std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles";
}

std::string default_theme() { return std::string(COACHKIT_SOURCE_DIR) + "/content/themes/default"; }

std::string script(const std::string& name) {
  return std::string(COACHKIT_SCRIPTS_DIR) + "/" + name;
}

// A small pack whose principle carries markup that must stay literal text.
void write_hostile_pack(const TempDir& dir) {
  dir.write("pack/pack.toml", R"([pack]
id = "hostile"
title = "Hostile"
version = "1"
language = "en"
authors = ["tests"]
license = "CC0"
)");
  dir.write("pack/principles/p.toml", "[principle]\nid = \"p\"\ntitle = '" + kHostile +
                                          "'\nsummary = '" + kHostile + "'\nbody = '" + kHostile +
                                          "'\n[[principle.do]]\nid = \"d\"\ntext = '" + kHostile +
                                          "'\nwhy = '" + kHostile + "'\n");
}

TEST(Cli, VersionAndHelp) {
  CommandResult version = run({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.output.find(std::string("coachkit ") + coachkit::kVersion + " (plugin ABI " +
                                std::to_string(coachkit::kAbiMajor) + "."),
            std::string::npos)
      << version.output;
  CommandResult help = run({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* word : {"build", "lint", "plugins"}) {
    EXPECT_NE(help.output.find(word), std::string::npos) << word;
  }
}

TEST(Cli, UsageErrorsExitWithOne) {
  EXPECT_EQ(run({"frobnicate"}).exit_code, 1);
  EXPECT_EQ(run({}).exit_code, 1);
  EXPECT_EQ(run({"build", default_pack(), "--format", "rtf"}).exit_code, 1);
  EXPECT_EQ(run({"build", "/no/such/pack"}).exit_code, 1);
}

TEST(Cli, LintsTheDefaultPackClean) {
  CommandResult r = run({"lint", default_pack()});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  // Only the quiz warnings about what GIFT and Canvas cannot carry of the features its quiz
  // shows off (quiz_test checks which); nothing else.
  std::string others;
  std::size_t start = 0;
  while (start < r.errors.size()) {
    std::size_t end = r.errors.find('\n', start);
    if (end == std::string::npos) end = r.errors.size();
    std::string line = r.errors.substr(start, end - start);
    if (line.find(": warning: question '") == std::string::npos) others += line + "\n";
    start = end + 1;
  }
  EXPECT_TRUE(others.empty()) << r.errors;
  EXPECT_NE(r.output.find(": ok"), std::string::npos);
}

TEST(Cli, LintReportsEveryProblemWithFileLineAndColumn) {
  TempDir dir;
  dir.write("pack/pack.toml",
            "[pack]\nid = \"x\"\ntitle = \"X\"\nversion = \"1\"\n"
            "language = \"en\"\nauthors = [\"a\"]\nlicense = \"CC0\"\n");
  dir.write("pack/principles/a.toml", "[principle]\nid = \"a\"\ntitel = \"A\"\nsummary = \"S\"\n");
  dir.write("pack/activities/b.toml",
            "[activity]\nid = \"b\"\ntitle = \"B\"\nprinciples = [\"nope\"]\nminutes = 5\n"
            "goal = \"G\"\nsteps = [\"one\"]\n");
  CommandResult r = run({"lint", dir.str() + "/pack"});
  EXPECT_EQ(r.exit_code, 1);
  std::string file_a = dir.str() + "/pack/principles/a.toml";
  std::string file_b = dir.str() + "/pack/activities/b.toml";
  EXPECT_NE(r.errors.find(file_a + ":3:1: unknown key 'titel'"), std::string::npos) << r.errors;
  EXPECT_NE(r.errors.find(file_a + ":1:1: [principle] is missing the required key 'title'"),
            std::string::npos)
      << r.errors;
  EXPECT_NE(r.errors.find(file_b + ":4:15: unknown principle 'nope'"), std::string::npos)
      << r.errors;
}

// One test, because ctest runs every test in its own process and the full build is the costly
// part; each reader's check is a section of its own.
TEST(Cli, BuildsTheDefaultPackAsAReaderWouldReadIt) {
  TempDir out;
  auto handout = [&](const std::string& name) {
    return out.path() / "service-principles" / "handouts" / name;
  };
  // One edition: the trainer's doubles the time and is read by tests/edition_test.cpp.
  CommandResult built =
      run({"build", default_pack(), "--out", out.str(), "--edition", "participant"});
  ASSERT_EQ(built.exit_code, 0) << built.errors;

  {
    SCOPED_TRACE("every format, nothing half-written");
    for (const char* ext : {"html", "docx", "odt", "md", "pdf"}) {
      EXPECT_GT(fs::file_size(out.path() / "service-principles" /
                              (std::string("service-principles-handout.") + ext)),
                0u)
          << ext;
      EXPECT_GT(fs::file_size(handout(std::string("respect.") + ext)), 0u) << ext;
    }
    EXPECT_TRUE(partial_files(out.path()).empty());
  }
  {
    SCOPED_TRACE("the PDF's text reads as a handout");
    CommandResult text = run_tool({"pdftotext", "-layout", handout("respect.pdf").string(), "-"});
    ASSERT_TRUE(text.ok()) << text.errors;
    for (const char* expected : {"Respect", "Do's and don'ts", "Don't", "Why:"}) {
      EXPECT_NE(text.output.find(expected), std::string::npos) << expected;
    }
    CommandResult info =
        run_tool({"pdfinfo",
                  (out.path() / "service-principles" / "service-principles-handout.pdf").string()});
    ASSERT_TRUE(info.ok());
    std::string title = info.output.substr(info.output.find("Title:"));
    title = title.substr(0, title.find('\n'));
    EXPECT_NE(title.find("Service Principles"), std::string::npos) << info.output;
  }
  {
    // A principle's handout names its activities; the grid is in the activity's worksheet.
    SCOPED_TRACE("the DOCX opens as a document with the worksheet grid");
    CommandResult doc = run_tool(
        {"/usr/bin/python3", script("docx_text.py"),
         (out.path() / "service-principles" / "activities" / "breakdown-sources.docx").string()});
    ASSERT_TRUE(doc.ok()) << doc.errors;
    auto cells = nlohmann::json::parse(doc.output)["cells"].dump();
    for (const char* expected :
         {"Process", "Rules", "Presentation", "Product", "People", "Total", "Breakdown 1"}) {
      EXPECT_NE(cells.find(expected), std::string::npos) << expected;
    }
  }
  {
    SCOPED_TRACE("the HTML is one file with its styles inline");
    CommandResult html =
        run_tool({"/usr/bin/python3", script("html_text.py"), handout("respect.html").string()});
    ASSERT_TRUE(html.ok()) << html.errors;
    auto page = nlohmann::json::parse(html.output);
    EXPECT_TRUE(page["urls"].empty()) << page["urls"].dump();
    EXPECT_NE(std::find(page["tags"].begin(), page["tags"].end(), "style"), page["tags"].end());
    EXPECT_NE(page["text"].get<std::string>().find("Do's and don'ts"), std::string::npos);
  }
  {
    SCOPED_TRACE("a second build with nothing changed renders nothing");
    auto before = fs::last_write_time(handout("respect.pdf"));
    CommandResult again =
        run({"build", default_pack(), "--out", out.str(), "--edition", "participant"});
    EXPECT_EQ(again.exit_code, 0) << again.errors;
    EXPECT_NE(again.output.find(" 0 written"), std::string::npos) << again.output;
    EXPECT_EQ(fs::last_write_time(handout("respect.pdf")), before);
  }
}

TEST(Cli, HostileTextStaysLiteralInEveryFormat) {
  TempDir dir;
  write_hostile_pack(dir);
  CommandResult r = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--theme",
                         std::string(COACHKIT_SOURCE_DIR) + "/content/themes/default"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  fs::path base = dir.path() / "out" / "hostile" / "handouts";

  CommandResult html =
      run_tool({"/usr/bin/python3", script("html_text.py"), (base / "p.html").string()});
  ASSERT_TRUE(html.ok()) << html.errors;
  auto page = nlohmann::json::parse(html.output);
  EXPECT_NE(page["text"].get<std::string>().find(kHostile), std::string::npos);
  for (const auto& tag : page["tags"]) {
    EXPECT_NE(tag, "script");
    EXPECT_NE(tag, "a");
  }

  CommandResult pdf = run_tool({"pdftotext", (base / "p.pdf").string(), "-"});
  ASSERT_TRUE(pdf.ok());
  EXPECT_NE(pdf.output.find("<script>alert(1)</script>"), std::string::npos) << pdf.output;
  EXPECT_NE(pdf.output.find("**not bold**"), std::string::npos) << pdf.output;

  // The same through one weasyprint command per PDF instead of the PDF workers.
  CommandResult by_command =
      run({"build", dir.str() + "/pack", "--out", dir.str() + "/out2", "--format", "pdf"},
          {"COACHKIT_PDF_WORKERS=0"});
  ASSERT_EQ(by_command.exit_code, 0) << by_command.errors;
  CommandResult pdf2 = run_tool(
      {"pdftotext", (dir.path() / "out2" / "hostile" / "handouts" / "p.pdf").string(), "-"});
  ASSERT_TRUE(pdf2.ok());
  EXPECT_EQ(pdf2.output, pdf.output);

  CommandResult docx =
      run_tool({"/usr/bin/python3", script("docx_text.py"), (base / "p.docx").string()});
  ASSERT_TRUE(docx.ok()) << docx.errors;
  EXPECT_NE(docx.output.find(nlohmann::json(kHostile).dump()), std::string::npos) << docx.output;
  EXPECT_EQ(nlohmann::json::parse(docx.output)["hyperlinks"], 0);

  CommandResult md =
      run_tool({"pandoc", "-f", "markdown", "-t", "plain", (base / "p.md").string()});
  ASSERT_TRUE(md.ok());
  EXPECT_NE(md.output.find("<script>alert(1)</script>"), std::string::npos) << md.output;
}

TEST(Cli, HostileTextIsInertInABrowser) {
  // Content that would change the page if any of it ran: a script, an event handler, a link.
  const std::string attack =
      "<script>document.body.setAttribute('data-pwned','script')</script> "
      "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"> "
      "[x](javascript:document.body.setAttribute('data-pwned','link'))";
  TempDir dir;
  dir.write("pack/pack.toml",
            "[pack]\nid = \"attack\"\ntitle = \"Attack\"\nversion = \"1\"\nlanguage = \"en\"\n"
            "authors = [\"tests\"]\nlicense = \"CC0\"\n");
  dir.write("pack/principles/p.toml",
            "[principle]\nid = \"p\"\ntitle = \"Attack\"\nsummary = \'\'\'" + attack + "\'\'\'\n");
  CommandResult built =
      run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--format", "html"});
  ASSERT_EQ(built.exit_code, 0) << built.errors;
  fs::path page = dir.path() / "out" / "attack" / "handouts" / "p.html";

  // Headless Chromium loads the page, runs whatever scripts it has, and prints the DOM.
  CommandResult dom =
      run_tool({"chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.str() + "/profile", "--dump-dom",
                "file://" + page.string()});
  ASSERT_TRUE(dom.ok()) << dom.describe(Command{{"chromium"}, "", 120}) << dom.errors;
  ASSERT_NE(dom.output.find("<body"), std::string::npos) << dom.output;
  EXPECT_EQ(dom.output.find("data-pwned=\""), std::string::npos) << dom.output;

  // What the browser shows is the content's characters, exactly.
  fs::path rendered = dir.write("rendered.html", dom.output);
  CommandResult text = run_tool({"/usr/bin/python3", script("html_text.py"), rendered.string()});
  ASSERT_TRUE(text.ok()) << text.errors;
  auto seen = nlohmann::json::parse(text.output);
  EXPECT_NE(seen["text"].get<std::string>().find(attack), std::string::npos) << seen["text"];
  for (const auto& tag : seen["tags"]) {
    EXPECT_NE(tag, "img");
    EXPECT_NE(tag, "a");
  }
}

TEST(Cli, MissingPandocSaysHowToInstallIt) {
  TempDir dir;
  CommandResult r = run({"build", default_pack(), "--out", dir.str(), "--format", "html"},
                        {"COACHKIT_PANDOC=/nonexistent/pandoc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.errors.find("apt-get install pandoc"), std::string::npos) << r.errors;
  EXPECT_FALSE(fs::exists(dir.path() / "service-principles"));
}

TEST(Cli, AFailedBuildKeepsThePreviousOutputs) {
  TempDir dir;
  std::string out = dir.str() + "/out";
  ASSERT_EQ(run({"build", default_pack(), "--out", out, "--format", "md"}).exit_code, 0);
  fs::path respect = fs::path(out) / "service-principles" / "handouts" / "respect.md";
  std::string before = read_file(respect);
  ASSERT_FALSE(before.empty());

  // The same pack, changed so every output must be rebuilt, rendered by a pandoc that fails.
  fs::copy(default_pack(), dir.path() / "pack", fs::copy_options::recursive);
  std::string pack_toml = read_file(dir.path() / "pack" / "pack.toml");
  pack_toml.replace(pack_toml.find("version = "), 10, "version = \"9\"\nx_version = ");
  dir.write("pack/pack.toml", pack_toml);
  CommandResult broken = run({"build", dir.str() + "/pack", "--out", out, "--format", "md"});
  EXPECT_EQ(broken.exit_code, 1) << "an unknown key is a content error";
  EXPECT_NE(broken.errors.find("pack.toml:"), std::string::npos) << broken.errors;
  EXPECT_EQ(read_file(respect), before);

  CommandResult failing = run({"build", default_pack(), "--out", out, "--format", "md"},
                              {"COACHKIT_PANDOC=" + script("failing_pandoc.sh")});
  EXPECT_EQ(failing.exit_code, 2);
  EXPECT_EQ(read_file(respect), before);
  EXPECT_TRUE(partial_files(out).empty());
}

TEST(Cli, AnInterruptedBuildLeavesOnlyWholeFiles) {
  TempDir dir;
  std::string out = dir.str() + "/out";
  // The small copy of the default pack: every kind of output, and a build of it still takes
  // many seconds (about 16 s on the 2-core machine), so that Ctrl-C a second and a half in
  // catches it at work.
  std::string pack = dir.str() + "/pack";
  coachkit::testing::copy_small_default_pack(default_pack(), pack);
  CommandResult interrupted =
      run_tool({"timeout", "-s", "INT", "1.5", COACHKIT_PROGRAM, "build", pack, "--out", out});
  EXPECT_EQ(interrupted.exit_code, 124) << "the build should still have been running";
  EXPECT_TRUE(partial_files(dir.path()).empty());

  // What it finished is whole: the next build completes the rest and all of it reads back.
  CommandResult resumed = run({"build", pack, "--out", out, "--format", "pdf"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.errors;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (entry.path().extension() != ".pdf") continue;
    CommandResult info = run_tool({"pdfinfo", entry.path().string()});
    EXPECT_TRUE(info.ok()) << entry.path() << ": " << info.errors;
  }
}

TEST(Cli, AThrowingPluginIsReportedAndEverythingElseIsBuilt) {
  TempDir dir;
  fs::create_directories(dir.path() / "plugins");
  for (const char* name : {"throwing", "good"}) {
    std::string file = std::string("coachkit-test_") + name + ".so";
    fs::copy_file(fs::path(COACHKIT_TEST_PLUGIN_DIR) / file, dir.path() / "plugins" / file);
  }
  CommandResult r = run({"build", default_pack(), "--out", dir.str() + "/out", "--format", "html",
                         "--plugin-dir", dir.str() + "/plugins"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.errors.find("test-throwing"), std::string::npos) << r.errors;
  EXPECT_NE(r.errors.find("broke on purpose"), std::string::npos) << r.errors;
  fs::path pack_out = dir.path() / "out" / "service-principles";
  EXPECT_TRUE(fs::exists(pack_out / "handouts" / "respect.html"));
  EXPECT_TRUE(fs::exists(pack_out / "cards" / "service-principles.html"));
}

TEST(Cli, PluginsJsonListsLoadedAndRefused) {
  TempDir dir;
  fs::copy_file(fs::path(COACHKIT_TEST_PLUGIN_DIR) / "coachkit-test_wrong_abi.so",
                dir.path() / "old.so");
  CommandResult r = run({"plugins", "--json"}, {"COACHKIT_PLUGIN_PATH=" + dir.str()});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  auto json = nlohmann::json::parse(r.output);
  bool handout = false;
  for (const auto& p : json["loaded"]) handout = handout || p["name"] == "handout";
  EXPECT_TRUE(handout) << r.output;
  ASSERT_EQ(json["refused"].size(), 1u) << r.output;
  EXPECT_EQ(json["refused"][0]["path"], (dir.path() / "old.so").string());
  EXPECT_NE(json["refused"][0]["reason"].get<std::string>().find("ABI 1.x"), std::string::npos);
}

TEST(Cli, WithoutPluginsNothingIsBuiltAndNothingRemoved) {
  TempDir dir;
  std::string out = dir.str() + "/out";
  ASSERT_EQ(run({"build", default_pack(), "--out", out, "--format", "md"}).exit_code, 0);
  fs::path respect = fs::path(out) / "service-principles" / "handouts" / "respect.md";
  ASSERT_TRUE(fs::exists(respect));

  // The same program with no plugin folder beside it.
  fs::create_directories(dir.path() / "bare" / "bin");
  fs::copy_file(COACHKIT_PROGRAM, dir.path() / "bare" / "bin" / "coachkit");
  SystemProcessRunner runner;
  CommandResult bare = runner.run(
      Command{{(dir.path() / "bare" / "bin" / "coachkit").string(), "build", default_pack(),
               "--out", out, "--format", "md", "--theme", default_theme()},
              "",
              120});
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_NE(bare.errors.find("no plugin was loaded"), std::string::npos) << bare.errors;
  EXPECT_TRUE(fs::exists(respect));

  // A refused plugin alone is no better: its outputs stay too.
  fs::create_directories(dir.path() / "old");
  fs::copy_file(fs::path(COACHKIT_TEST_PLUGIN_DIR) / "coachkit-test_wrong_abi.so",
                dir.path() / "old" / "old.so");
  CommandResult refused = run({"build", default_pack(), "--out", out, "--format", "md",
                               "--plugin-dir", dir.str() + "/old"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_TRUE(fs::exists(respect));
}

TEST(Cli, TheBuiltInPluginFolderNamedAgainIsNotAConflict) {
  TempDir dir;
  CommandResult r = run({"build", default_pack(), "--out", dir.str(), "--format", "md",
                         "--plugin-dir", COACHKIT_BUILTIN_PLUGIN_DIR},
                        {"COACHKIT_PLUGIN_PATH=" + std::string(COACHKIT_BUILTIN_PLUGIN_DIR)});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_EQ(r.errors.find("refused"), std::string::npos) << r.errors;
}

TEST(Cli, ARepeatedFormatIsBuiltOnce) {
  TempDir dir;
  CommandResult r =
      run({"build", default_pack(), "--out", dir.str(), "--format", "md,markdown,md"});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
}

TEST(Cli, TwoPacksWithOneIdAreAContentError) {
  TempDir dir;
  fs::copy(default_pack(), dir.path() / "a", fs::copy_options::recursive);
  fs::copy(default_pack(), dir.path() / "b", fs::copy_options::recursive);
  dir.write("coachkit.toml", "[project]\npacks = [\"a\", \"b\"]\nout = \"out\"\n");
  CommandResult r = run({"build", dir.str()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.errors.find("same output folder"), std::string::npos) << r.errors;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

TEST(Cli, AProjectFormatTypoIsReportedWhereItIsWritten) {
  TempDir dir;
  std::string project = dir.write("coachkit.toml", "[project]\npacks = [\"" + default_pack() +
                                                       "\"]\nformats = [\"pdf\", \"pfd\"]\n")
                            .string();
  CommandResult r = run({"lint", dir.str()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.errors.find(project + ":3:19: unknown format \"pfd\""), std::string::npos)
      << r.errors;
}

// A trainer's organisation, set in the project, is who the handouts and the deck name.
TEST(Cli, TheProjectsOrganisationIsNamedInsteadOfThePacksAuthors) {
  TempDir dir;
  coachkit::testing::copy_small_default_pack(default_pack(), dir.path() / "pack");
  dir.write(
      "coachkit.toml",
      "[project]\npacks = [\"pack\"]\nout = \"out\"\norganisation = \"Acme Customer Care\"\n");
  CommandResult r = run({"build", dir.str(), "--only", "handout", "--format", "md"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  std::string handout =
      read_file(dir.path() / "out/service-principles/service-principles-handout.md");
  EXPECT_NE(handout.find("Acme Customer Care"), std::string::npos) << handout.substr(0, 600);
  EXPECT_EQ(handout.find("coachkit content team"), std::string::npos) << handout.substr(0, 600);
  // Without it, the pack's own authors.
  dir.write("coachkit.toml", "[project]\npacks = [\"pack\"]\nout = \"out\"\n");
  r = run({"build", dir.str(), "--only", "handout", "--format", "md"});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  handout = read_file(dir.path() / "out/service-principles/service-principles-handout.md");
  EXPECT_EQ(handout.find("Acme Customer Care"), std::string::npos);
  EXPECT_NE(handout.find("coachkit content team"), std::string::npos) << handout.substr(0, 600);
}

TEST(Cli, ABuildLogCannotMakeTheBuildDeleteFilesElsewhere) {
  TempDir dir;
  std::string out = dir.str() + "/out";
  ASSERT_EQ(run({"build", default_pack(), "--out", out, "--format", "md"}).exit_code, 0);
  fs::path victim = dir.write("victim.md", "keep me");
  // The build log is a file on disk: records of paths outside the folder must do nothing.
  std::ofstream log(fs::path(out) / "service-principles" / ".coachkit-log",
                    std::ios::app | std::ios::binary);
  log << "v1\t0\t1\t7\t1\t../../victim.md\n"
      << "v1\t0\t1\t7\t1\t" << victim.string() << "\n";
  log.close();
  std::ofstream(fs::path(out) / ".coachkit-stamps") << R"({"x": {"stamp": "0", "pack": ".."}})";
  CommandResult r = run({"build", default_pack(), "--out", out, "--format", "md"});
  EXPECT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_EQ(read_file(victim), "keep me");
}

TEST(Cli, AThemeThatWouldCloseItsStyleElementIsRefused) {
  TempDir dir;
  dir.write("evil/style.css", "body { color: red; } </STYLE><script>alert(1)</script>");
  CommandResult r = run({"build", default_pack(), "--out", dir.str() + "/out", "--format", "html",
                         "--theme", dir.str() + "/evil"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.errors.find("</style"), std::string::npos) << r.errors;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

}  // namespace
}  // namespace coachkit
