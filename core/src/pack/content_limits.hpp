// How long a content string may be, in characters. Content is untrusted, and every later
// stage (documents, pandoc, PDF) costs memory in proportion to the longest text; these are
// far beyond any real principle and far below what hurts. docs/content-schema.md lists them.
#pragma once

#include <cstddef>

namespace coachkit {

// A title, a name, a label: one line of a page.
constexpr std::size_t kMaxLineChars = 200;
// A summary, a why, a step, a prompt: a paragraph.
constexpr std::size_t kMaxParagraphChars = 2000;
// A principle's body: a few paragraphs.
constexpr std::size_t kMaxBodyChars = 20000;

}  // namespace coachkit
