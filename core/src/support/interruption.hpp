// What to clean up when the user interrupts a build (Ctrl-C, SIGTERM): running tools are
// stopped and half-written temporary files removed, so the output folder keeps only complete
// files. The signal handler touches only fixed slots, as async-signal safety requires.
#pragma once

#include <sys/types.h>
#include <string>

namespace coachkit {

// Installs the SIGINT/SIGTERM/SIGHUP handler; safe to call more than once.
void install_interruption_handler();

// While alive, the temporary file is removed if the process is interrupted ("" guards nothing).
class ScopedTempFile {
 public:
  explicit ScopedTempFile(const std::string& path);
  ~ScopedTempFile();  // also removes the file, unless released
  ScopedTempFile(const ScopedTempFile&) = delete;
  ScopedTempFile& operator=(const ScopedTempFile&) = delete;
  void release();  // the file was renamed into place: nothing to clean up

 private:
  int slot_;
  std::string path_;
  bool released_ = false;
};

// While alive, the child's process group is killed if the process is interrupted.
class ScopedChild {
 public:
  explicit ScopedChild(pid_t pid);
  ~ScopedChild();
  ScopedChild(const ScopedChild&) = delete;
  ScopedChild& operator=(const ScopedChild&) = delete;

 private:
  int slot_;
};

}  // namespace coachkit
