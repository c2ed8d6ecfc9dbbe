// Many documents per pandoc process. pandoc's start-up and its Haskell run-time cost about as
// much as writing a small document, so documents that would get the same command line (same
// format, same theme) are written by one pandoc through coachkit-pandoc-batch.lua, a Lua filter
// on that very command line that calls pandoc.write with the command line's own writer options:
// byte for byte what one process per document writes.
//
// A batch only runs pandoc. Each output it made waits, in a temporary file beside its
// destination, for Renderer::render_input of the same input and destination, which takes it
// instead of running pandoc and does every step after pandoc as for a document rendered alone
// (PDF, zip fix-ups, the size check, the rename into place). A document the batch did not make
// (its own failure, or the batch stopped before it) is rendered alone by render_input, so its
// error is the one it always was.
#pragma once

#include "support/problem.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

class ScopedTempFile;

// Whether COACHKIT_PANDOC_BATCH allows batches: unset or anything but "0".
bool pandoc_batches_allowed();

// Whether `version_line` ("pandoc 2.17.1.1") is a pandoc whose filters have pandoc.write and
// PANDOC_WRITER_OPTIONS (2.17 and newer).
bool pandoc_can_batch(const std::string& version_line);

// How `count` documents of one command line are split over `jobs` workers: about two batches
// per worker (one with a single worker), so one slow batch does not leave the others idle, each
// of at most `largest`
// documents. Batches of one document are not worth a batch; the result lists batches of at
// least two (each a list of indexes into the documents, in order) and leaves out the rest,
// which are rendered alone.
std::vector<std::vector<std::size_t>> split_into_batches(std::size_t count, int jobs,
                                                         std::size_t largest = 32);

// One document of a batch: what pandoc reads (pandoc_input()) and where its output goes.
struct BatchDocument {
  const std::string* input;
  std::string destination;
};

// The outputs batches made and render_input has not taken yet, by destination. Thread-safe.
class BatchOutputs {
 public:
  // pandoc's output for `destination`, made from `input`, is the file `made`.
  void add(const std::string& destination, const std::string& input, const std::string& made);
  // Moves the file a batch made for `destination` from exactly `input` to `path`: true when
  // there was one (and it moved), false when the document is to be rendered alone.
  bool take(const std::string& destination, const std::string& input, const std::string& path);
  // Forgets `destination`'s output (the batch's guard removes the file).
  void forget(const std::string& destination);

 private:
  struct Made {
    std::string digest;  // of the input
    std::string path;
  };
  std::mutex mutex_;
  std::map<std::string, Made> made_;
};

// One batch's outputs while they wait; removing what nobody took when it goes.
class PandocBatch {
 public:
  PandocBatch(BatchOutputs& outputs, std::vector<std::string> destinations,
              std::vector<std::string> temporaries);
  ~PandocBatch();
  PandocBatch(const PandocBatch&) = delete;
  PandocBatch& operator=(const PandocBatch&) = delete;

  // Per document, in order: nullopt when pandoc made it, else why not, naming its
  // destination ("handouts/respect.docx: ...").
  std::vector<std::optional<Problem>> problems;

 private:
  BatchOutputs& outputs_;
  std::vector<std::string> destinations_;
  std::vector<std::string> temporaries_;
  std::vector<std::unique_ptr<ScopedTempFile>> guards_;
};

}  // namespace coachkit
