#include "build/fingerprint.hpp"

#include <xxhash.h>

#include <cstdio>

namespace coachkit {

struct Fingerprint::State {
  XXH3_state_t* hash = XXH3_createState();
  ~State() { XXH3_freeState(hash); }
};

Fingerprint::Fingerprint() : state_(std::make_unique<State>()) { XXH3_64bits_reset(state_->hash); }

Fingerprint::~Fingerprint() = default;

Fingerprint& Fingerprint::add(const std::string& part) {
  XXH3_64bits_update(state_->hash, part.data(), part.size() + 1);  // with its NUL
  return *this;
}

std::string Fingerprint::hex() const {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits_digest(state_->hash)));
  return buffer;
}

}  // namespace coachkit
