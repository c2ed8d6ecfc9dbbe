// Small pieces of text the handouts and the slides share: a body's paragraphs, a source's
// credit, the quote and activities that go with a principle.
#pragma once

#include <coachkit/document.hpp>
#include <coachkit/model.hpp>

#include <string>
#include <vector>

namespace coachkit_handout {

// A body's paragraphs are separated by blank lines; single line breaks are just spaces.
coachkit::Blocks paragraphs(const std::string& text);

// "Title, Author (year)", or "" when the pack has no such source.
std::string attribution(const coachkit::Pack& pack, const std::string& source_id);

const coachkit::Quote* quote_for(const coachkit::Pack& pack, const coachkit::Principle& p);
std::vector<const coachkit::Activity*> activities_for(const coachkit::Pack& pack,
                                                      const coachkit::Principle& p);

// "Respect, Service": the titles of the principles an activity practises.
std::string practised_principles(const coachkit::Pack& pack, const coachkit::Activity& a);

// "3 minutes", "1 minute".
std::string minutes_text(int minutes);

}  // namespace coachkit_handout
