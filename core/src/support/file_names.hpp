// Which characters coachkit lets into the name of a file it writes: one rule for the names
// plugins give their outputs and the names coaching reports take from agents.
#pragma once

namespace coachkit {

// Whether a character beyond ASCII may be part of a file name: letters and marks of every
// script are; not what some common file system refuses or what makes a name hard to read or
// type (C1 controls, spaces of every kind, invisible format characters such as zero-width and
// bidirectional controls and the BOM, non-characters, private-use code points).
bool non_ascii_kept_in_file_name(char32_t c);

}  // namespace coachkit
