#include "support/install_layout.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace coachkit {

std::string InstallLayout::program_path() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? "" : self.string();
}

InstallLayout InstallLayout::of_this_program() {
  std::string self = program_path();
  fs::path bin = self.empty() ? fs::current_path() : fs::path(self).parent_path();
  std::string prefix = (bin / "..").lexically_normal().string();
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  return InstallLayout{prefix};
}

}  // namespace coachkit
