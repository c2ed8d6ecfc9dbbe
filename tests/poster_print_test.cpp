// Posters as a print shop takes them: crop marks in a slug outside the bleed, read back with
// pdfinfo -box and found as pixels in pdftoppm's picture of the page.
#include "poster_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

namespace coachkit {
namespace {

using namespace coachkit::poster_testing;

constexpr double kPtPerMm = 72 / 25.4;

bool black(unsigned rgb) { return (rgb >> 16) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 60; }

TEST(PosterMarks, CropMarksSitInASlugOutsideTheBleedLongEnoughToTrimBy) {
  TempDir dir;
  // The modern theme's navy runs into the bleed: marks drawn there (black on navy, as WeasyPrint
  // draws them) would be cut off with it, and hard to see before.
  write_pack(dir,
             "[poster]\nid = \"marked\"\ntitle = \"Respect\"\nitems = [\"principle:respect\"]\n"
             "size = \"8x10\"\nbleed = \"3mm\"\nmarks = true\ntheme = \"modern\"\n");
  dir.write("pack/posters/plain.toml",
            "[poster]\nid = \"plain\"\ntitle = \"Respect\"\nitems = [\"principle:respect\"]\n"
            "size = \"8x10\"\nbleed = \"3mm\"\ntheme = \"modern\"\n");
  CommandResult built = run({"build", dir.str() + "/pack", "--out", dir.str() + "/out", "--only",
                             "poster", "--format", "pdf"});
  ASSERT_EQ(built.exit_code, 0) << built.errors;
  fs::path posters = dir.path() / "out" / "small" / "posters";
  fs::path pdf = posters / "marked.pdf";

  // TrimBox inside BleedBox by the whole bleed, BleedBox inside MediaBox by a slug for the marks.
  auto box = boxes(pdf);
  const Box trim = box["TrimBox"], bleed = box["BleedBox"], media = box["MediaBox"];
  EXPECT_NEAR(trim.width(), 576, 0.01);
  EXPECT_NEAR(trim.height(), 720, 0.01);
  for (double side :
       {trim.x0 - bleed.x0, trim.y0 - bleed.y0, bleed.x1 - trim.x1, bleed.y1 - trim.y1}) {
    EXPECT_NEAR(side, 3 * kPtPerMm, 0.01);
  }
  for (double slug :
       {bleed.x0 - media.x0, bleed.y0 - media.y0, media.x1 - bleed.x1, media.y1 - bleed.y1}) {
    EXPECT_GE(slug, 6 * kPtPerMm);
  }
  // Without marks there is no slug: the sheet is the bleed.
  auto plain = boxes(posters / "plain.pdf");
  EXPECT_NEAR(plain["MediaBox"].width(), plain["BleedBox"].width(), 0.01);
  EXPECT_NEAR(plain["MediaBox"].height(), plain["BleedBox"].height(), 0.01);

  // The page as pixels, 2 to the point, without anti-aliasing: a mark is black or it is not.
  const double scale = 2;
  Picture page = draw(pdf, 144, dir, {"-aa", "no", "-aaVector", "no"});
  ASSERT_NEAR(page.width, media.width() * scale, 2);
  auto x_of = [&](int px) { return media.x0 + (px + 0.5) / scale; };
  auto y_of = [&](int py) { return media.y1 - (py + 0.5) / scale; };
  std::size_t inside_bleed = 0, outside_bleed = 0;
  // The extent, in points, of black along each of the eight marks: the lines of the trim's
  // edges, each beyond the bleed on its side.
  struct Extent {
    double low = 1e9, high = -1e9;
    void add(double v) { low = std::min(low, v), high = std::max(high, v); }
    double length() const { return high > low ? high - low : 0; }
  };
  Extent marks[8];
  const double near = 1.5 / scale;  // half a mark's width and a pixel
  for (int py = 0; py < page.height; ++py) {
    for (int px = 0; px < page.width; ++px) {
      if (!black(page.rgb(px, py))) continue;
      double x = x_of(px), y = y_of(py);
      bool in = x > bleed.x0 && x < bleed.x1 && y > bleed.y0 && y < bleed.y1;
      in ? ++inside_bleed : ++outside_bleed;
      for (int corner = 0; corner < 4; ++corner) {
        double edge_x = corner % 2 ? trim.x1 : trim.x0;
        double edge_y = corner / 2 ? trim.y1 : trim.y0;
        bool beyond_x = corner % 2 ? x > bleed.x1 : x < bleed.x0;
        bool beyond_y = corner / 2 ? y > bleed.y1 : y < bleed.y0;
        if (beyond_x && std::abs(y - edge_y) < near) marks[2 * corner].add(x);
        if (beyond_y && std::abs(x - edge_x) < near) marks[2 * corner + 1].add(y);
      }
    }
  }
  EXPECT_EQ(inside_bleed, 0u) << "black drawn on the poster or in its bleed";
  EXPECT_GT(outside_bleed, 0u) << "no marks drawn";
  for (int mark = 0; mark < 8; ++mark) {
    EXPECT_GE(marks[mark].length(), 5 * kPtPerMm) << "mark " << mark << " is too short or missing";
  }
  // The marks are production aids, marked as such (a page artifact), not the poster's content.
  EXPECT_NE(read_file(pdf).find("/Artifact <</Type /Page>> BDC"), std::string::npos);
  EXPECT_EQ(pdf_words(pdf), pdf_words(posters / "plain.pdf"));
}

}  // namespace
}  // namespace coachkit
