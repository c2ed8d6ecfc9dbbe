// `coachkit calibrate RUBRIC EVALUATION… [--expert NAME] [--json]`: reads the rubric and the
// evaluation files, scores them and reports the evaluators' agreement (calibration.hpp).
#pragma once

#include "support/install_layout.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace coachkit {

struct CalibrateSettings {
  std::string rubric;                    // a rubric file, PACK_DIR:rubric-id or pack-id:rubric-id
  std::vector<std::string> evaluations;  // files or folders
  std::string expert;                    // "" for none
  bool json = false;
  std::vector<std::string> plugin_dirs;  // where packs named by id may come from
};

// 0: reported; 1: a problem with the rubric, an evaluation or the expert, every one reported on
// `err` as FILE:LINE:COL: message. No report then: agreement over the evaluations that happened
// to be readable would mislead.
int run_calibrate(const CalibrateSettings& settings, const InstallLayout& layout, std::ostream& out,
                  std::ostream& err);

}  // namespace coachkit
