// The build as a QA team must be able to believe it: "unchanged" is always true, even after a
// build was killed at any moment; one build per output folder; an instant no-op; only what
// changed is rebuilt; and every usage mistake refused before anything is written.
#include <coachkit/format.hpp>
#include "support/process.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <filesystem>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;

namespace coachkit {
namespace {

using testing::FileMap;
using testing::files_below;

std::string script(const std::string& name) {
  return std::string(COACHKIT_SCRIPTS_DIR) + "/" + name;
}
std::string default_pack() {
  return std::string(COACHKIT_SOURCE_DIR) + "/content/service-principles";
}

std::vector<std::string> with_env(std::vector<std::string> env, std::vector<std::string> args) {
  std::vector<std::string> argv = {"env"};
  for (std::string& e : env) argv.push_back(std::move(e));
  argv.push_back(COACHKIT_PROGRAM);
  for (std::string& a : args) argv.push_back(std::move(a));
  return argv;
}

CommandResult run_argv(std::vector<std::string> argv, double timeout = 600) {
  SystemProcessRunner runner;
  return runner.run(Command{std::move(argv), "", timeout});
}

// The default pack, and an edited copy in which every principle's summary differs.
class TwoVersions : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(default_pack(), dir_.path() / "a", fs::copy_options::recursive);
    fs::copy(default_pack(), dir_.path() / "b", fs::copy_options::recursive);
    for (const auto& entry : fs::directory_iterator(dir_.path() / "b" / "principles")) {
      std::string text = read_file(entry.path());
      std::size_t at = text.find("summary = \"");
      ASSERT_NE(at, std::string::npos) << entry.path();
      text.insert(at + 11, "Edited: ");
      std::ofstream(entry.path(), std::ios::binary) << text;
    }
  }
  // Puts version `v` ("a" or "b") into the folder that is built, as an author's edit would.
  void use(const std::string& v) {
    fs::remove_all(dir_.path() / "pack");
    fs::copy(dir_.path() / v, dir_.path() / "pack", fs::copy_options::recursive);
  }
  std::vector<std::string> env(double delay = 0) const {
    std::vector<std::string> e = {"COACHKIT_PANDOC=" + script("copying_pandoc.sh"),
                                  "SOURCE_DATE_EPOCH=1700000000"};
    if (delay > 0) e.push_back("COACHKIT_FAKE_PANDOC_DELAY=" + std::to_string(delay));
    return e;
  }
  std::vector<std::string> build_args(const std::string& out) const {
    return {"build", (dir_.path() / "pack").string(), "--out", out, "--format", "html,md"};
  }
  // What a clean build of version `v` makes.
  FileMap clean_build(const std::string& v) {
    use(v);
    std::string out = (dir_.path() / ("clean-" + v)).string();
    CommandResult r = run_argv(with_env(env(), build_args(out)));
    EXPECT_EQ(r.exit_code, 0) << r.errors;
    return files_below(fs::path(out) / "service-principles");
  }
  TempDir dir_;
};

TEST_F(TwoVersions, BuildsKilledAtRandomMomentsNeverLeaveAFalseUnchanged) {
  std::map<std::string, FileMap> clean = {{"a", clean_build("a")}, {"b", clean_build("b")}};
  ASSERT_EQ(clean["a"].size(), clean["b"].size());
  ASSERT_NE(clean["a"], clean["b"]);
  std::string out = (dir_.path() / "out").string();
  fs::path pack_out = fs::path(out) / "service-principles";
  std::mt19937 random(20261126);
  std::uniform_real_distribution<double> moment(0.05, 1.2);
  const int kRounds = 16;
  for (int round = 0; round < kRounds; ++round) {
    // A build of one version is killed a random moment in ...
    std::string killed = round % 2 ? "a" : "b";
    use(killed);
    char seconds[16];
    std::snprintf(seconds, sizeof seconds, "%.3f", moment(random));
    std::vector<std::string> argv = {"timeout", "-s", round % 3 ? "KILL" : "INT", seconds};
    for (std::string& a : with_env(env(0.01), build_args(out))) argv.push_back(std::move(a));
    run_argv(argv);
    // ... then either version is built to the end: it must equal a clean build of it.
    std::string current = random() % 2 ? "a" : "b";
    use(current);
    CommandResult r = run_argv(with_env(env(), build_args(out)));
    ASSERT_EQ(r.exit_code, 0) << r.errors;
    FileMap now = files_below(pack_out);
    ASSERT_EQ(now.size(), clean[current].size()) << "round " << round;
    for (const auto& [name, bytes] : clean[current]) {
      ASSERT_EQ(now[name], bytes) << "round " << round << ": " << name << " is stale after a "
                                  << "build of " << killed << " was killed at " << seconds
                                  << " s and " << current << " was rebuilt: " << r.output;
    }
  }
}

TEST_F(TwoVersions, ASecondBuildOfTheSameFolderWaitsOrIsRefused) {
  FileMap clean_b = clean_build("b");
  use("a");
  std::string out = (dir_.path() / "out").string();
  // A slow build of version a holds the folder ...
  std::vector<std::string> argv = with_env(env(0.2), build_args(out));
  pid_t first = 0;
  int null = open("/dev/null", O_RDWR);
  std::optional<ScopedChild> guard;
  ASSERT_EQ(spawn_process("/usr/bin/env", argv, null, null, null, &first, &guard), 0);
  // ... until its lock is taken, a second build could still start first: wait for the lock.
  for (int i = 0; i < 200 && !fs::exists(fs::path(out) / ".coachkit-lock"); ++i) usleep(20000);
  usleep(300000);
  CommandResult refused = run_argv(with_env(env(), {"build", (dir_.path() / "b").string(), "--out",
                                                    out, "--format", "html,md", "--no-wait"}));
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.errors.find("another coachkit build"), std::string::npos) << refused.errors;
  // Without --no-wait the second build waits for the first, then builds its own content whole.
  CommandResult waited = run_argv(with_env(
      env(), {"build", (dir_.path() / "b").string(), "--out", out, "--format", "html,md"}));
  EXPECT_EQ(waited.exit_code, 0) << waited.errors;
  int status = 0;
  waitpid(first, &status, 0);
  close(null);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(files_below(fs::path(out) / "service-principles"), clean_b)
      << "the second build must not be mixed with the first";
  // And a killed build never blocks the next one: the kernel drops its lock.
  CommandResult killed = run_argv(
      {"timeout", "-s", "KILL", "0.5", "env", "COACHKIT_PANDOC=" + script("copying_pandoc.sh"),
       "COACHKIT_FAKE_PANDOC_DELAY=0.3", COACHKIT_PROGRAM, "build", (dir_.path() / "a").string(),
       "--out", out, "--format", "html,md"});
  CommandResult after = run_argv(with_env(env(), {"build", (dir_.path() / "b").string(), "--out",
                                                  out, "--format", "html,md", "--no-wait"}));
  EXPECT_EQ(after.exit_code, 0) << after.errors;
}

TEST_F(TwoVersions, ANoOpRunsNoToolAndTouchingRebuildsOnlyWhatChanged) {
  use("a");
  std::string out = (dir_.path() / "out").string();
  std::string log = (dir_.path() / "pandoc.log").string();
  std::vector<std::string> e = env();
  e.push_back("COACHKIT_FAKE_PANDOC_LOG=" + log);
  CommandResult first = run_argv(with_env(e, build_args(out)));
  ASSERT_EQ(first.exit_code, 0) << first.errors;
  ASSERT_TRUE(fs::exists(log));
  fs::remove(log);
  FileMap built = files_below(fs::path(out) / "service-principles");

  // Nothing changed: nothing is loaded or run, and the report says so.
  CommandResult again = run_argv(with_env(e, build_args(out)));
  EXPECT_EQ(again.exit_code, 0) << again.errors;
  EXPECT_NE(again.output.find(": 0 written, " + std::to_string(built.size()) + " unchanged"),
            std::string::npos)
      << again.output;
  EXPECT_FALSE(fs::exists(log)) << "a no-op ran pandoc: " << read_file(log);

  // Touched but not changed: checked, and nothing rebuilt.
  fs::path respect = dir_.path() / "pack" / "principles" / "respect.toml";
  fs::last_write_time(respect, fs::last_write_time(respect) + std::chrono::seconds(5));
  CommandResult touched = run_argv(with_env(e, build_args(out)));
  EXPECT_NE(touched.output.find(": 0 written"), std::string::npos) << touched.output;

  // One principle changed: exactly the documents that include it are rebuilt.
  std::string text = read_file(respect);
  text.insert(text.find("summary = \"") + 11, "Changed: ");
  std::ofstream(respect, std::ios::binary) << text;
  CommandResult changed = run_argv(with_env(e, build_args(out)));
  ASSERT_EQ(changed.exit_code, 0) << changed.errors;
  FileMap after = files_below(fs::path(out) / "service-principles");
  int differ = 0;
  for (const auto& [name, bytes] : after) differ += built[name] != bytes;
  EXPECT_GT(differ, 0);
  EXPECT_LT(differ, static_cast<int>(built.size()) / 4);
  EXPECT_NE(changed.output.find(": " + std::to_string(differ) + " written"), std::string::npos)
      << changed.output << " (" << differ << " files changed)";

  // An output removed or edited by hand is noticed by the no-op check and rebuilt.
  fs::path output = fs::path(out) / "service-principles" / "handouts" / "integrity.md";
  std::ofstream(output, std::ios::binary) << "edited by hand";
  CommandResult repaired = run_argv(with_env(e, build_args(out)));
  EXPECT_NE(repaired.output.find(": 1 written"), std::string::npos) << repaired.output;
  EXPECT_EQ(read_file(output), after["handouts/integrity.md"]);
}

TEST(BuildOutputs, IdenticalBytesFromRunToRunWhateverTheJobs) {
  TempDir dir;
  dir.write("pack/pack.toml",
            "[pack]\nid = \"small\"\ntitle = \"Small\"\nversion = \"1\"\nlanguage = \"en\"\n"
            "authors = [\"tests\"]\nlicense = \"CC0\"\ndate = 2026-01-15\n");
  for (const char* id : {"listen", "respect", "follow-up"}) {
    dir.write(std::string("pack/principles/") + id + ".toml",
              std::string("[principle]\nid = \"") + id + "\"\ntitle = \"" + id +
                  "\"\nsummary = \"A summary.\"\n[[principle.do]]\nid = \"d\"\ntext = \"Do "
                  "it.\"\nwhy = \"Because.\"\n");
  }
  std::map<std::string, FileMap> builds;
  for (const char* jobs : {"1", "2", "2b"}) {
    std::string out = dir.str() + "/out-" + jobs;
    std::string j = std::string(jobs).substr(0, 1);
    CommandResult r =
        run_argv(with_env({}, {"build", dir.str() + "/pack", "--out", out, "--jobs", j}));
    ASSERT_EQ(r.exit_code, 0) << r.errors;
    builds[jobs] = files_below(fs::path(out) / "small");
    if (std::string(jobs) == "2") sleep(1);  // a later second, for anything that reads the clock
  }
  // Three principles and the pack, in five formats and two editions, and two slide decks; and
  // the quiz drawn from their do's: quiz and key in pdf, docx and html, and its GIFT, Moodle XML,
  // QTI zip and self-check page.
  ASSERT_EQ(builds["1"].size(), 4u * 5u * 2u + 2u + 2u * 3u + 4u);
  for (const auto& [name, bytes] : builds["1"]) {
    EXPECT_EQ(builds["2"][name], bytes) << name << " differs between --jobs 1 and --jobs 2";
    EXPECT_EQ(builds["2b"][name], bytes) << name << " differs from one run to the next";
  }
}

// The README's first command renders the default pack; what it writes, kind by kind, is what the
// README's "Timings" section says it writes (the figures there come from this test).
TEST(BuildOutputs, TheDefaultPackMakesWhatTheReadmeSays) {
  std::string readme = read_file(std::string(COACHKIT_SOURCE_DIR) + "/README.md");
  std::smatch said;
  std::regex figures(
      "writes (\\d+) files: (\\d+) handouts, (\\d+) pack handouts, (\\d+) worksheets, "
      "(\\d+) slide decks, (\\d+) poster files [(](\\d+) posters, (\\d+) previews, a contact "
      "sheet as PDF and PNG[)], (\\d+) quiz files and (\\d+) rubric files");
  std::string flat = std::regex_replace(readme, std::regex("\\s+"), " ");
  ASSERT_TRUE(std::regex_search(flat, said, figures))
      << "the README no longer states what tools/render.sh writes in the expected words";
  TempDir dir;
  CommandResult r = run_argv(with_env({}, {"build", default_pack(), "--out", dir.str()}), 1200);
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  // The build names no kind of content it leaves out (render.sh builds every plugin).
  EXPECT_EQ(r.errors.find("no loaded plugin makes"), std::string::npos) << r.errors;
  std::map<std::string, int> kinds;
  int total = 0, posters = 0, previews = 0;
  for (const auto& [name, bytes] : files_below(fs::path(dir.str()) / "service-principles")) {
    ++total;
    std::string path = name.rfind("trainer/", 0) == 0 ? name.substr(8) : name;
    std::string top = path.substr(0, path.find('/'));
    if (path.find('/') == std::string::npos) {
      top = path.find("-slides.") != std::string::npos ? "slides" : "pack";
    }
    ++kinds[top];
    if (top == "posters" && path.find("contact-sheet") == std::string::npos) {
      (path.size() > 4 && path.substr(path.size() - 4) == ".png" ? previews : posters) += 1;
    }
  }
  EXPECT_EQ(total, std::stoi(said[1])) << "files in all";
  EXPECT_EQ(kinds["handouts"], std::stoi(said[2])) << "handouts";
  EXPECT_EQ(kinds["pack"], std::stoi(said[3])) << "pack handouts";
  EXPECT_EQ(kinds["activities"], std::stoi(said[4])) << "worksheets";
  EXPECT_EQ(kinds["slides"], std::stoi(said[5])) << "slide decks";
  EXPECT_EQ(kinds["posters"], std::stoi(said[6])) << "poster files";
  EXPECT_EQ(posters, std::stoi(said[7])) << "posters";
  EXPECT_EQ(previews, std::stoi(said[8])) << "poster previews";
  EXPECT_EQ(kinds["quiz"], std::stoi(said[9])) << "quiz files";
  EXPECT_EQ(kinds["rubrics"], std::stoi(said[10])) << "rubric files";
}

// A build with only the handout plugin beside the program (as render.sh once built) says what
// it leaves out, in every build: the no-op ones too.
TEST(BuildUsage, ContentNoLoadedPluginMakesIsNamedInEveryBuild) {
  TempDir dir;
  fs::path program = dir.path() / "bin" / "coachkit";
  fs::create_directories(program.parent_path());
  fs::create_directories(dir.path() / "lib/coachkit/plugins");
  fs::create_directories(dir.path() / "share");
  fs::copy_file(COACHKIT_PROGRAM, program);
  fs::permissions(program, fs::perms::owner_all, fs::perm_options::add);
  fs::copy_file(std::string(COACHKIT_BUILTIN_PLUGIN_DIR) + "/coachkit-handout.so",
                dir.path() / "lib/coachkit/plugins/coachkit-handout.so");
  fs::create_directory_symlink(
      fs::path(COACHKIT_PROGRAM).parent_path().parent_path() / "share" / "coachkit",
      dir.path() / "share/coachkit");
  std::vector<std::string> argv = {"env",
                                   "COACHKIT_PANDOC=" + script("copying_pandoc.sh"),
                                   program.string(),
                                   "build",
                                   default_pack(),
                                   "--out",
                                   dir.str() + "/out",
                                   "--format",
                                   "html"};
  const std::string warning =
      "service-principles: warning: the pack holds posters, questions and rubrics, which no "
      "loaded plugin makes into output: build the poster, quiz and rubric plugins";
  CommandResult first = run_argv(argv);
  ASSERT_EQ(first.exit_code, 0) << first.errors;
  EXPECT_NE(first.errors.find(warning), std::string::npos) << first.errors;
  CommandResult again = run_argv(argv);
  ASSERT_EQ(again.exit_code, 0) << again.errors;
  EXPECT_NE(again.output.find(" 0 written"), std::string::npos) << again.output;
  EXPECT_NE(again.errors.find(warning), std::string::npos) << again.errors;
  // With every plugin (the normal program), nothing is left out and nothing is said.
  CommandResult all = run_argv(
      with_env({"COACHKIT_PANDOC=" + script("copying_pandoc.sh")},
               {"build", default_pack(), "--out", dir.str() + "/all", "--format", "html"}));
  ASSERT_EQ(all.exit_code, 0) << all.errors;
  EXPECT_EQ(all.errors.find("no loaded plugin"), std::string::npos) << all.errors;
}

TEST(BuildUsage, MistakesAreRefusedBeforeAnythingIsWritten) {
  TempDir dir;
  CommandResult empty_out = run_argv(with_env({}, {"build", default_pack(), "--out", ""}));
  EXPECT_EQ(empty_out.exit_code, 1);
  EXPECT_NE(empty_out.errors.find("--out"), std::string::npos) << empty_out.errors;

  std::string out = dir.str() + "/out";
  CommandResult missing_dir = run_argv(with_env(
      {}, {"--plugin-dir", dir.str() + "/no-such-folder", "build", default_pack(), "--out", out}));
  EXPECT_EQ(missing_dir.exit_code, 1);
  EXPECT_NE(missing_dir.errors.find("no-such-folder"), std::string::npos) << missing_dir.errors;

  for (const char* timeout : {"nan", "inf", "-1", "0"}) {
    CommandResult r =
        run_argv(with_env({}, {"build", default_pack(), "--out", out, "--timeout", timeout}));
    EXPECT_EQ(r.exit_code, 1) << "--timeout " << timeout;
  }
  EXPECT_FALSE(fs::exists(out));
}

TEST(BuildUsage, WithoutWeasyPrintEveryOtherFormatIsStillBuilt) {
  TempDir dir;
  std::string out = dir.str() + "/out";
  CommandResult r =
      run_argv(with_env({"COACHKIT_WEASYPRINT=/nonexistent/weasyprint",
                         "COACHKIT_PANDOC=" + script("copying_pandoc.sh")},
                        {"build", default_pack(), "--out", out, "--format", "pdf,html"}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.errors.find("WeasyPrint was not found"), std::string::npos) << r.errors;
  fs::path pack_out = fs::path(out) / "service-principles";
  EXPECT_TRUE(fs::exists(pack_out / "handouts" / "respect.html"));
  EXPECT_FALSE(fs::exists(pack_out / "handouts" / "respect.pdf"));
  EXPECT_NE(r.output.find("failed"), std::string::npos) << r.output;
}

// ---- Random sequences of builds into one folder --------------------------------------------
//
// Whatever was built into a folder before (another copy of the pack, another theme, format,
// --only, --edition or --set, or a build killed half-way), each build that finishes leaves the
// folder as a clean build of it would: every file byte-identical, and the log claiming nothing
// a clean build would not make.

// One build's settings; `variant` names the pack folder.
struct BuildConfig {
  int variant = 0;
  std::string theme = "default";
  std::string formats = "html,md";
  std::string only;  // "" or KIND[,KIND]
  std::string edition;
  std::string set;
  std::string name() const {
    return "v" + std::to_string(variant) + "|" + theme + "|" + formats + "|" + only + "|" +
           edition + "|" + set;
  }
  bool real_tools() const { return formats.find("pdf") != std::string::npos; }
};

// The log's current records: relative path -> key (the last line for a path wins).
std::map<std::string, std::string> log_keys(const fs::path& pack_out) {
  std::map<std::string, std::string> keys;
  std::istringstream in(read_file(pack_out / ".coachkit-log"));
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      fields.push_back(line.substr(start, tab - start));
    }
    fields.push_back(line.substr(start));
    // A removal, or a claim made before its file is written (no record yet).
    if (fields.size() == 3 && (fields[1] == "-" || fields[1] == "?")) keys.erase(fields[2]);
    if (fields.size() == 6) keys[fields[5]] = fields[1];
  }
  return keys;
}

// Whether the build `config` makes outputs like `name` (its generator ran, in that format), so
// that an extra one is stale rather than kept on purpose (another format, or not in --only).
bool made_by(const std::string& name, const BuildConfig& config) {
  std::string kind = name.rfind("posters/", 0) == 0               ? "poster"
                     : name.rfind("quiz/", 0) == 0                ? "quiz"
                     : name.rfind("rubrics/", 0) == 0             ? "rubric"
                     : name.find("-slides.") != std::string::npos ? "slides"
                                                                  : "handout";
  if (!config.only.empty() &&
      ("," + config.only + ",").find("," + kind + ",") == std::string::npos) {
    return false;
  }
  std::string extension = name.substr(name.rfind('.') + 1);
  if (extension == "png") extension = "pdf";  // a preview follows its PDF
  if (!parse_format(extension)) return true;  // a file a generator writes itself
  return ("," + config.formats + ",").find("," + extension + ",") != std::string::npos;
}

class BuildSequences : public ::testing::Test {
 protected:
  // Small copies of the default pack, all with its id: the base, its summaries edited, one
  // more principle, and one without posters and rubrics.
  void SetUp() override {
    fs::path base = dir_.path() / "v0";
    testing::copy_small_default_pack(default_pack(), base);
    fs::copy(base, dir_.path() / "v1", fs::copy_options::recursive);
    for (const auto& entry : fs::directory_iterator(dir_.path() / "v1" / "principles")) {
      std::string text = read_file(entry.path());
      text.insert(text.find("summary = \"") + 11, "Edited: ");
      std::ofstream(entry.path(), std::ios::binary) << text;
    }
    fs::copy(base, dir_.path() / "v2", fs::copy_options::recursive);
    fs::copy(fs::path(default_pack()) / "principles" / "golden-rule.toml",
             dir_.path() / "v2" / "principles" / "golden-rule.toml");
    fs::copy(base, dir_.path() / "v3", fs::copy_options::recursive);
    fs::remove_all(dir_.path() / "v3" / "posters");
    fs::remove_all(dir_.path() / "v3" / "rubrics");
  }

  std::vector<std::string> env(const BuildConfig& config, bool slow) const {
    std::vector<std::string> e = {"SOURCE_DATE_EPOCH=1700000000"};
    if (!config.real_tools()) e.push_back("COACHKIT_PANDOC=" + script("copying_pandoc.sh"));
    if (slow && !config.real_tools()) e.push_back("COACHKIT_FAKE_PANDOC_DELAY=0.01");
    return e;
  }
  std::vector<std::string> args(const BuildConfig& config, const std::string& out) const {
    std::vector<std::string> a = {
        "build",    (dir_.path() / ("v" + std::to_string(config.variant))).string(),
        "--out",    out,
        "--format", config.formats,
        "--theme",  config.theme};
    if (!config.only.empty()) a.insert(a.end(), {"--only", config.only});
    if (!config.edition.empty()) a.insert(a.end(), {"--edition", config.edition});
    if (!config.set.empty()) a.insert(a.end(), {"--set", config.set});
    return a;
  }
  // The folder a clean build of `config` makes (built once per configuration).
  fs::path clean(const BuildConfig& config) {
    auto found = clean_.find(config.name());
    if (found != clean_.end()) return found->second;
    fs::path out = dir_.path() / ("clean-" + std::to_string(clean_.size()));
    CommandResult r = run_argv(with_env(env(config, false), args(config, out.string())));
    EXPECT_EQ(r.exit_code, 0) << config.name() << ": " << r.errors;
    return clean_[config.name()] = out / "service-principles";
  }

  // Builds random configurations into one folder, killing some of them at random moments;
  // after each build that finishes, the folder must be what a clean build of it makes.
  void run_sequence(std::uint32_t seed, int steps) {
    std::mt19937 random(seed);
    auto pick = [&](const std::vector<std::string>& from) { return from[random() % from.size()]; };
    std::string out = (dir_.path() / "out").string();
    fs::path pack_out = fs::path(out) / "service-principles";
    std::vector<BuildConfig> recent;
    std::string history;
    for (int step = 0; step < steps; ++step) {
      BuildConfig config;
      if (!recent.empty() && random() % 5 < 2) {
        // Often a configuration built a little earlier: the case a stale stamp would answer.
        config = recent[random() % recent.size()];
      } else {
        config.variant = static_cast<int>(random() % 4);
        config.theme = pick({"default", "default", "classic", "modern"});
        config.formats = random() % 25 == 0 ? "pdf" : pick({"html,md", "html,md", "html", "md"});
        config.only = pick({"", "", "", "handout", "quiz,rubric", "poster,slides"});
        config.edition = pick({"", "", "", "participant", "trainer"});
        config.set = pick({"", "", "", "quiz.versions=2", "handout.pack=false"});
        // A few PDF steps, with the real tools, kept to posters and scorecards for time.
        if (config.real_tools()) config.only = "poster,rubric";
      }
      recent.push_back(config);
      if (recent.size() > 3) recent.erase(recent.begin());
      bool kill = !config.real_tools() && random() % 4 == 0;
      history += "\n  " + std::string(kill ? "killed " : "") + config.name();
      if (kill) {
        char seconds[16];
        std::snprintf(seconds, sizeof seconds, "%.3f", 0.02 + (random() % 800) / 1000.0);
        history += " at " + std::string(seconds) + " s";
        std::vector<std::string> argv = {"timeout", "-s", "KILL", seconds};
        for (std::string& a : with_env(env(config, true), args(config, out))) {
          argv.push_back(std::move(a));
        }
        run_argv(argv);
        continue;
      }
      CommandResult r = run_argv(with_env(env(config, false), args(config, out)));
      ASSERT_EQ(r.exit_code, 0) << r.errors << history;
      fs::path expected = clean(config);
      std::string where = "step " + std::to_string(step) + " (seed " + std::to_string(seed) +
                          "), after:" + history + "\nit said: " + r.output;
      FileMap want = files_below(expected);
      FileMap have = files_below(pack_out);
      for (const auto& [name, bytes] : want) {
        ASSERT_TRUE(have.count(name)) << name << " is missing at " << where;
        ASSERT_EQ(have[name], bytes) << name << " is not what a clean build makes at " << where;
      }
      std::map<std::string, std::string> want_keys = log_keys(expected);
      std::map<std::string, std::string> have_keys = log_keys(pack_out);
      for (const auto& [name, key] : have_keys) {
        if (want_keys.count(name)) {
          ASSERT_EQ(key, want_keys[name]) << "the log's record of " << name << " at " << where;
        } else if (config.only.empty()) {
          ASSERT_FALSE(made_by(name, config))
              << "the log claims " << name << ", which a clean build does not make, at " << where;
        }
      }
      for (const auto& [name, bytes] : have) {
        if (!want.count(name) && config.only.empty()) {
          ASSERT_FALSE(made_by(name, config))
              << name << " is left over, and a clean build does not make it, at " << where;
        }
      }
    }
  }

  TempDir dir_;
  std::map<std::string, fs::path> clean_;
};

// The sanitizer build runs the first steps of each sequence: there the builds' memory is what is
// checked, four to five times slower, and the sequences themselves are the normal build's.
#ifdef __SANITIZE_ADDRESS__
constexpr int kSteps = 20;
#else
constexpr int kSteps = 55;
#endif

TEST_F(BuildSequences, FirstSeed) { run_sequence(1, kSteps); }
TEST_F(BuildSequences, SecondSeed) { run_sequence(2, kSteps); }
TEST_F(BuildSequences, ThirdSeed) { run_sequence(3, kSteps); }
TEST_F(BuildSequences, FourthSeed) { run_sequence(4, kSteps); }

// What the summary line of a build says: written, unchanged and failed outputs.
struct Summary {
  int written = -1, unchanged = -1, failed = 0;
};
Summary summary_of(const std::string& output) {
  static const std::regex line(
      R"((\d+) written, (\d+) unchanged(?:, \d+ removed)?(?:, (\d+) failed)?)");
  std::smatch m;
  Summary s;
  if (!std::regex_search(output, m, line)) return s;
  s.written = std::stoi(m[1]);
  s.unchanged = std::stoi(m[2]);
  if (m[3].matched) s.failed = std::stoi(m[3]);
  return s;
}

// With every PDF failing (a killed or broken WeasyPrint), each poster's preview and the contact
// sheet, made from those PDFs, fail with them: every output the build plans is counted once,
// every failed one is named, and every previous version stays.
TEST(BuildOutputs, WhenThePdfsFailTheirPreviewsAndContactSheetAreCountedAndNamed) {
  TempDir dir;
  std::string out = dir.str() + "/out";
  std::vector<std::string> args = {"build",  default_pack(), "--out",    out,
                                   "--only", "poster",       "--format", "pdf"};
  CommandResult first = run_argv(with_env({"SOURCE_DATE_EPOCH=1700000000"}, args));
  ASSERT_EQ(first.exit_code, 0) << first.errors;
  FileMap before = files_below(fs::path(out) / "service-principles");
  // Poster PDFs, their PNG previews and the contact sheet (PDF and PNG).
  ASSERT_GT(before.size(), 4u);
  ASSERT_EQ(before.count("posters/contact-sheet.png"), 1u);
  Summary made = summary_of(first.output);
  EXPECT_EQ(made.written + made.unchanged, static_cast<int>(before.size())) << first.output;

  CommandResult r = run_argv(with_env({"SOURCE_DATE_EPOCH=1700000000", "COACHKIT_PDF_WORKERS=0",
                                       "COACHKIT_WEASYPRINT=" + script("failing_weasyprint.sh")},
                                      args));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  Summary s = summary_of(r.output);
  EXPECT_EQ(s.written + s.unchanged + s.failed, static_cast<int>(before.size())) << r.output;
  EXPECT_EQ(s.failed, static_cast<int>(before.size())) << r.output;
  for (const auto& [name, bytes] : before) {
    EXPECT_NE(r.errors.find("service-principles/" + name + ": "), std::string::npos)
        << name << " is not named in the errors";
  }
  EXPECT_EQ(files_below(fs::path(out) / "service-principles"), before);
}

}  // namespace
}  // namespace coachkit
