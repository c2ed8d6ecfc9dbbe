#include "build/work_plan.hpp"

#include "render/pandoc_batch.hpp"

#include <algorithm>
#include <map>

namespace coachkit {

std::vector<std::vector<std::size_t>> plan_work(const std::vector<Workload>& loads, int jobs,
                                                std::size_t largest_batch) {
  struct Item {
    std::vector<std::size_t> tasks;
    std::size_t cost = 0;
  };
  std::vector<Item> items;
  std::vector<std::vector<std::size_t>> work;
  std::map<int, std::vector<const Workload*>> groups;
  for (const Workload& load : loads) {
    if (load.first) {
      work.push_back({load.task});
    } else if (load.group < 0) {
      items.push_back({{load.task}, load.cost});
    } else {
      groups[load.group].push_back(&load);
    }
  }
  for (const auto& [group, members] : groups) {
    std::size_t total = 0;
    for (const Workload* member : members) total += member->cost;
    std::size_t shares = jobs <= 1 ? 1 : 2 * static_cast<std::size_t>(jobs);
    std::vector<const Workload*> batchable;
    for (const Workload* member : members) {
      if (members.size() > 1 && member->cost > total / shares) {
        items.push_back({{member->task}, member->cost});
      } else {
        batchable.push_back(member);
      }
    }
    std::vector<bool> batched(batchable.size(), false);
    for (const std::vector<std::size_t>& batch :
         split_into_batches(batchable.size(), jobs, largest_batch)) {
      Item item;
      for (std::size_t at : batch) {
        item.tasks.push_back(batchable[at]->task);
        item.cost += batchable[at]->cost;
        batched[at] = true;
      }
      items.push_back(std::move(item));
    }
    for (std::size_t at = 0; at < batchable.size(); ++at) {
      if (!batched[at]) items.push_back({{batchable[at]->task}, batchable[at]->cost});
    }
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.cost > b.cost; });
  work.reserve(work.size() + items.size());
  for (Item& item : items) work.push_back(std::move(item.tasks));
  return work;
}

}  // namespace coachkit
