// An activity as a handout shows it, in either edition, and its worksheet: a grid to score by
// hand, prompts with lines to write on, or lines. Writing lines are a table of class
// "worksheet lines" (one empty row per line), so every format prints them as ruled lines; the
// trainer's notes are a Section of class "trainer-notes".
#pragma once

#include "edition.hpp"

#include <coachkit/document.hpp>
#include <coachkit/model.hpp>

namespace coachkit_handout {

// `count` ruled lines to write on.
coachkit::Block writing_lines(int count);

// The worksheet's heading is at `level`: beside the activity's "Steps", never a level skipped.
coachkit::Blocks worksheet_blocks(const coachkit::Worksheet& w, Edition edition, int level);

// How an activity is laid out: inside a principle's or the pack's handout (compact: debrief
// questions as a list), or as its own worksheet (each debrief question with lines to write on).
enum class ActivityLayout { Compact, Worksheet };

coachkit::Blocks activity_blocks(const coachkit::Pack& pack, const coachkit::Activity& a, int level,
                                 Edition edition, ActivityLayout layout);

// The trainer's box: time, group size, materials and facilitator notes.
coachkit::Block trainer_box(const coachkit::Activity& a);

}  // namespace coachkit_handout
