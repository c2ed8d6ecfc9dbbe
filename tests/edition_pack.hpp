// A small pack for the edition and worksheet tests: one principle with a do and a don't, an
// activity with everything that is the trainer's (each marked by a word found nowhere else),
// and an activity with the breakdown grid (3 rows x 5 causes, totals) and two debrief questions.
#pragma once

#include "test_support.hpp"

#include <string>
#include <vector>

namespace coachkit::testing {

// Words that appear only in what is the trainer's; each would be noticed by a participant.
inline const std::vector<std::string> kTrainerOnly = {
    "Facilitatorzebra",   // facilitator_notes
    "Promptanswerquail",  // a worksheet prompt's suggested answer
    "Debriefanswerlynx",  // a debrief question's suggested answer
    "Materialyak",        // materials
    "13 minutes",         // a step's minutes
    "47 minutes",         // the activity's minutes
};

inline void write_edition_pack(const TempDir& dir) {
  dir.write("pack/pack.toml", R"([pack]
id = "ed"
title = "Edition pack"
version = "1"
language = "en"
authors = ["tests"]
license = "CC0"
)");
  dir.write("pack/principles/listen.toml", R"([principle]
id = "listen"
title = "Listen first"
summary = "Understand the need before you answer."
body = "Listening is the start of service."
[[principle.do]]
id = "listen-do"
text = "Ask one more question."
why = "The first request is rarely the whole need."
[[principle.dont]]
id = "listen-dont"
text = "Interrupt the customer."
why = "It tells them their words matter less than yours."
)");
  dir.write("pack/activities/plan.toml", R"([activity]
id = "plan"
title = "Plan the reply"
principles = ["listen"]
minutes = 47
goal = "Write what you would say."
materials = ["Materialyak"]
steps = ["Read the case.", "Write the reply."]
step_minutes = [13, 20]
debrief = ["What changed your reply?"]
debrief_answers = ["Debriefanswerlynx"]
facilitator_notes = "Facilitatorzebra: keep pairs small."

[activity.worksheet]
kind = "prompts"
prompts = ["What does the customer need?"]
suggested_answers = ["Promptanswerquail"]
)");
  dir.write("pack/activities/grid.toml", R"([activity]
id = "grid"
title = "Score the breakdowns"
principles = ["listen"]
minutes = 20
goal = "See where breakdowns start."
steps = ["Score each one."]
debrief = ["Which column won?", "What will you change?"]

[activity.worksheet]
kind = "grid"
rows = ["Breakdown 1", "Breakdown 2", "Breakdown 3"]
columns = ["Process", "Rules", "Presentation", "Product", "People"]
scale = [1, 10]
totals = true
)");
}

}  // namespace coachkit::testing
