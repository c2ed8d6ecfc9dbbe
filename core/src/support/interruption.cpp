#include "support/interruption.hpp"

#include <unistd.h>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace coachkit {

namespace {

constexpr int kSlots = 256;
constexpr std::size_t kPathBytes = 4096;

struct FileSlot {
  std::atomic<bool> used{false};
  char path[kPathBytes];
};
struct ChildSlot {
  std::atomic<pid_t> pid{0};
};

FileSlot file_slots[kSlots];
ChildSlot child_slots[kSlots];

void on_interrupt(int signal_number) {
  for (ChildSlot& slot : child_slots) {
    pid_t pid = slot.pid.load();
    if (pid > 0) kill(-pid, SIGKILL);
  }
  for (FileSlot& slot : file_slots) {
    if (slot.used.load()) unlink(slot.path);
  }
  std::signal(signal_number, SIG_DFL);
  raise(signal_number);
}

std::mutex file_slots_mutex;

int claim_file_slot(const std::string& path) {
  if (path.size() >= kPathBytes) return -1;
  std::lock_guard<std::mutex> lock(file_slots_mutex);
  for (int i = 0; i < kSlots; ++i) {
    if (file_slots[i].used.load()) continue;
    std::memcpy(file_slots[i].path, path.c_str(), path.size() + 1);
    file_slots[i].used.store(true);  // only now may the handler read the path
    return i;
  }
  return -1;
}

}  // namespace

void install_interruption_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaction(s, &action, nullptr);
  });
}

ScopedTempFile::ScopedTempFile(const std::string& path)
    : slot_(path.empty() ? -1 : claim_file_slot(path)), path_(path), released_(path.empty()) {}

ScopedTempFile::~ScopedTempFile() {
  if (!released_) unlink(path_.c_str());
  if (slot_ >= 0) {
    std::lock_guard<std::mutex> lock(file_slots_mutex);
    file_slots[slot_].used.store(false);
  }
}

void ScopedTempFile::release() { released_ = true; }

ScopedChild::ScopedChild(pid_t pid) : slot_(-1) {
  for (int i = 0; i < kSlots; ++i) {
    pid_t expected = 0;
    if (child_slots[i].pid.compare_exchange_strong(expected, pid)) {
      slot_ = i;
      return;
    }
  }
}

ScopedChild::~ScopedChild() {
  if (slot_ >= 0) child_slots[slot_].pid.store(0);
}

}  // namespace coachkit
