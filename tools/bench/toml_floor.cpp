// The parser's own floor for `coachkit lint` (tools/bench/compare.sh, not a test): reads every
// .toml file below a folder and parses each with toml++, on THREADS threads, doing nothing else:
// no checks, no conversion, no messages. What lint takes beyond this is coachkit's.
//
// Usage: toml_floor FOLDER THREADS   (prints the files and the bytes parsed)
#include <toml++/toml.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: toml_floor FOLDER THREADS\n");
    return 2;
  }
  std::vector<fs::path> paths;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(argv[1])) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") paths.push_back(entry);
  }
  std::atomic<std::size_t> next{0}, bytes{0}, failed{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < paths.size();) {
      std::ifstream in(paths[i], std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      bytes += text.size();
      try {
        toml::table parsed = toml::parse(std::string_view(text), paths[i].string());
      } catch (const toml::parse_error&) {
        ++failed;
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < std::max(1, std::atoi(argv[2])); ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  std::printf("%zu files, %zu bytes, %zu not parsed\n", paths.size(), bytes.load(), failed.load());
  return failed ? 1 : 0;
}
