#include "slides_generator.hpp"

#include "edition.hpp"
#include "handout_text.hpp"

#include <algorithm>

namespace coachkit_handout {

using namespace coachkit;
using namespace coachkit::doc;

namespace {

// pandoc makes a slide of each level-2 heading and a section slide of each level-1 heading
// (the renderer passes --slide-level=2); a Div of class "notes" becomes the speaker notes,
// and a Div "columns" of Divs "column" a two-column slide.
Block notes(Blocks children) { return section({"notes"}, std::move(children)); }

// What fits on a slide, in lines of text at the reference decks' sizes (a do's-and-don'ts column
// at 18 pt on 4.4 in, body text at 20 pt on 9 in, titles at 28 pt), counted for the widest of the
// themes' fonts (DejaVu Sans) so that every theme's deck stays on the slide; a paragraph's space
// before it counts as a third of a line. Long content goes on to "… (continued)" slides.
const std::size_t kColumnCharsPerLine = 27;
const double kColumnLines = 12;  // under the "Do" or "Don't" label
const std::size_t kBodyCharsPerLine = 60;
const double kBodyLines = 10.5;
const double kParagraphSpace = 0.3;

// Lines `text` takes when wrapped at `width` characters (a word longer than a line takes its own).
double wrapped_lines(const std::string& text, std::size_t width) {
  int lines = 0;
  std::size_t used = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::size_t word = 0;
    for (std::size_t i = start; i < end; ++i)
      word += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (word > 0) {
      if (used == 0 || used + 1 + word > width) {
        ++lines;
        used = word;
      } else {
        used += 1 + word;
      }
    }
    start = end + 1;
  }
  return std::max(lines, 1) + kParagraphSpace;
}

// Splits `texts` into runs that each fit in `room` lines, in order; at least one run.
std::vector<std::vector<std::string>> fit(const std::vector<std::string>& texts, std::size_t width,
                                          double room) {
  std::vector<std::vector<std::string>> runs(1);
  double used = 0;
  for (const std::string& t : texts) {
    double lines = wrapped_lines(t, width);
    if (!runs.back().empty() && used + lines > room) {
      runs.emplace_back();
      used = 0;
    }
    runs.back().push_back(t);
    used += lines;
  }
  return runs;
}

std::string slide_title(const std::string& title, std::size_t part) {
  return part == 0 ? title : title + " (continued)";
}

std::string slide_id(const std::string& id, std::size_t part) {
  return part == 0 ? id : id + "-" + std::to_string(part + 1);
}

std::vector<std::string> behavior_texts(const std::vector<Behavior>& behaviors) {
  std::vector<std::string> out;
  for (const Behavior& b : behaviors) out.push_back(b.text);
  return out;
}

// A column of a principle's slide: its label ("Do", "Don't") and its items. A "(continued)" slide
// leaves the column it has nothing more for empty, so that no label stands over nothing, which
// would read as "none".
Block column(const std::string& title, const std::vector<std::string>& texts, bool continued) {
  if (texts.empty() && continued) return section({"column"}, {});
  Blocks inside{paragraph(Text{strong(title)})};
  if (!texts.empty()) inside.push_back(bullet_list(list_items(texts)));
  return section({"column"}, std::move(inside));
}

// A principle's do's and don'ts side by side, on as many slides as they need.
Blocks principle_slides(const Principle& p, Edition edition) {
  auto dos = fit(behavior_texts(p.dos), kColumnCharsPerLine, kColumnLines);
  auto donts = fit(behavior_texts(p.donts), kColumnCharsPerLine, kColumnLines);
  std::size_t parts = std::max(dos.size(), donts.size());
  Blocks out;
  std::size_t said_do = 0, said_dont = 0;
  for (std::size_t part = 0; part < parts; ++part) {
    const std::vector<std::string> none;
    const auto& these_dos = part < dos.size() ? dos[part] : none;
    const auto& these_donts = part < donts.size() ? donts[part] : none;
    out.push_back(heading(2, slide_title(p.title, part), slide_id("principle-" + p.id, part)));
    // Nothing but the columns: pandoc 2.17 moves the columns of a slide that starts with text to
    // a slide of their own. The summary is said, from the notes.
    out.push_back(section(
        {"columns"}, {column("Do", these_dos, part > 0), column("Don't", these_donts, part > 0)}));
    if (edition != Edition::Trainer) continue;
    // The notes of a slide: what to say about the behaviors on it (and, first, the principle).
    Blocks said;
    if (part == 0) {
      said.push_back(paragraph(Text{strong(p.summary)}));
      for (Block& b : paragraphs(p.body)) said.push_back(std::move(b));
    }
    auto why = [&](const char* label, const std::vector<Behavior>& behaviors, std::size_t* next,
                   std::size_t count) {
      for (std::size_t i = 0; i < count && *next < behaviors.size(); ++i, ++*next) {
        const Behavior& b = behaviors[*next];
        said.push_back(paragraph(Text{strong(label + b.text), plain(" Why: " + b.why)}));
      }
    };
    why("Do: ", p.dos, &said_do, these_dos.size());
    why("Don't: ", p.donts, &said_dont, these_donts.size());
    out.push_back(notes(std::move(said)));
  }
  return out;
}

// Slides of a list under one title, as many as it needs; an ordered list's continuation
// carries its items' numbers in their text (a list in the document always counts from 1).
Blocks list_slides(const std::string& title, const std::string& id,
                   const std::vector<std::string>& texts, bool ordered) {
  Blocks out;
  std::size_t number = 1;
  auto runs = fit(texts, kBodyCharsPerLine, kBodyLines);
  for (std::size_t part = 0; part < runs.size(); ++part) {
    out.push_back(heading(2, slide_title(title, part), slide_id(id, part)));
    if (!ordered) {
      out.push_back(bullet_list(list_items(runs[part])));
    } else if (part == 0) {
      out.push_back(ordered_list(list_items(runs[part])));
    } else {
      for (std::size_t i = 0; i < runs[part].size(); ++i) {
        out.push_back(paragraph(std::to_string(number + i) + ". " + runs[part][i]));
      }
    }
    number += runs[part].size();
  }
  return out;
}

// An activity takes up to three slides, so that each fits at the theme's size: what it is for,
// its steps, and its debrief questions. The trainer's notes go with the slide they belong to.
Blocks activity_slides(const Pack& pack, const Activity& a, Edition edition) {
  bool trainer = edition == Edition::Trainer;
  Blocks out;
  out.push_back(heading(2, a.title, "activity-" + a.id));
  out.push_back(paragraph(Text{strong("Goal: "), plain(a.goal)}));
  out.push_back(paragraph(Text{strong("Practises: "), plain(practised_principles(pack, a))}));
  if (trainer) {
    Blocks said;
    std::string facts = minutes_text(a.minutes);
    if (!a.group_size.empty()) facts += ", " + a.group_size;
    said.push_back(paragraph(Text{strong("Time: "), plain(facts)}));
    if (!a.materials.empty()) {
      std::string list;
      for (const std::string& m : a.materials) list += (list.empty() ? "" : ", ") + m;
      said.push_back(paragraph(Text{strong("Materials: "), plain(list)}));
    }
    for (Block& b : paragraphs(a.facilitator_notes)) said.push_back(std::move(b));
    out.push_back(notes(std::move(said)));
  }

  for (Block& b : list_slides(a.title + ": steps", "activity-" + a.id + "-steps", a.steps, true)) {
    out.push_back(std::move(b));
  }
  if (trainer && !a.step_minutes.empty()) {
    Blocks said;
    for (std::size_t i = 0; i < a.step_minutes.size() && i < a.steps.size(); ++i) {
      said.push_back(paragraph(Text{strong("Step " + std::to_string(i + 1) + ": "),
                                    plain(minutes_text(a.step_minutes[i]))}));
    }
    out.push_back(notes(std::move(said)));
  }

  bool has_prompts = a.worksheet && !a.worksheet->prompts.empty();
  if (a.debrief.empty() && !has_prompts) return out;
  for (Block& b : list_slides(a.title + ": discussion", "activity-" + a.id + "-discussion",
                              a.debrief.empty() ? a.worksheet->prompts : a.debrief, false)) {
    out.push_back(std::move(b));
  }
  if (trainer) {
    Blocks said;
    auto answers = [&](const std::vector<std::string>& questions,
                       const std::vector<std::string>& suggested) {
      for (std::size_t i = 0; i < questions.size() && i < suggested.size(); ++i) {
        if (suggested[i].empty()) continue;
        said.push_back(paragraph(Text{strong(questions[i] + " "), plain(suggested[i])}));
      }
    };
    if (has_prompts) answers(a.worksheet->prompts, a.worksheet->suggested_answers);
    answers(a.debrief, a.debrief_answers);
    if (!said.empty()) out.push_back(notes(std::move(said)));
  }
  return out;
}

Document deck(const Pack& pack, Edition edition) {
  Document d;
  d.title = pack.title;
  d.subtitle = edition == Edition::Trainer ? "Trainer's edition" : "";
  d.language = pack.language;
  d.authors = pack.authors;
  const std::string* current_group = nullptr;
  for (const Principle& p : pack.principles) {
    if (!current_group || *current_group != p.group) {
      current_group = &p.group;
      const PrincipleGroup* group = pack.find_group(p.group);
      d.blocks.push_back(heading(1, group ? group->title : "Principles"));
    }
    for (Block& b : principle_slides(p, edition)) d.blocks.push_back(std::move(b));
  }
  if (!pack.activities.empty()) {
    d.blocks.push_back(heading(1, "Activities"));
    for (const Activity& a : pack.activities) {
      for (Block& b : activity_slides(pack, a, edition)) d.blocks.push_back(std::move(b));
    }
  }
  return d;
}

}  // namespace

std::string SlidesGenerator::kind() const { return "slides"; }

std::string SlidesGenerator::description() const {
  return "a slide deck per pack (pptx), the trainer's with speaker notes";
}

std::vector<Artifact> SlidesGenerator::generate(const Pack& pack, const GeneratorRequest& request,
                                                Reporter& reporter) const {
  std::vector<Artifact> out;
  std::vector<Edition> editions;
  if (!editions_for(request, reporter, &editions)) return out;
  for (Edition edition : editions) {
    out.push_back(Artifact::rendered(edition_path(edition, pack.id + "-slides"),
                                     deck(pack, edition), {Format::Pptx}));
  }
  return out;
}

}  // namespace coachkit_handout
