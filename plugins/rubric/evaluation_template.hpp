// A blank evaluation file for one rubric version, in the format `coachkit score` reads: the
// header fields, one answer per criterion (with what it may be, in a comment) and [notes].
#pragma once

#include <coachkit/model.hpp>

#include <string>

namespace rubric_plugin {

std::string evaluation_template(const coachkit::Pack& pack, const coachkit::Rubric& rubric);

}  // namespace rubric_plugin
