// The builder with a fake plugin host and a fake pandoc: what a generator hands back becomes
// files on disk, recorded as they land, and a generator's problems are reported as they should.
#include "build/build.hpp"
#include "build/derived_outputs.hpp"
#include "build/output_log.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>

namespace fs = std::filesystem;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;

namespace coachkit {
namespace {

// Answers pandoc's version probes and copies its input to --output.
class CopyingPandoc : public ProcessRunner {
 public:
  int conversions = 0;
  std::string fail_on;  // a conversion whose input holds this fails
  CommandResult run(const Command& command) override {
    CommandResult r;
    r.started = true;
    r.exit_code = 0;
    const std::vector<std::string>& a = command.argv;
    if (a.size() == 2 && a[1] == "--version") {
      r.output = "pandoc 2.17.1.1\n";
    } else if (a.size() == 5 && a[2] == "markdown") {
      r.output = R"({"pandoc-api-version":[1,22,2,1],"meta":{},"blocks":[]})";
    } else if (!fail_on.empty() && command.input.find(fail_on) != std::string::npos) {
      r.exit_code = 1;
      r.errors = "pandoc: cannot convert";
    } else {
      ++conversions;
      for (std::size_t i = 0; i + 1 < a.size(); ++i) {
        if (a[i] == "--output") std::ofstream(a[i + 1], std::ios::binary) << command.input;
      }
    }
    return r;
  }
};

// A plugin host with generators written in the test.
class FakeHost : public GeneratorHost {
 public:
  using Generate =
      std::function<std::vector<Artifact>(const Pack&, const GeneratorRequest&, Reporter&)>;
  void add(std::string kind, Generate generate, std::vector<OptionSpec> options = {}) {
    infos_.push_back(GeneratorInfo{kind, "a fake", "'fake' 1.0 (memory)", std::move(options)});
    generators_[kind] = std::move(generate);
  }
  std::vector<GeneratorInfo> generators() const override { return infos_; }
  bool complete() const override { return complete_; }
  std::optional<Problem> generate(const std::string& kind, const Pack& pack,
                                  const GeneratorRequest& request, Reporter& reporter,
                                  std::vector<Artifact>* artifacts) const override {
    try {
      *artifacts = generators_.at(kind)(pack, request, reporter);
      return std::nullopt;
    } catch (const std::exception& e) {
      return Problem(SourcePosition{}, kind + " threw: " + e.what(), Severity::Error,
                     Origin::Plugin);
    }
  }
  bool complete_ = true;

 private:
  std::vector<GeneratorInfo> infos_;
  std::map<std::string, Generate> generators_;
};

// The text of each error of the report whose fault is `origin`'s, in order.
std::vector<std::string> errors_of(const BuildReport& report, Origin origin) {
  std::vector<std::string> texts;
  for (const Problem& p : report.problems) {
    if (p.is_error() && p.origin == origin) texts.push_back(problem_text(p));
  }
  return texts;
}

Document note(const std::string& text) {
  Document d;
  d.title = text;
  d.blocks.push_back(doc::paragraph(text));
  return d;
}

class BuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(testing::message_of(renderer_.detect_pandoc()), "");
    pack_.id = "pack";
    pack_.title = "A pack";
    options_.out_directory = dir_.str();
    options_.formats = {Format::Html, Format::Markdown};
    options_.jobs = 2;
  }
  BuildReport build() { return Builder(host_, renderer_, theme_, options_).build(pack_); }
  fs::path out(const std::string& relative) const { return dir_.path() / "pack" / relative; }

  TempDir dir_;
  CopyingPandoc pandoc_;
  Renderer renderer_{pandoc_};
  Theme theme_;
  Pack pack_;
  BuildOptions options_;
  FakeHost host_;
};

TEST_F(BuilderTest, DocumentsInTheirFormatsAndFilesAsTheyAreAllLandAndAreRecorded) {
  host_.add("mixed", [](const Pack&, const GeneratorRequest&, Reporter&) {
    return std::vector<Artifact>{
        Artifact::rendered("any/one", note("everywhere")),
        Artifact::rendered("only/pdf", note("a poster"), {Format::Pdf}),
        Artifact::rendered("only/md", note("markdown only"), {Format::Markdown}),
        Artifact::file("quiz/questions.gift", "::q1:: What? {=yes ~no}\n")};
  });
  BuildReport report = build();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report.written, 4);  // any/one twice, only/md once, the file once
  EXPECT_TRUE(fs::exists(out("any/one.html")));
  EXPECT_TRUE(fs::exists(out("any/one.md")));
  EXPECT_TRUE(fs::exists(out("only/md.md")));
  EXPECT_FALSE(fs::exists(out("only/md.html")));
  EXPECT_FALSE(fs::exists(out("only/pdf.pdf")));
  EXPECT_FALSE(fs::exists(out("only/pdf.html")));
  EXPECT_EQ(read_file(out("quiz/questions.gift")), "::q1:: What? {=yes ~no}\n");
  OutputLog log(out("").string());
  EXPECT_EQ(log.records().size(), 4u);
  EXPECT_TRUE(log.records().count("quiz/questions.gift"));

  // Nothing changed: nothing rendered or written again.
  int conversions = pandoc_.conversions;
  BuildReport again = build();
  EXPECT_EQ(again.written, 0);
  EXPECT_EQ(again.unchanged, 4);
  EXPECT_EQ(pandoc_.conversions, conversions);
}

// A preview's open page is rendered before everything else, and each output is announced as it
// lands (in place when announced); an unchanged output is not announced.
TEST_F(BuilderTest, AnOpenPageIsRenderedFirstAndEachOutputIsAnnouncedAsItLands) {
  host_.add("many", [](const Pack&, const GeneratorRequest&, Reporter&) {
    std::vector<Artifact> artifacts;
    for (char c = 'a'; c <= 'h'; ++c) {
      std::string name(1, c);
      artifacts.push_back(Artifact::rendered("handouts/" + name, note(name), {Format::Html}));
    }
    return artifacts;
  });
  options_.jobs = 1;
  options_.first = {"pack/handouts/g.html"};
  std::mutex mutex;
  std::vector<std::string> announced;
  std::vector<bool> in_place;
  options_.written = [&](const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex);
    announced.push_back(path);
    in_place.push_back(fs::exists(dir_.path() / path));
  };
  ASSERT_TRUE(build().ok());
  ASSERT_EQ(announced.size(), 8u);
  EXPECT_EQ(announced.front(), "pack/handouts/g.html");
  for (std::size_t i = 0; i < in_place.size(); ++i) EXPECT_TRUE(in_place[i]) << announced[i];
  std::set<std::string> distinct(announced.begin(), announced.end());
  EXPECT_EQ(distinct.size(), 8u);
  announced.clear();
  ASSERT_TRUE(build().ok());
  EXPECT_TRUE(announced.empty());
}

// What the build left in place, in the order planned, whether written or found unchanged; in
// the output folder itself when asked (a coaching report's).
TEST_F(BuilderTest, TheReportListsEveryOutputInPlaceInPlannedOrder) {
  host_.add("two", [](const Pack&, const GeneratorRequest&, Reporter&) {
    return std::vector<Artifact>{Artifact::rendered("b", note("b")),
                                 Artifact::file("a.txt", "a\n")};
  });
  options_.in_out_directory = true;
  BuildReport first = build();
  ASSERT_TRUE(first.ok());
  const std::string out = dir_.str();
  auto paths = [](const BuildReport& report) {
    std::vector<std::pair<std::string, bool>> seen;
    for (const BuiltOutput& o : report.outputs) seen.emplace_back(o.path, o.unchanged);
    return seen;
  };
  using Seen = std::vector<std::pair<std::string, bool>>;
  EXPECT_EQ(paths(first), (Seen{{(fs::path(out) / "b.html").string(), false},
                                {(fs::path(out) / "b.md").string(), false},
                                {(fs::path(out) / "a.txt").string(), false}}));
  EXPECT_TRUE(fs::exists(dir_.path() / "b.html"));
  EXPECT_EQ(paths(build()), (Seen{{(fs::path(out) / "b.html").string(), true},
                                  {(fs::path(out) / "b.md").string(), true},
                                  {(fs::path(out) / "a.txt").string(), true}}));
}

TEST_F(BuilderTest, TheRequestCarriesOptionsSeedDateAndFormats) {
  GeneratorRequest seen;
  host_.add("echo", [&](const Pack&, const GeneratorRequest& request, Reporter&) {
    seen = request;
    return std::vector<Artifact>{};
  });
  OptionValue versions;
  versions.type = OptionValue::Type::Integer;
  versions.integer = 3;
  options_.generator_options["echo"].set("versions", versions);
  options_.seed = 42;
  options_.source_date = 1700000000;
  options_.edition = "trainer";
  build();
  EXPECT_EQ(seen.options.integer("versions"), 3);
  EXPECT_EQ(seen.seed, 42u);
  EXPECT_EQ(seen.source_date, 1700000000);
  EXPECT_EQ(seen.edition, "trainer");
  EXPECT_EQ(seen.formats, options_.formats);
}

TEST_F(BuilderTest, AContentErrorFromAGeneratorWritesNothingAndPointsAtTheAuthor) {
  host_.add("fine", [](const Pack&, const GeneratorRequest&, Reporter&) {
    return std::vector<Artifact>{Artifact::rendered("fine", note("fine"))};
  });
  host_.add("picky", [](const Pack&, const GeneratorRequest&, Reporter& reporter) {
    reporter.error(SourcePosition{"pack/posters/wall.toml", 4, 9}, "too much text for 8x10");
    return std::vector<Artifact>{};
  });
  BuildReport report = build();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(report.stopped);
  EXPECT_EQ(errors_of(report, Origin::Content),
            std::vector<std::string>{"pack/posters/wall.toml:4:9: too much text for 8x10"});
  EXPECT_FALSE(fs::exists(out("fine.html")));
}

TEST_F(BuilderTest, AWarningIsAProblemWithItsPositionThatFailsNothing) {
  host_.add("chatty", [](const Pack&, const GeneratorRequest&, Reporter& reporter) {
    reporter.warning(SourcePosition{"pack/principles/respect.toml", 2, 3}, "a long title");
    return std::vector<Artifact>{Artifact::file("x.txt", "x")};
  });
  BuildReport report = build();
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.failed, 0);
  EXPECT_EQ(report.written, 1);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].severity, Severity::Warning);
  EXPECT_EQ(report.problems[0].origin, Origin::Content);
  EXPECT_EQ(problem_text(report.problems[0]),
            "pack/principles/respect.toml:2:3: warning: a long title");
}

TEST_F(BuilderTest, AFailingGeneratorKeepsItsOldOutputsAndTheOthersAreBuilt) {
  bool broken = false;
  host_.add("flaky", [&](const Pack&, const GeneratorRequest&, Reporter& reporter) {
    if (broken) reporter.failure("the printer driver is missing");
    return std::vector<Artifact>{Artifact::file("flaky.txt", "made")};
  });
  host_.add("steady", [](const Pack&, const GeneratorRequest&, Reporter&) {
    return std::vector<Artifact>{Artifact::file("steady.txt", "made")};
  });
  ASSERT_TRUE(build().ok());
  broken = true;
  BuildReport report = build();
  std::vector<std::string> failed = errors_of(report, Origin::Plugin);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_NE(failed[0].find("the printer driver is missing"), std::string::npos);
  EXPECT_EQ(report.failed, 1);
  EXPECT_TRUE(fs::exists(out("flaky.txt"))) << "a failing generator's outputs stay";
  EXPECT_EQ(report.removed, 0);
  EXPECT_TRUE(fs::exists(out("steady.txt")));
}

TEST_F(BuilderTest, OutputsNoLongerMadeGoOnlyAfterACompleteRun) {
  std::vector<Artifact> made = {Artifact::file("a.txt", "a"), Artifact::file("b.txt", "b")};
  host_.add("files", [&](const Pack&, const GeneratorRequest&, Reporter&) { return made; });
  ASSERT_TRUE(build().ok());
  made.pop_back();
  host_.complete_ = false;  // a plugin was refused: b.txt may still be its
  EXPECT_EQ(build().removed, 0);
  EXPECT_TRUE(fs::exists(out("b.txt")));
  host_.complete_ = true;
  EXPECT_EQ(build().removed, 1);
  EXPECT_FALSE(fs::exists(out("b.txt")));
  EXPECT_FALSE(OutputLog(out("").string()).records().count("b.txt"));
}

// A build killed after a new file landed but before its record leaves the file's claim: the
// next complete build that no longer makes the file removes it, and one that does makes it anew.
TEST_F(BuilderTest, AFileLeftByAKilledBuildIsKnownByItsClaim) {
  std::vector<Artifact> made = {Artifact::file("a.txt", "a")};
  host_.add("files", [&](const Pack&, const GeneratorRequest&, Reporter&) { return made; });
  ASSERT_TRUE(build().ok());
  auto die_after_landing = [&](const std::string& name) {
    OutputLog log(out("").string());
    ASSERT_EQ(testing::message_of(log.claim(name)), "");
    std::ofstream(out(name)) << "half-built";
  };
  die_after_landing("b.txt");
  die_after_landing("a2.txt");
  made.push_back(Artifact::file("a2.txt", "a2"));
  BuildReport report = build();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report.removed, 1);
  EXPECT_FALSE(fs::exists(out("b.txt"))) << "the killed build's file goes";
  EXPECT_EQ(read_file(out("a2.txt")), "a2") << "a claim is never up to date";
  OutputLog log(out("").string());
  EXPECT_FALSE(log.records().count("b.txt"));
  EXPECT_TRUE(log.up_to_date("a2.txt", log.records().at("a2.txt").key));
}

TEST_F(BuilderTest, BadNamesAndClashesAreTheGeneratorsFault) {
  host_.add("careless", [](const Pack&, const GeneratorRequest&, Reporter&) {
    return std::vector<Artifact>{Artifact::file("../escape.txt", "x"),
                                 Artifact::file("twice.txt", "1"),
                                 Artifact::file("twice.txt", "2")};
  });
  BuildReport report = build();
  EXPECT_EQ(errors_of(report, Origin::Plugin).size(), 2u);
  EXPECT_FALSE(fs::exists(dir_.path() / "escape.txt"));
  EXPECT_EQ(read_file(out("twice.txt")), "1");
}

TEST_F(BuilderTest, WithoutPdfEverythingElseIsBuilt) {
  options_.formats = {Format::Html, Format::Pdf};
  options_.pdf_unavailable = "WeasyPrint was not found";
  host_.add("doc", [](const Pack&, const GeneratorRequest&, Reporter&) {
    return std::vector<Artifact>{Artifact::rendered("doc", note("text"))};
  });
  BuildReport report = build();
  EXPECT_EQ(report.written, 1);
  std::vector<std::string> failed = errors_of(report, Origin::Tool);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0], out("doc.pdf").string() + ": WeasyPrint was not found");
  EXPECT_EQ(report.failed, 1);
  EXPECT_TRUE(fs::exists(out("doc.html")));
}

// A derived artifact: a "package" made from the handouts' HTML once they are in place. The
// package's generator runs first, so the order comes from what it uses, not from the plugins.
class DerivedOutputTest : public BuilderTest {
 protected:
  void SetUp() override {
    BuilderTest::SetUp();
    host_.add("package", [this](const Pack&, const GeneratorRequest&, Reporter&) {
      Artifact::Make make = [this](const std::vector<UsedOutput>& used, Artifact& made, Reporter&) {
        ++makes_;
        if (throws_) throw std::runtime_error("the zip library ran out of memory");
        seen_.clear();
        for (const UsedOutput& u : used) {
          seen_.push_back(u.name);
          // What make gets is the output as this build left it.
          EXPECT_EQ(u.bytes, read_file(out(u.name))) << u.name;
          made.bytes += u.name + "=" + std::to_string(u.bytes.size()) + "\n";
        }
      };
      return std::vector<Artifact>{
          Artifact::derived(Artifact::file("package/handouts.txt", ""), {"handouts/*.html"}, make)};
    });
    host_.add("handouts", [this](const Pack&, const GeneratorRequest&, Reporter&) {
      return std::vector<Artifact>{Artifact::rendered("handouts/b", note(b_text_)),
                                   Artifact::rendered("handouts/a", note("respect")),
                                   Artifact::rendered("handouts/sub/c", note("not matched")),
                                   Artifact::file("handouts/notes.txt", notes_)};
    });
  }
  std::string package() const { return read_file(out("package/handouts.txt")); }

  std::string b_text_ = "listen";
  std::string notes_ = "notes";
  bool throws_ = false;
  int makes_ = 0;
  std::vector<std::string> seen_;
};

TEST_F(DerivedOutputTest, IsMadeAfterWhatItUsesFromTheMatchingOutputsSorted) {
  BuildReport report = build();
  ASSERT_TRUE(report.ok()) << (report.problems.empty() ? "" : problem_text(report.problems[0]));
  EXPECT_EQ(makes_, 1);
  // '*' stops at '/', and only the HTML was asked for.
  EXPECT_EQ(seen_, (std::vector<std::string>{"handouts/a.html", "handouts/b.html"}));
  std::string a = read_file(out("handouts/a.html"));
  std::string b = read_file(out("handouts/b.html"));
  EXPECT_EQ(package(), "handouts/a.html=" + std::to_string(a.size()) +
                           "\nhandouts/b.html=" + std::to_string(b.size()) + "\n");
  // 3 documents in 2 formats, the notes and the package.
  EXPECT_EQ(report.written, 8);
  EXPECT_TRUE(OutputLog(out("").string()).records().count("package/handouts.txt"));
}

TEST_F(DerivedOutputTest, IsWrittenAgainOnlyWhenAnOutputItUsesChanged) {
  ASSERT_TRUE(build().ok());
  FileIdentity first;
  ASSERT_TRUE(identify_file(out("package/handouts.txt").string(), &first));

  // Nothing changed: nothing is written, the package included.
  BuildReport again = build();
  EXPECT_EQ(again.written, 0);
  EXPECT_EQ(again.unchanged, 8);

  // An output it does not use changed: that output alone is written.
  notes_ = "more notes";
  BuildReport notes = build();
  EXPECT_EQ(notes.written, 1);
  FileIdentity kept;
  ASSERT_TRUE(identify_file(out("package/handouts.txt").string(), &kept));
  EXPECT_EQ(kept, first);

  // One it uses changed (and grew): the handout in both formats and the package.
  b_text_ = "listen before you answer";
  BuildReport changed = build();
  EXPECT_EQ(changed.written, 3);
  std::string b = read_file(out("handouts/b.html"));
  EXPECT_NE(package().find("handouts/b.html=" + std::to_string(b.size()) + "\n"), std::string::npos)
      << package();
}

TEST_F(DerivedOutputTest, FailsWithWhatItUsesAndKeepsItsPreviousFile) {
  ASSERT_TRUE(build().ok());
  std::string before = package();
  int makes = makes_;
  b_text_ = "BROKEN";
  pandoc_.fail_on = "BROKEN";
  BuildReport report = build();
  EXPECT_EQ(makes_, makes) << "make is not called without everything it uses";
  std::string named =
      out("package/handouts.txt").string() + ": not made, since handouts/b.html failed";
  std::vector<std::string> failed = errors_of(report, Origin::Tool);
  EXPECT_NE(std::find(failed.begin(), failed.end(), named), failed.end())
      << (failed.empty() ? "" : failed.back());
  EXPECT_EQ(report.failed, 3) << "b.html, b.md and the package";
  EXPECT_EQ(package(), before);

  // The plugin's make failing is the plugin's fault, by name; the previous file stays.
  pandoc_.fail_on.clear();
  throws_ = true;
  BuildReport thrown = build();
  std::vector<std::string> threw = errors_of(thrown, Origin::Plugin);
  ASSERT_EQ(threw.size(), 1u);
  EXPECT_NE(threw[0].find("generator 'package'"), std::string::npos);
  EXPECT_NE(threw[0].find("the zip library ran out of memory"), std::string::npos);
  EXPECT_EQ(package(), before);
  EXPECT_EQ(thrown.removed, 0);
}

TEST_F(DerivedOutputTest, ADerivedDocumentIsRenderedInItsFormats) {
  host_.add("index", [](const Pack&, const GeneratorRequest&, Reporter&) {
    Artifact planned = Artifact::rendered("index", Document{}, {Format::Markdown});
    return std::vector<Artifact>{
        Artifact::derived(planned, {"handouts/?.md"},
                          [](const std::vector<UsedOutput>& used, Artifact& made, Reporter&) {
                            Document d;
                            d.title = "Index";
                            for (const UsedOutput& u : used)
                              d.blocks.push_back(doc::paragraph("see " + u.name));
                            made.document = d;
                            made.formats = {Format::Html};  // the plan stays: ignored
                          })};
  });
  ASSERT_TRUE(build().ok());
  EXPECT_FALSE(fs::exists(out("index.html")));
  std::string index = read_file(out("index.md"));
  EXPECT_NE(index.find("handouts/a.md"), std::string::npos) << index;
  EXPECT_NE(index.find("handouts/b.md"), std::string::npos) << index;
  EXPECT_EQ(index.find("sub/c"), std::string::npos) << index;
}

TEST(OutputPatternTest, StarAndQuestionMarkStayWithinOnePart) {
  EXPECT_TRUE(output_pattern_matches("posters/*.png", "posters/respect.png"));
  EXPECT_TRUE(output_pattern_matches("posters/*.png", "posters/.png"));
  EXPECT_FALSE(output_pattern_matches("posters/*.png", "posters/wall/respect.png"));
  EXPECT_FALSE(output_pattern_matches("posters/*.png", "posters/respect.pdf"));
  EXPECT_TRUE(output_pattern_matches("*/*.pdf", "handouts/a.pdf"));
  EXPECT_FALSE(output_pattern_matches("*.pdf", "handouts/a.pdf"));
  EXPECT_TRUE(output_pattern_matches("quiz/quiz-?.gift", "quiz/quiz-a.gift"));
  EXPECT_FALSE(output_pattern_matches("quiz/quiz-?.gift", "quiz/quiz-ab.gift"));
  EXPECT_TRUE(output_pattern_matches("a*b*c", "aXbYbZc"));
  EXPECT_TRUE(output_pattern_matches("exact.txt", "exact.txt"));
  EXPECT_FALSE(output_pattern_matches("exact.txt", "exact.txt2"));
}

TEST(OutputLogTest, ARecordHoldsOnlyWhileItsFileIsTheOneRecorded) {
  TempDir dir;
  dir.write("a.txt", "first");
  {
    OutputLog log(dir.str());
    ASSERT_EQ(testing::message_of(log.record("a.txt", "k1")), "");
    EXPECT_TRUE(log.up_to_date("a.txt", "k1"));
    EXPECT_FALSE(log.up_to_date("a.txt", "k2"));
  }
  // Read back from disk; then the file is replaced (a new inode) without a new record, as
  // when a build dies between the rename and the record.
  EXPECT_TRUE(OutputLog(dir.str()).up_to_date("a.txt", "k1"));
  dir.write("a.tmp", "second");
  fs::rename(dir.path() / "a.tmp", dir.path() / "a.txt");
  EXPECT_FALSE(OutputLog(dir.str()).up_to_date("a.txt", "k1"));

  // A claim (written before its file) is known, never up to date, and survives compaction.
  {
    OutputLog log(dir.str());
    ASSERT_EQ(testing::message_of(log.claim("b.txt")), "");
    ASSERT_EQ(testing::message_of(log.claim("a.txt")), "") << "a known name is not claimed again";
  }
  {
    OutputLog log(dir.str());
    EXPECT_TRUE(log.records().count("b.txt"));
    EXPECT_FALSE(log.up_to_date("b.txt", ""));
    EXPECT_EQ(log.records().at("a.txt").key, "k1");
    ASSERT_EQ(testing::message_of(log.compact()), "");
  }
  EXPECT_TRUE(OutputLog(dir.str()).records().count("b.txt"));

  // A torn last line (the process died inside the write) is ignored, not misread.
  {
    std::ofstream log(dir.path() / OutputLog::kFileName, std::ios::app | std::ios::binary);
    log << "v1\tk9\t1\t2";
  }
  OutputLog torn(dir.str());
  EXPECT_EQ(torn.records().size(), 2u);
  EXPECT_EQ(torn.records().at("a.txt").key, "k1");
}

// A document dated by what it is made of (a coaching report by its latest evaluation) carries
// its own date, read back from the DOCX pandoc made; a new date of its own rebuilds it, and the
// other documents keep the build's.
TEST(BuilderDates, AnArtifactsOwnDateIsTheDateItCarries) {
  TempDir dir;
  SystemProcessRunner runner;
  Renderer renderer(runner);
  ASSERT_EQ(testing::message_of(renderer.detect_pandoc()), "");
  std::int64_t own = 1767225600;  // 2026-01-01
  FakeHost host;
  host.add("dated", [&own](const Pack&, const GeneratorRequest&, Reporter&) {
    Artifact dated = Artifact::rendered("dated", note("dated"), {Format::Docx});
    dated.source_date = own;
    return std::vector<Artifact>{dated,
                                 Artifact::rendered("undated", note("undated"), {Format::Docx})};
  });
  Pack pack;
  pack.id = "pack";
  BuildOptions options;
  options.out_directory = dir.str();
  options.formats = {Format::Docx};
  options.source_date = 1700000000;  // 2023-11-14
  renderer.set_source_date(options.source_date);
  Theme theme;
  auto created = [&](const std::string& name) {
    CommandResult core = runner.run(Command{
        {"unzip", "-p", (dir.path() / "pack" / (name + ".docx")).string(), "docProps/core.xml"}});
    std::size_t at = core.output.find("<dcterms:created");
    return at == std::string::npos ? core.output
                                   : core.output.substr(core.output.find('>', at) + 1, 10);
  };
  ASSERT_TRUE(Builder(host, renderer, theme, options).build(pack).ok());
  EXPECT_EQ(created("dated"), "2026-01-01");
  EXPECT_EQ(created("undated"), "2023-11-14");
  own += 86400;
  BuildReport again = Builder(host, renderer, theme, options).build(pack);
  EXPECT_EQ(again.written, 1);
  EXPECT_EQ(again.unchanged, 1);
  EXPECT_EQ(created("dated"), "2026-01-02");
}

}  // namespace
}  // namespace coachkit
