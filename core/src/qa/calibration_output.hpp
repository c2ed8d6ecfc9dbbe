// The printed forms of `coachkit calibrate`: a Calibration (calibration_statistics.hpp) as
// JSON and as the text report, every name escaped for the terminal.
#pragma once

#include "qa/calibration_statistics.hpp"

#include <iosfwd>
#include <string>

namespace coachkit {

std::string calibration_json(const Calibration& calibration);
void write_calibration_report(const Calibration& calibration, std::ostream& out);

}  // namespace coachkit
