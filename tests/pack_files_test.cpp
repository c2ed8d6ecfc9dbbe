// Tests of where a pack's files come from: a pack held in memory (as a plugin provides one)
// loads like a folder and its problems name the plugin and the embedded file; a folder's
// files are read only when they are regular files of at most 4 MiB inside the pack.

#include "pack/pack_files.hpp"
#include "support/diagnostics.hpp"
#include "pack/pack_loader.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <string>

namespace fs = std::filesystem;

namespace {

using coachkit::Diagnostics;
using coachkit::MemoryPackFiles;
using coachkit::testing::TempDir;

const std::string kPackToml =
    "[pack]\nid = \"acme-way\"\ntitle = \"The Acme Way\"\nversion = \"1.0.0\"\n"
    "language = \"en\"\nauthors = [\"Acme\"]\nlicense = \"CC0-1.0\"\n";
const std::string kPrefix = "plugin 'example-org' (coachkit-example-org.so): acme-way/";

std::string principle(const std::string& id) {
  return "[principle]\nid = \"" + id + "\"\ntitle = \"T\"\nsummary = \"S\"\n";
}

TEST(MemoryPackFiles, AnEmbeddedPackLoadsLikeAFolder) {
  MemoryPackFiles files({{"pack.toml", kPackToml},
                         {"principles/b-respect.toml", principle("respect")},
                         {"principles/a-care.toml", principle("care")},
                         {"principles/drafts/old.toml", principle("old")},
                         {"principles/notes.txt", "not toml"},
                         {"quotes/q.toml",
                          "[[quote]]\nid = \"q\"\ntext = \"Be kind.\"\nauthor = \"A\"\n"
                          "principles = [\"care\"]\n"}},
                        kPrefix);
  Diagnostics diagnostics;
  std::optional<coachkit::Pack> pack = coachkit::load_pack(files, diagnostics);
  ASSERT_TRUE(pack) << diagnostics.to_string();
  EXPECT_EQ(pack->id, "acme-way");
  EXPECT_EQ(pack->directory, "");
  ASSERT_EQ(pack->principles.size(), 2u);  // name order; sub-folders and other files ignored
  EXPECT_EQ(pack->principles[0].id, "care");
  EXPECT_EQ(pack->principles[1].id, "respect");
  EXPECT_EQ(pack->principles[1].where.file, kPrefix + "principles/b-respect.toml");
  ASSERT_EQ(pack->quotes.size(), 1u);
}

TEST(MemoryPackFiles, ProblemsNameThePluginAndTheEmbeddedFile) {
  MemoryPackFiles files(
      {{"pack.toml", kPackToml}, {"principles/respect.toml", principle("respect") + "titel = 1\n"}},
      kPrefix);
  Diagnostics diagnostics;
  EXPECT_FALSE(coachkit::load_pack(files, diagnostics));
  EXPECT_EQ(diagnostics.to_string().rfind(kPrefix + "principles/respect.toml:5:1: unknown key "
                                                    "'titel' in [principle]",
                                          0),
            0u)
      << diagnostics.to_string();
}

TEST(MemoryPackFiles, WithoutPackTomlThatIsTheOnlyProblem) {
  MemoryPackFiles files({{"principles/respect.toml", principle("respect")}}, kPrefix);
  Diagnostics diagnostics;
  EXPECT_FALSE(coachkit::load_pack(files, diagnostics));
  EXPECT_EQ(diagnostics.to_string(), kPrefix +
                                         "pack.toml: no pack.toml here: a content pack is a "
                                         "folder with a pack.toml (see "
                                         "docs/content-schema.md)\n");
}

TEST(FolderPackFiles, AFileOverTheSizeLimitIsReportedAtItsStart) {
  TempDir dir;
  dir.write("pack.toml", kPackToml);
  dir.write("principles/huge.toml",
            principle("huge") + "body = \"\"\"\n" + std::string(4 * 1024 * 1024, 'x') + "\"\"\"\n");
  Diagnostics diagnostics;
  EXPECT_FALSE(coachkit::load_pack(dir.str(), diagnostics));
  ASSERT_EQ(diagnostics.size(), 1u) << diagnostics.to_string();
  EXPECT_EQ(diagnostics.to_string().rfind(dir.str() + "/principles/huge.toml:1:1: the file is ", 0),
            0u)
      << diagnostics.to_string();
}

TEST(FolderPackFiles, OnlyRegularFilesAreRead) {
  TempDir dir;
  dir.write("pack.toml", kPackToml);
  dir.write("principles/respect.toml", principle("respect"));
  // Reading a FIFO would block for ever.
  ASSERT_EQ(mkfifo((dir.path() / "principles" / "fifo.toml").c_str(), 0600), 0);
  fs::create_directories(dir.path() / "principles" / "folder.toml");
  Diagnostics diagnostics;
  std::optional<coachkit::Pack> pack = coachkit::load_pack(dir.str(), diagnostics);
  ASSERT_TRUE(pack) << diagnostics.to_string();
  EXPECT_EQ(pack->principles.size(), 1u);
  EXPECT_EQ(pack->directory, dir.str());
}

}  // namespace
