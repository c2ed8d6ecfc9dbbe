// One build per output folder at a time. The lock is an flock() on OUT/.coachkit-lock: the
// kernel drops it when its process ends, however it ends, so a killed build never blocks the
// next one.
#pragma once

#include "support/problem.hpp"

#include <functional>
#include <optional>
#include <string>

namespace coachkit {

class BuildLock {
 public:
  BuildLock() = default;
  ~BuildLock();
  BuildLock(const BuildLock&) = delete;
  BuildLock& operator=(const BuildLock&) = delete;

  // Takes the lock of `out_directory` (creating the folder). When another build holds it,
  // `waiting` is called once with that build's process id (0 when unknown) and this waits for
  // it, unless `wait` is false: then the problem says who holds it.
  std::optional<Problem> acquire(const std::string& out_directory, bool wait,
                                 const std::function<void(long pid)>& waiting);

 private:
  int fd_ = -1;
};

}  // namespace coachkit
