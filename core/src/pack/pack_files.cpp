#include "pack/pack_files.hpp"

namespace coachkit {

std::string too_large_message(std::size_t bytes) {
  return "the file is " + std::to_string(bytes) + " bytes; a content file may be at most 4 MiB";
}

}  // namespace coachkit
