// The order in which a build's threads take its outputs, and which documents pandoc writes
// together (render/pandoc_batch.hpp). Kept apart from the build so that it can be tested alone.
#pragma once

#include <cstddef>
#include <vector>

namespace coachkit {

// One output still to render, as the planner sees it.
struct Workload {
  std::size_t task = 0;  // the build's index of it
  std::size_t cost = 0;  // an estimate of its rendering time, in any unit shared by all
  int group = -1;        // outputs of one group get the same pandoc command line; -1: alone
  bool first = false;    // someone is looking at it (a preview's open page): alone, before all
};

// The work items, each one or more of `loads`' tasks, in the order the threads take them.
// Each group is split as split_into_batches says, over `jobs` workers. A document that costs
// more than a batch's fair share of its group (the whole-pack handout among the principles'
// handouts) is rendered alone, so it does not hold a batch's other documents up behind it.
// Items come longest first (by their summed cost; ties in the order given), so the long
// document a build waits for at its end starts at its beginning instead. Loads marked `first`
// come before everything, each alone, in the order given.
std::vector<std::vector<std::size_t>> plan_work(const std::vector<Workload>& loads, int jobs,
                                                std::size_t largest_batch = 32);

}  // namespace coachkit
