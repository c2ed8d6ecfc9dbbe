#include "hosting/plugin_host.hpp"

#include "build/build.hpp"

#include "pack/pack_loader.hpp"
#include "support/sha256.hpp"
#include "test_support.hpp"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <sys/stat.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

namespace fs = std::filesystem;
using coachkit::testing::read_file;
using coachkit::testing::TempDir;

namespace coachkit {
namespace {

std::string test_plugin(const std::string& name) {
  return std::string(COACHKIT_TEST_PLUGIN_DIR) + "/coachkit-test_" + name + ".so";
}

const Problem* refusal_of(const PluginHost& host, const std::string& file_part) {
  for (const Problem& r : host.refused()) {
    if (r.where.file.find(file_part) != std::string::npos) return &r;
  }
  return nullptr;
}

// Whether the dynamic loader has `path` mapped into this process.
bool loaded_in_this_process(const std::string& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle) dlclose(handle);
  return handle != nullptr;
}

// A copy of a test plugin whose bytes a test then damages through the ELF structures.
class PluginCopy {
 public:
  PluginCopy(const TempDir& dir, const std::string& name)
      : path_((dir.path() / name).string()), bytes_(read_file(test_plugin("good"))) {}

  ElfW(Ehdr) & header() { return *reinterpret_cast<ElfW(Ehdr)*>(bytes_.data()); }
  ElfW(Shdr) & section(std::size_t i) {
    return *reinterpret_cast<ElfW(Shdr)*>(bytes_.data() + header().e_shoff +
                                          i * sizeof(ElfW(Shdr)));
  }
  std::size_t section_index(const std::string& name) {
    const char* names = bytes_.data() + section(header().e_shstrndx).sh_offset;
    for (std::size_t i = 0; i < header().e_shnum; ++i) {
      if (name == names + section(i).sh_name) return i;
    }
    return 0;
  }
  std::string& bytes() { return bytes_; }
  const std::string& path() const { return path_; }
  std::string write() const {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << bytes_;
    return path_;
  }

 private:
  std::string path_;
  std::string bytes_;
};

// Loads `file` in a host of its own and checks the two outcomes there may be: loaded, or
// refused with a reason, under the file's own name.
void expect_loaded_or_refused(const std::string& file, const std::string& what) {
  PluginHost host;
  host.load_file(file);
  if (host.refused().empty()) {
    EXPECT_EQ(host.plugins().size(), 1u) << what;
    return;
  }
  EXPECT_TRUE(host.plugins().empty()) << what;
  EXPECT_EQ(host.refused()[0].where.file, file) << what;
  EXPECT_FALSE(host.refused()[0].message.empty()) << what;
}

Pack tiny_pack() {
  Pack pack;
  pack.id = "tiny";
  pack.title = "Tiny";
  Principle p;
  p.id = "respect";
  p.title = "Respect";
  pack.principles.push_back(p);
  return pack;
}

TEST(PluginHost, LoadsAGoodPluginWithItsDescriptor) {
  PluginHost host;
  host.load_file(test_plugin("good"));
  ASSERT_TRUE(host.refused().empty()) << host.refused().front().message;
  ASSERT_EQ(host.plugins().size(), 1u);
  const LoadedPlugin& p = host.plugins().front();
  EXPECT_EQ(p.name, "test-good");
  EXPECT_EQ(p.version, "1.2.3");
  EXPECT_EQ(p.abi_major, kAbiMajor);
  EXPECT_EQ(p.abi_minor, kAbiMinor);
  ASSERT_EQ(p.generators.size(), 1u);
  EXPECT_EQ(p.generators.front().kind, "test-card");

  std::vector<Artifact> artifacts;
  coachkit::testing::RecordingReporter reporter;
  std::optional<Problem> problem = host.generate(p.generators.front().kind, tiny_pack(),
                                                 GeneratorRequest{}, reporter, &artifacts);
  ASSERT_FALSE(problem) << problem->message;
  ASSERT_EQ(artifacts.size(), 1u);
  EXPECT_EQ(artifacts[0].name, "cards/tiny");
  EXPECT_EQ(artifacts[0].document.title, "Card for Tiny");
}

TEST(PluginHost, RefusesAWrongMajorAbiWithoutLoadingIt) {
  PluginHost host;
  host.load_file(test_plugin("wrong_abi"));
  EXPECT_TRUE(host.plugins().empty());
  ASSERT_EQ(host.refused().size(), 1u);
  const std::string& reason = host.refused()[0].message;
  EXPECT_NE(reason.find("ABI 1.x"), std::string::npos) << reason;
  EXPECT_NE(reason.find("ABI " + std::to_string(kAbiMajor) + "." + std::to_string(kAbiMinor)),
            std::string::npos)
      << reason;
  EXPECT_EQ(host.refused()[0].where.file, test_plugin("wrong_abi"));
  EXPECT_EQ(host.refused()[0].origin, Origin::Plugin);
  EXPECT_TRUE(host.refused()[0].is_error());
}

TEST(PluginHost, RefusesANewerMinorAbiNamingBothVersions) {
  PluginHost host;
  host.load_file(test_plugin("newer_minor"));
  EXPECT_TRUE(host.plugins().empty());
  ASSERT_EQ(host.refused().size(), 1u);
  const std::string& reason = host.refused()[0].message;
  std::string plugin_abi = std::to_string(kAbiMajor) + "." + std::to_string(kAbiMinor + 7);
  std::string host_abi = std::to_string(kAbiMajor) + "." + std::to_string(kAbiMinor);
  EXPECT_NE(reason.find("plugin ABI " + plugin_abi), std::string::npos) << reason;
  EXPECT_NE(reason.find("ABI " + host_abi), std::string::npos) << reason;
}

TEST(PluginHost, RefusesALibraryWithoutEntryPoint) {
  PluginHost host;
  host.load_file(test_plugin("no_entry"));
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_NE(host.refused()[0].message.find("no coachkit entry point"), std::string::npos)
      << host.refused()[0].message;
}

TEST(PluginHost, RefusesAFileThatIsNotALibrary) {
  TempDir dir;
  fs::path fake = dir.write("broken.so", "this is text, not a shared library\n");
  PluginHost host;
  host.load_file(fake.string());
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_EQ(host.refused()[0].where.file, fake.string());
  EXPECT_NE(host.refused()[0].message.find("not a shared library"), std::string::npos)
      << host.refused()[0].message;
}

TEST(PluginHost, AThrowingPluginIsReportedByNameAndOthersStillWork) {
  PluginHost host;
  host.load_file(test_plugin("throwing"));
  host.load_file(test_plugin("good"));
  ASSERT_EQ(host.plugins().size(), 2u);
  Pack pack = tiny_pack();
  int worked = 0;
  std::vector<std::string> errors;
  for (const LoadedPlugin& p : host.plugins()) {
    for (const auto& g : p.generators) {
      std::vector<Artifact> artifacts;
      coachkit::testing::RecordingReporter reporter;
      if (auto problem = host.generate(g.kind, pack, GeneratorRequest{}, reporter, &artifacts)) {
        EXPECT_EQ(problem->origin, Origin::Plugin);
        errors.push_back(problem->message);
      } else {
        worked += static_cast<int>(artifacts.size());
      }
    }
  }
  EXPECT_EQ(worked, 1);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("test-throwing"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("the test plugin broke on purpose"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find(test_plugin("throwing")), std::string::npos) << errors[0];
}

TEST(PluginHost, ADirectoryWithBrokenPluginsStillLoadsTheGoodOnes) {
  TempDir dir;
  for (const char* name :
       {"good", "wrong_abi", "newer_minor", "throwing", "no_entry", "old_string_abi"}) {
    fs::copy_file(test_plugin(name), dir.path() / fs::path(test_plugin(name)).filename());
  }
  dir.write("zz-not-a-library.so", "#!/bin/sh\necho hi\n");
  dir.write("README.txt", "not a plugin and not looked at\n");
  PluginHost host;
  host.load_directory(dir.str());
  std::vector<std::string> names;
  for (const LoadedPlugin& p : host.plugins()) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"test-good", "test-throwing"}));
  EXPECT_EQ(host.refused().size(), 5u);
  EXPECT_NE(refusal_of(host, "wrong_abi"), nullptr);
  EXPECT_NE(refusal_of(host, "old_string_abi"), nullptr);
  EXPECT_NE(refusal_of(host, "newer_minor"), nullptr);
  EXPECT_NE(refusal_of(host, "no_entry"), nullptr);
  EXPECT_NE(refusal_of(host, "zz-not-a-library.so"), nullptr);
  EXPECT_EQ(refusal_of(host, "README"), nullptr);
}

TEST(PluginHost, ASecondPluginWithTheSameNameIsRefused) {
  TempDir dir;
  fs::copy_file(test_plugin("good"), dir.path() / "copy.so");
  PluginHost host;
  host.load_file(test_plugin("good"));
  host.load_file((dir.path() / "copy.so").string());
  EXPECT_EQ(host.plugins().size(), 1u);
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_NE(host.refused()[0].message.find("already loaded"), std::string::npos);
}

TEST(PluginHost, JsonListsLoadedAndRefusedPlugins) {
  PluginHost host;
  host.load_file(test_plugin("good"));
  host.load_file(test_plugin("wrong_abi"));
  auto json = nlohmann::json::parse(host.to_json());
  ASSERT_EQ(json["loaded"].size(), 1u);
  EXPECT_EQ(json["loaded"][0]["name"], "test-good");
  EXPECT_EQ(json["loaded"][0]["version"], "1.2.3");
  EXPECT_EQ(json["loaded"][0]["path"], test_plugin("good"));
  EXPECT_EQ(json["loaded"][0]["abi"], std::to_string(kAbiMajor) + "." + std::to_string(kAbiMinor));
  EXPECT_EQ(json["loaded"][0]["provides"][0]["kind"], "test-card");
  ASSERT_EQ(json["refused"].size(), 1u);
  EXPECT_EQ(json["refused"][0]["path"], test_plugin("wrong_abi"));
  EXPECT_FALSE(json["refused"][0]["reason"].get<std::string>().empty());
}

TEST(PluginHost, RefusesAPluginBuiltWithTheOldStringAbiBeforeLoadingIt) {
  PluginHost host;
  host.load_file(test_plugin("old_string_abi"));
  EXPECT_TRUE(host.plugins().empty());
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_EQ(host.refused()[0].where.file, test_plugin("old_string_abi"));
  const std::string& reason = host.refused()[0].message;
  EXPECT_NE(reason.find("built with the old (pre-C++11) libstdc++ string ABI; this coachkit uses "
                        "the C++11 ABI"),
            std::string::npos)
      << reason;
  EXPECT_FALSE(loaded_in_this_process(test_plugin("old_string_abi")));
}

TEST(PluginHost, RefusesAFifoNamedLikeALibraryWithoutOpeningIt) {
  TempDir dir;
  std::string fifo = (dir.path() / "x.so").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // Opening the FIFO for reading would block for ever: there is no writer.
  PluginHost host;
  host.load_file(fifo);
  EXPECT_TRUE(host.plugins().empty());
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_EQ(host.refused()[0].where.file, fifo);
  EXPECT_NE(host.refused()[0].message.find("not a regular file: it is a FIFO"), std::string::npos)
      << host.refused()[0].message;
}

TEST(PluginHost, ADirectorySkipsAFifoWithANoteAndFollowsSymlinks) {
  TempDir dir;
  ASSERT_EQ(mkfifo((dir.path() / "a-fifo.so").c_str(), 0600), 0);
  fs::create_symlink(test_plugin("good"), dir.path() / "linked.so");
  PluginHost host;
  host.load_directory(dir.str());
  ASSERT_EQ(host.plugins().size(), 1u);
  EXPECT_EQ(host.plugins()[0].name, "test-good");
  EXPECT_TRUE(host.refused().empty());
  ASSERT_EQ(host.skipped().size(), 1u);
  EXPECT_EQ(host.skipped()[0].where.file, (dir.path() / "a-fifo.so").string());
  EXPECT_NE(host.skipped()[0].message.find("a FIFO"), std::string::npos);
  auto json = nlohmann::json::parse(host.to_json());
  EXPECT_EQ(json["skipped"].size(), 1u);
}

TEST(PluginHost, RefusesADamagedSectionHeaderTableNamingWhatIsWrong) {
  TempDir dir;
  struct Damage {
    const char* name;
    void (*apply)(PluginCopy&);
    const char* expected;
  };
  const Damage damages[] = {
      {"offset.so", [](PluginCopy& c) { c.header().e_shoff = 0x7fffffff00; },
       "section-header table (offset"},
      {"count.so", [](PluginCopy& c) { c.header().e_shnum = 0xff00; },
       "section-header table (offset"},
      {"entry-size.so", [](PluginCopy& c) { c.header().e_shentsize = 7; },
       "section-header entries are 7 bytes"},
      {"names-index.so", [](PluginCopy& c) { c.header().e_shstrndx = 0xfeff; },
       "section-name table index 65279 is out of range"},
      {"names-not-strings.so", [](PluginCopy& c) { c.header().e_shstrndx = 1; },
       "not a string table"},
      {"section-size.so",
       [](PluginCopy& c) { c.section(c.section_index(".dynsym")).sh_size = 1u << 30; },
       "runs past the end of the file"},
      {"symbol-entry-size.so",
       [](PluginCopy& c) { c.section(c.section_index(".dynsym")).sh_entsize = 5; },
       "has entries of 5 bytes"},
      {"truncated.so", [](PluginCopy& c) { c.bytes().resize(c.bytes().size() / 2); },
       "runs past the end of the file"},
      {"magic.so", [](PluginCopy& c) { c.bytes()[1] = 'X'; }, "ELF magic number"},
  };
  for (const Damage& damage : damages) {
    PluginCopy copy(dir, damage.name);
    damage.apply(copy);
    PluginHost host;
    host.load_file(copy.write());
    EXPECT_TRUE(host.plugins().empty()) << damage.name;
    ASSERT_EQ(host.refused().size(), 1u) << damage.name;
    EXPECT_EQ(host.refused()[0].where.file, copy.path());
    EXPECT_NE(host.refused()[0].message.find(damage.expected), std::string::npos)
        << damage.name << ": " << host.refused()[0].message;
  }
}

TEST(PluginHost, AFileThatCrashesTheDynamicLoaderIsRefusedAndTheHostLivesOn) {
  // Point the library's initialiser at its (non-executable) coachkit section: a well-formed
  // file on which the loader's first call crashes.
  TempDir dir;
  PluginCopy copy(dir, "crashes.so");
  std::size_t dynamic = copy.section_index(".dynamic");
  ASSERT_NE(dynamic, 0u);
  auto* entries =
      reinterpret_cast<ElfW(Dyn)*>(copy.bytes().data() + copy.section(dynamic).sh_offset);
  std::size_t count = copy.section(dynamic).sh_size / sizeof(ElfW(Dyn));
  ElfW(Dyn)* init = nullptr;
  for (std::size_t i = 0; i < count && !init; ++i) {
    if (entries[i].d_tag == DT_INIT) init = &entries[i];
  }
  for (std::size_t i = 0; i + 1 < count && !init; ++i) {
    if (entries[i].d_tag == DT_NULL) init = &entries[i];
  }
  ASSERT_NE(init, nullptr);
  init->d_tag = DT_INIT;
  init->d_un.d_ptr = copy.section(copy.section_index("coachkit")).sh_addr;
  PluginHost host;
  host.load_file(copy.write());
  EXPECT_TRUE(host.plugins().empty());
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_EQ(host.refused()[0].where.file, copy.path());
  const std::string& reason = host.refused()[0].message;
#if defined(__SANITIZE_ADDRESS__)
  // The address sanitizer turns the child's crash into an exit with status 1.
  EXPECT_NE(reason.find("damaged: reading it"), std::string::npos) << reason;
#else
  EXPECT_NE(reason.find("damaged: reading it crashed (signal " + std::to_string(SIGSEGV) + ")"),
            std::string::npos)
      << reason;
#endif
}

TEST(PluginHost, FilesDamagedAtRandomAreLoadedOrRefusedNeverFatal) {
  // The damage lands where the host reads the file's structure: its headers and its symbol,
  // string, hash and note sections. Its code, data, relocation, version and dynamic tables
  // are how its code runs: damage there may show only when the plugin is called (plugins are
  // trusted native code); the child's trial load catches what shows at load time (see the test
  // above). Its debug information is never read.
  TempDir dir;
  PluginCopy original(dir, "original.so");
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;  // [begin, end)
  const ElfW(Ehdr) header = original.header();
  ranges.emplace_back(0, header.e_phoff + header.e_phnum * sizeof(ElfW(Phdr)));
  ranges.emplace_back(header.e_shoff, header.e_shoff + header.e_shnum * sizeof(ElfW(Shdr)));
  for (std::size_t i = 1; i < header.e_shnum; ++i) {
    const ElfW(Shdr) s = original.section(i);
    switch (s.sh_type) {
      case SHT_SYMTAB:
      case SHT_DYNSYM:
      case SHT_STRTAB:
      case SHT_HASH:
      case SHT_GNU_HASH:
      case SHT_NOTE:
        ranges.emplace_back(s.sh_offset, s.sh_offset + s.sh_size);
        break;
      default:
        break;
    }
  }
  std::uint64_t total = 0;
  for (const auto& r : ranges) total += r.second - r.first;

  std::mt19937_64 random(20240611);  // fixed: every run damages the same bytes
  for (int n = 0; n < 100; ++n) {
    PluginCopy copy(dir, "damaged-" + std::to_string(n) + ".so");
    int bytes = 1 + static_cast<int>(random() % 4);
    std::string what = copy.path() + ":";
    for (int b = 0; b < bytes; ++b) {
      std::uint64_t at = random() % total;
      for (const auto& r : ranges) {
        if (at < r.second - r.first) {
          at += r.first;
          break;
        }
        at -= r.second - r.first;
      }
      char value = static_cast<char>(random());
      copy.bytes()[at] = value;
      what += " byte " + std::to_string(at) + " = " + std::to_string(value & 0xff);
    }
    expect_loaded_or_refused(copy.write(), what);
  }
}

TEST(PluginHost, APluginThatChangedSinceItsChecksumRecordIsRefusedSayingSo) {
  // A byte of its .comment section: the loader never reads it, so the probe alone passes the
  // file; only the record built beside it tells that it is not the file that was built.
  TempDir dir;
  PluginCopy copy(dir, "coachkit-test_good.so");
  fs::copy_file(test_plugin("good") + ".sha256", copy.path() + ".sha256");
  {
    PluginHost host;
    host.load_file(copy.write());
    ASSERT_EQ(host.plugins().size(), 1u) << host.refused().front().message;
  }
  std::size_t comment = copy.section_index(".comment");
  ASSERT_NE(comment, 0u);
  copy.bytes()[copy.section(comment).sh_offset] ^= 0x20;
  copy.write();
  PluginHost host;
  host.load_file(copy.path());
  EXPECT_TRUE(host.plugins().empty());
  ASSERT_EQ(host.refused().size(), 1u);
  EXPECT_EQ(host.refused()[0].where.file, copy.path());
  const std::string& reason = host.refused()[0].message;
  EXPECT_NE(reason.find("it changed since it was built or installed"), std::string::npos) << reason;
  EXPECT_NE(reason.find(copy.path() + ".sha256"), std::string::npos) << reason;

  // Without the record it is a third party's plugin, which the probe checks: it loads.
  fs::remove(copy.path() + ".sha256");
  PluginHost third_party;
  third_party.load_file(copy.path());
  EXPECT_EQ(third_party.plugins().size(), 1u);
}

TEST(Sha256, MatchesTheStandardsExamples) {
  // FIPS 180-4's examples, and one that needs a second padding block.
  EXPECT_EQ(sha256_of("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_of(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  std::string recorded = read_file(test_plugin("good") + ".sha256").substr(0, 64);
  std::string digest;
  std::optional<Problem> problem = sha256_of_file(test_plugin("good"), &digest);
  EXPECT_FALSE(problem) << problem->message;
  EXPECT_EQ(digest, recorded);
  problem = sha256_of_file(test_plugin("no-such-plugin"), &digest);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->where.file, test_plugin("no-such-plugin"));
  EXPECT_NE(problem->message.find("cannot be read"), std::string::npos) << problem->message;
}

TEST(ArtifactNames, OnlyPlainRelativePathsInsideTheOutputFolder) {
  EXPECT_EQ(check_artifact_name("handouts/respect"), "");
  EXPECT_EQ(check_artifact_name("cards/pack_v1.2"), "");
  // Letters of every script, as a coaching report for 张伟 or a pack in Arabic names its files.
  EXPECT_EQ(check_artifact_name("coaching-\xE5\xBC\xA0\xE4\xBC\x9F"), "");
  EXPECT_EQ(check_artifact_name("handouts/\xD8\xA7\xD8\xAD\xD8\xAA\xD8\xB1\xD8\xA7\xD9\x85"), "");
  for (const char* bad : {"", "/etc/passwd", "../outside", "handouts/../../x", "a//b", ".hidden",
                          "handouts/.partial", "a\\b", "name with space", "a/b/",
                          "zero\xE2\x80\x8B"
                          "width",
                          "no\xC2\xA0"
                          "break",
                          "right\xE2\x80\xAE"
                          "left",
                          "broken\xC3", "overlong\xC0\xAF", "private\xEE\x80\x80"}) {
    EXPECT_NE(check_artifact_name(bad), "") << bad;
  }
}

TEST(PluginSearchPath, CommandLineThenEnvironmentThenBuiltIn) {
  setenv("COACHKIT_PLUGIN_PATH", "/env/a::/env/b", 1);
  std::vector<std::string> path = plugin_search_path({"/cli/one", "/cli/two"}, "/builtin");
  unsetenv("COACHKIT_PLUGIN_PATH");
  EXPECT_EQ(path,
            (std::vector<std::string>{"/cli/one", "/cli/two", "/env/a", "/env/b", "/builtin"}));
}

}  // namespace
}  // namespace coachkit
