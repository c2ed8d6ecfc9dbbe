// The workspace every command works in: a pack, a theme, the plugins and the catalog are each
// loaded once however often they are asked for, and refresh() (a preview's rebuild) reads again
// exactly what changed on disk.

#include "workspace/workspace.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

namespace fs = std::filesystem;

namespace {

using coachkit::Diagnostics;
using coachkit::Pack;
using coachkit::Workspace;
using coachkit::testing::TempDir;

std::string pack_toml(const std::string& title) {
  return "[pack]\nid = \"p\"\ntitle = \"" + title +
         "\"\nversion = \"1\"\nlanguage = \"en\"\nauthors = [\"A\"]\nlicense = \"CC0-1.0\"\n";
}

coachkit::InstallLayout empty_layout(const TempDir& dir) {
  coachkit::InstallLayout layout;
  layout.prefix = (dir.path() / "prefix").string();
  return layout;
}

TEST(Workspace, APackIsReadOnceHoweverOftenItIsAskedFor) {
  TempDir dir;
  dir.write("pack/pack.toml", pack_toml("First"));
  Workspace workspace(empty_layout(dir), {});
  Diagnostics diagnostics;
  const std::string folder = (dir.path() / "pack").string();
  for (int i = 0; i < 3; ++i) {
    std::shared_ptr<const Pack> pack = workspace.pack(folder, diagnostics);
    ASSERT_TRUE(pack) << diagnostics.to_string();
    EXPECT_EQ(pack->title, "First");
  }
  EXPECT_EQ(workspace.pack_reads(), 1);
  // Changed on disk but not refreshed: still the pack that was read.
  dir.write("pack/pack.toml", pack_toml("Second, longer"));
  EXPECT_EQ(workspace.pack(folder, diagnostics)->title, "First");
  EXPECT_EQ(workspace.pack_reads(), 1);
  EXPECT_TRUE(diagnostics.empty());
}

TEST(Workspace, RefreshReadsAgainOnlyWhatChanged) {
  TempDir dir;
  dir.write("a/pack.toml", pack_toml("A"));
  dir.write("b/pack.toml", pack_toml("B"));
  Workspace workspace(empty_layout(dir), {});
  Diagnostics diagnostics;
  const std::string a = (dir.path() / "a").string();
  const std::string b = (dir.path() / "b").string();
  ASSERT_TRUE(workspace.pack(a, diagnostics));
  ASSERT_TRUE(workspace.pack(b, diagnostics));
  EXPECT_TRUE(workspace.refresh().empty());
  dir.write("b/pack.toml", pack_toml("B, edited"));
  std::vector<std::string> forgotten = workspace.refresh();
  ASSERT_EQ(forgotten.size(), 1u);
  EXPECT_EQ(forgotten[0], b);
  EXPECT_EQ(workspace.pack(a, diagnostics)->title, "A");
  EXPECT_EQ(workspace.pack(b, diagnostics)->title, "B, edited");
  EXPECT_EQ(workspace.pack_reads(), 3);  // a once, b twice
}

TEST(Workspace, APackWithProblemsIsNotKeptSoItsProblemsAreFoundAgain) {
  TempDir dir;
  dir.write("pack/pack.toml", "[pack]\nid = \"p\"\ntitel = \"x\"\n");
  Workspace workspace(empty_layout(dir), {});
  const std::string folder = (dir.path() / "pack").string();
  for (int i = 0; i < 2; ++i) {
    Diagnostics diagnostics;
    workspace.pack(folder, diagnostics);
    EXPECT_FALSE(diagnostics.empty()) << "run " << i;
  }
  EXPECT_EQ(workspace.pack_reads(), 2);
}

TEST(Workspace, PluginsAreLoadedOnceAndTheCatalogsProblemsAreSaidEveryTime) {
  TempDir dir;
  // An installed pack that does not load: each command that lists the catalog must say so.
  dir.write("prefix/share/coachkit/packs/broken/pack.toml", "[pack]\nid = 1\n");
  Workspace workspace(empty_layout(dir), {COACHKIT_TEST_PLUGIN_DIR});
  EXPECT_FALSE(workspace.plugins_loaded());
  coachkit::PluginHost& host = workspace.plugins();
  EXPECT_EQ(&workspace.plugins(), &host);
  EXPECT_FALSE(host.plugins().empty());
  for (int i = 0; i < 2; ++i) {
    Diagnostics diagnostics;
    workspace.catalog(diagnostics);
    EXPECT_FALSE(diagnostics.empty()) << "listing " << i;
  }
  // The test plugins folder holds plugins with the wrong ABI: each is a plugin's error.
  std::vector<coachkit::Problem> refused = workspace.refused_plugins();
  ASSERT_FALSE(refused.empty());
  EXPECT_EQ(refused[0].origin, coachkit::Origin::Plugin);
  EXPECT_NE(refused[0].message.find("plugin refused: "), std::string::npos);
}

}  // namespace
