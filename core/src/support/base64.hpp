// Base64 (RFC 4648, with padding): how a picture travels inside a document as a data: URI.
#pragma once

#include <string>

namespace coachkit {

std::string base64(const std::string& bytes);

}  // namespace coachkit
