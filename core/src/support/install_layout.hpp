// Where coachkit's own files are, found from the program's location, so an installation works
// wherever its prefix is (also after the whole prefix was moved), and the build tree, which is
// laid out the same way, works before installing.
//
//   PREFIX/bin/coachkit
//   PREFIX/lib/coachkit/plugins/*.so
//   PREFIX/share/coachkit/{themes,packs,pdf,pandoc,schema}/
#pragma once

#include <string>

namespace coachkit {

struct InstallLayout {
  std::string prefix;  // no trailing slash

  std::string plugins() const { return prefix + "/lib/coachkit/plugins"; }
  std::string themes() const { return prefix + "/share/coachkit/themes"; }
  std::string packs() const { return prefix + "/share/coachkit/packs"; }
  std::string schemas() const { return prefix + "/share/coachkit/schema"; }
  std::string pdf_worker() const { return prefix + "/share/coachkit/pdf/coachkit-pdf-worker.py"; }
  std::string pandoc_batch() const {
    return prefix + "/share/coachkit/pandoc/coachkit-pandoc-batch.lua";
  }

  // The layout around the running program (/proc/self/exe).
  static InstallLayout of_this_program();
  // The program's own file, for fingerprints.
  static std::string program_path();
};

}  // namespace coachkit
