#include "hosting/plugin_probe.hpp"

#include <coachkit/plugin.hpp>

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace coachkit {
namespace {

using Ehdr = ElfW(Ehdr);
using Phdr = ElfW(Phdr);
using Shdr = ElfW(Shdr);
using Sym = ElfW(Sym);

constexpr unsigned char kHostClass = sizeof(void*) == 8 ? ELFCLASS64 : ELFCLASS32;
constexpr unsigned char kHostByteOrder =
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? ELFDATA2LSB : ELFDATA2MSB;
#if defined(__x86_64__)
constexpr int kHostMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr int kHostMachine = EM_AARCH64;
#elif defined(__i386__)
constexpr int kHostMachine = EM_386;
#elif defined(__arm__)
constexpr int kHostMachine = EM_ARM;
#elif defined(__riscv)
constexpr int kHostMachine = EM_RISCV;
#elif defined(__powerpc64__)
constexpr int kHostMachine = EM_PPC64;
#elif defined(__s390x__)
constexpr int kHostMachine = EM_S390;
#else
constexpr int kHostMachine = -1;  // not known here; the dynamic loader still checks, in the child
#endif

// A child that reads a file for longer than this is stuck, not slow.
constexpr int kProbeSeconds = 30;

const char kSectionName[] = COACHKIT_PP_STRING(COACHKIT_PLUGIN_SECTION);
const char kEntryPrefix[] = COACHKIT_PLUGIN_SYMBOL_PREFIX;

class FileHandle {
 public:
  explicit FileHandle(int fd) : fd_(fd) {}
  ~FileHandle() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Whether [offset, offset + size) lies inside a file of `file_size` bytes, without overflowing.
bool inside(std::uint64_t offset, std::uint64_t size, std::uint64_t file_size) {
  return offset <= file_size && size <= file_size - offset;
}

bool read_at(int fd, std::uint64_t offset, void* out, std::size_t size) {
  char* p = static_cast<char*>(out);
  while (size > 0) {
    ssize_t n = ::pread(fd, p, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    offset += static_cast<std::uint64_t>(n);
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// An ELF file whose header, program and section headers, and section-name table have been
// checked against the file: every offset, size and index in them can be followed safely.
struct ElfImage {
  int fd = -1;
  std::uint64_t size = 0;
  Ehdr header{};
  std::vector<Shdr> sections;
  std::vector<char> section_names;  // ends with '\0'

  std::string section_label(std::size_t index) const {
    std::string label = "section " + std::to_string(index);
    std::uint64_t name = sections[index].sh_name;
    if (name < section_names.size() && section_names[name] != '\0') {
      label += " ('" + std::string(&section_names[name]) + "')";
    }
    return label;
  }
};

// Why a file is refused, without its path: probe_plugin_file puts the file in `where`.
Problem refusal(std::string why) {
  return Problem(SourcePosition{}, std::move(why), Severity::Error, Origin::Plugin);
}

std::string reading_failed() { return "cannot be read: " + std::string(std::strerror(errno)); }

std::optional<Problem> check_header(const ElfImage& elf) {
  const Ehdr& h = elf.header;
  if (std::memcmp(h.e_ident, ELFMAG, SELFMAG) != 0) {
    return refusal("it does not start with the ELF magic number");
  }
  if (h.e_ident[EI_CLASS] != kHostClass) {
    return refusal(std::string("it is a ") +
                   (h.e_ident[EI_CLASS] == ELFCLASS32   ? "32-bit"
                    : h.e_ident[EI_CLASS] == ELFCLASS64 ? "64-bit"
                                                        : "unknown-class") +
                   " ELF file; this coachkit is " +
                   (kHostClass == ELFCLASS64 ? "64-bit" : "32-bit"));
  }
  if (h.e_ident[EI_DATA] != kHostByteOrder) {
    return refusal("it has another byte order than this machine");
  }
  if (h.e_ident[EI_VERSION] != EV_CURRENT || h.e_version != EV_CURRENT) {
    return refusal("it has an unknown ELF version");
  }
  if (h.e_type != ET_DYN) {
    return refusal("it is an ELF file but not a shared library (ELF type " +
                   std::to_string(h.e_type) + ")");
  }
  if (kHostMachine >= 0 && h.e_machine != kHostMachine) {
    return refusal("it is built for another machine (ELF machine " + std::to_string(h.e_machine) +
                   "; this one is " + std::to_string(kHostMachine) + ")");
  }
  return std::nullopt;
}

// The program headers are what the dynamic loader maps; the loader itself does not check that
// they stay inside the file.
std::optional<Problem> check_program_headers(const ElfImage& elf) {
  const Ehdr& h = elf.header;
  if (h.e_phnum == 0) {
    return refusal("it has no program headers, so it cannot be loaded");
  }
  if (h.e_phentsize != sizeof(Phdr)) {
    return refusal("its program-header entries are " + std::to_string(h.e_phentsize) +
                   " bytes; an ELF file for this machine has " + std::to_string(sizeof(Phdr)));
  }
  if (!inside(h.e_phoff, std::uint64_t{h.e_phnum} * sizeof(Phdr), elf.size)) {
    return refusal("its program-header table (offset " + std::to_string(h.e_phoff) + ", " +
                   std::to_string(h.e_phnum) + " entries) runs past the end of the file (" +
                   std::to_string(elf.size) + " bytes)");
  }
  std::vector<Phdr> segments(h.e_phnum);
  if (!read_at(elf.fd, h.e_phoff, segments.data(), segments.size() * sizeof(Phdr))) {
    return refusal(reading_failed());
  }
  bool dynamic = false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Phdr& p = segments[i];
    if (p.p_type == PT_DYNAMIC) dynamic = true;
    if (p.p_type != PT_LOAD && p.p_type != PT_DYNAMIC) continue;
    if (!inside(p.p_offset, p.p_filesz, elf.size) || p.p_filesz > p.p_memsz) {
      return refusal("its segment " + std::to_string(i) + " (offset " + std::to_string(p.p_offset) +
                     ", " + std::to_string(p.p_filesz) + " bytes) runs past the end of the file (" +
                     std::to_string(elf.size) + " bytes)");
    }
  }
  if (!dynamic) {
    return refusal("it has no dynamic segment, so it exports nothing");
  }
  return std::nullopt;
}

std::optional<Problem> check_string_table(const ElfImage& elf, std::size_t index,
                                          const std::string& user) {
  if (index == 0 || index >= elf.sections.size() || elf.sections[index].sh_type != SHT_STRTAB) {
    return refusal(user + " names section " + std::to_string(index) +
                   " as its string table, which is not a string table");
  }
  const Shdr& s = elf.sections[index];
  char last = 1;
  if (s.sh_size == 0 || !read_at(elf.fd, s.sh_offset + s.sh_size - 1, &last, 1) || last != 0) {
    return refusal("its string table " + elf.section_label(index) + " is empty or not terminated");
  }
  return std::nullopt;
}

std::optional<Problem> check_sections(ElfImage* elf) {
  const Ehdr& h = elf->header;
  if (h.e_shoff == 0 || h.e_shnum == 0) {
    return refusal("it has no section-header table");
  }
  if (h.e_shentsize != sizeof(Shdr)) {
    return refusal("its section-header entries are " + std::to_string(h.e_shentsize) +
                   " bytes; an ELF file for this machine has " + std::to_string(sizeof(Shdr)));
  }
  if (!inside(h.e_shoff, std::uint64_t{h.e_shnum} * sizeof(Shdr), elf->size)) {
    return refusal("its section-header table (offset " + std::to_string(h.e_shoff) + ", " +
                   std::to_string(h.e_shnum) + " entries) runs past the end of the file (" +
                   std::to_string(elf->size) + " bytes)");
  }
  if (h.e_shstrndx == SHN_UNDEF || h.e_shstrndx >= h.e_shnum) {
    return refusal("its section-name table index " + std::to_string(h.e_shstrndx) +
                   " is out of range (" + std::to_string(h.e_shnum) + " sections)");
  }
  elf->sections.resize(h.e_shnum);
  if (!read_at(elf->fd, h.e_shoff, elf->sections.data(), elf->sections.size() * sizeof(Shdr))) {
    return refusal(reading_failed());
  }
  for (std::size_t i = 0; i < elf->sections.size(); ++i) {
    const Shdr& s = elf->sections[i];
    if (s.sh_type != SHT_NOBITS && !inside(s.sh_offset, s.sh_size, elf->size)) {
      return refusal("its section " + std::to_string(i) + " (offset " +
                     std::to_string(s.sh_offset) + ", " + std::to_string(s.sh_size) +
                     " bytes) runs past the end of the file (" + std::to_string(elf->size) +
                     " bytes)");
    }
  }
  if (auto problem = check_string_table(*elf, h.e_shstrndx, "its ELF header")) return problem;
  const Shdr& names = elf->sections[h.e_shstrndx];
  elf->section_names.resize(names.sh_size);
  if (!read_at(elf->fd, names.sh_offset, elf->section_names.data(), names.sh_size)) {
    return refusal(reading_failed());
  }
  for (std::size_t i = 0; i < elf->sections.size(); ++i) {
    const Shdr& s = elf->sections[i];
    if (s.sh_name >= elf->section_names.size()) {
      return refusal("its section " + std::to_string(i) +
                     " has a name outside the section-name table");
    }
    if (s.sh_type == SHT_SYMTAB || s.sh_type == SHT_DYNSYM) {
      if (s.sh_entsize != sizeof(Sym) || s.sh_size % sizeof(Sym) != 0) {
        return refusal("its symbol table " + elf->section_label(i) + " has entries of " +
                       std::to_string(s.sh_entsize) + " bytes; an ELF file for this machine has " +
                       std::to_string(sizeof(Sym)));
      }
      if (auto problem =
              check_string_table(*elf, s.sh_link, "its symbol table " + elf->section_label(i))) {
        return problem;
      }
    }
  }
  return std::nullopt;
}

// The entry symbols in the "coachkit" section, from the dynamic symbol table (what the loader
// sees, and what survives `strip`) and the full one. Only runs on a checked image; the symbols'
// own name indices are checked here.
std::optional<Problem> read_entries(const ElfImage& elf, std::vector<std::string>* entries) {
  std::size_t section = 0;
  for (std::size_t i = 1; i < elf.sections.size(); ++i) {
    if (std::strcmp(&elf.section_names[elf.sections[i].sh_name], kSectionName) == 0) section = i;
  }
  if (section == 0) return std::nullopt;
  for (std::size_t t = 0; t < elf.sections.size(); ++t) {
    const Shdr& table = elf.sections[t];
    if (table.sh_type != SHT_SYMTAB && table.sh_type != SHT_DYNSYM) continue;
    const Shdr& strings_section = elf.sections[table.sh_link];
    std::vector<char> strings(strings_section.sh_size);
    std::vector<Sym> symbols(table.sh_size / sizeof(Sym));
    if (!read_at(elf.fd, strings_section.sh_offset, strings.data(), strings.size()) ||
        !read_at(elf.fd, table.sh_offset, symbols.data(), symbols.size() * sizeof(Sym))) {
      return refusal(reading_failed());
    }
    for (std::size_t i = 0; i < symbols.size(); ++i) {
      const Sym& symbol = symbols[i];
      // Binding and visibility are laid out alike in 32- and 64-bit symbols.
      int visibility = symbol.st_other & 0x3;
      if (symbol.st_shndx != section || (symbol.st_info >> 4) == STB_LOCAL ||
          (visibility != STV_DEFAULT && visibility != STV_PROTECTED)) {
        continue;
      }
      if (symbol.st_name >= strings.size()) {
        return refusal("symbol " + std::to_string(i) + " of its " + elf.section_label(t) +
                       " has a name outside its string table");
      }
      std::string name = &strings[symbol.st_name];
      if (name.rfind(kEntryPrefix, 0) == 0 &&
          std::find(entries->begin(), entries->end(), name) == entries->end()) {
        entries->push_back(name);
      }
    }
  }
  return std::nullopt;
}

std::string one_line(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return text;
}

// What the child reports, one line each: "E <entry>", then "L" (loaded, entry found) or
// "F <loader's message>", or "X <why the symbols could not be read>"; "." ends the report.
std::string child_report(const ElfImage& elf, const std::string& path,
                         const std::string& wanted_entry, const PluginTrial& start_up) {
  std::vector<std::string> entries;
  if (auto problem = read_entries(elf, &entries))
    return "X " + one_line(problem->message) + "\n.\n";
  std::string report;
  for (const std::string& entry : entries) report += "E " + one_line(entry) + "\n";
  if (std::find(entries.begin(), entries.end(), wanted_entry) != entries.end()) {
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = ::dlerror();
      report += "F " + one_line(why ? why : "the dynamic loader refused it") + "\n";
    } else if (void* alias = ::dlsym(handle, wanted_entry.c_str()); !alias) {
      report += "F the dynamic loader cannot find its entry point '" + wanted_entry + "'\n";
    } else {
      // The entry's name already matched this ABI, so it is what the host calls next: call it
      // here first, and go through all the host does before `generate` (its descriptor, its
      // generators, their options, its packs), so that damage which only shows when code runs
      // (a relocation the loader skipped, a bad pointer in the descriptor) is a refusal too.
      using Entry = const PluginDescriptor* (*)();
      auto entry = reinterpret_cast<Entry>(*static_cast<const void* const*>(alias));
      start_up(entry());
      // Unloading runs its destructors here too, so damage that would only show at the host's
      // exit shows now.
      ::dlclose(handle);
      report += "L\n";
    }
  }
  return report + ".\n";
}

[[noreturn]] void run_child(const ElfImage& elf, const std::string& path,
                            const std::string& wanted_entry, const PluginTrial& start_up, int out) {
  // A crash here is an expected outcome, not something to keep a core file of.
  struct rlimit no_core = {0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  int status = 0;
  try {
    std::string report = child_report(elf, path, wanted_entry, start_up);
    const char* p = report.data();
    std::size_t left = report.size();
    while (left > 0) {
      ssize_t n = ::write(out, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      p += n;
      left -= static_cast<std::size_t>(n);
    }
  } catch (...) {
    status = 3;
  }
#if defined(__SANITIZE_ADDRESS__)
  // The leak checker would make every exit() below a failure.
  ::_exit(status);
#else
  // A library that cannot be unloaded (it has unique symbols, as C++ code often does) runs its
  // finalisers only at exit: run them here, where a crash is a refusal, not at the host's exit.
  // What the host had in its stdio buffers is flushed to nowhere, not printed twice.
  int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null >= 0) {
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
  }
  std::exit(status);
#endif
}

// Reads everything the child writes, for at most kProbeSeconds; false if it took longer.
bool read_report(int fd, std::string* report) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kProbeSeconds);
  char buffer[4096];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    struct pollfd p = {fd, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return ready == 0 ? false : true;
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    report->append(buffer, static_cast<std::size_t>(n));
  }
}

std::optional<Problem> probe_in_child(const ElfImage& elf, const std::string& path,
                                      const std::string& wanted_entry, const PluginTrial& start_up,
                                      PluginProbe* probe) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return refusal("cannot be checked: no pipe to a child process (" +
                   std::string(std::strerror(errno)) + ")");
  }
  pid_t child = ::fork();
  if (child < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return refusal("cannot be checked: no child process (" + std::string(std::strerror(errno)) +
                   ")");
  }
  if (child == 0) {
    ::close(pipe_fds[0]);
    run_child(elf, path, wanted_entry, start_up, pipe_fds[1]);
  }
  ::close(pipe_fds[1]);
  std::string report;
  bool finished = read_report(pipe_fds[0], &report);
  ::close(pipe_fds[0]);
  if (!finished) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!finished) {
    return refusal("reading it did not finish within " + std::to_string(kProbeSeconds) + " s");
  }
  if (WIFSIGNALED(status)) {
    return refusal("damaged: reading it crashed (signal " + std::to_string(WTERMSIG(status)) + ")");
  }
  bool complete = report.size() >= 2 && report.compare(report.size() - 2, 2, ".\n") == 0;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !complete) {
    return refusal("damaged: reading it failed (exit status " +
                   std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  }
  std::size_t start = 0;
  while (start < report.size()) {
    std::size_t end = report.find('\n', start);
    std::string line = report.substr(start, end - start);
    start = end + 1;
    std::string rest = line.size() > 2 ? line.substr(2) : "";
    switch (line.empty() ? '.' : line[0]) {
      case 'E':
        probe->entries.push_back(rest);
        break;
      case 'L':
        probe->wanted_entry_loads = true;
        break;
      case 'F':
        probe->load_error = rest;
        break;
      case 'X':
        return refusal("damaged: " + rest);
      default:
        break;
    }
  }
  return std::nullopt;
}

const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

}  // namespace

bool is_regular_file(const std::string& path, std::string* what_it_is) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    *what_it_is = errno == ENOENT ? "missing (or a symbolic link to nothing)"
                                  : "not readable (" + std::string(std::strerror(errno)) + ")";
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    *what_it_is = file_kind(st.st_mode);
    return false;
  }
  return true;
}

std::optional<Problem> probe_plugin_file(const std::string& path, const std::string& wanted_entry,
                                         const PluginTrial& start_up, PluginProbe* probe) {
  *probe = PluginProbe{};
  auto refused = [&](std::optional<Problem> problem) {
    if (problem) problem->where = SourcePosition{path, 0, 0};
    return problem;
  };
  std::string what_it_is;
  if (!is_regular_file(path, &what_it_is)) {
    return refused(refusal("not a regular file: it is " + what_it_is));
  }
  // Non-blocking, so that a file swapped for a FIFO since the check above cannot hang us.
  FileHandle file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  struct stat st;
  if (file.get() < 0 || ::fstat(file.get(), &st) != 0) return refused(refusal(reading_failed()));
  if (!S_ISREG(st.st_mode)) {
    return refused(refusal(std::string("not a regular file: it is ") + file_kind(st.st_mode)));
  }
  ElfImage elf;
  elf.fd = file.get();
  elf.size = static_cast<std::uint64_t>(st.st_size);
  std::optional<Problem> unreadable;
  if (elf.size < sizeof(Ehdr)) {
    unreadable =
        refusal("it is too short for an ELF header (" + std::to_string(elf.size) + " bytes)");
  } else if (!read_at(elf.fd, 0, &elf.header, sizeof(Ehdr))) {
    return refused(refusal(reading_failed()));
  } else if (!(unreadable = check_header(elf)) && !(unreadable = check_program_headers(elf)) &&
             !(unreadable = check_sections(&elf))) {
    return refused(probe_in_child(elf, path, wanted_entry, start_up, probe));
  }
  return refused(refusal("not a shared library coachkit can read: " + unreadable->message));
}

}  // namespace coachkit
