#pragma once
// The output folder: per-document records written atomically, crops, a done-marker
// per input for resuming, and records.jsonl rebuilt from the records so that a
// killed run never leaves a partial or duplicate line.
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "extract/record.h"

namespace shenbao::pipeline {

class OutputDir {
 public:
  // Creates the folder layout. `fingerprint` identifies program and template
  // versions: a finished input is skipped only when it matches.
  OutputDir(std::filesystem::path root, std::string fingerprint);

  // True when `name` was finished by an earlier run over the same bytes, templates
  // and program version.
  bool IsDone(const std::string& name, const std::string& sha256) const;

  // Writes the records of one input (crops first, then records, then the marker)
  // and returns the record file names (under records/). Thread-safe; several
  // processes may write different inputs at once.
  std::vector<std::string> WriteInput(const std::string& name, const std::string& sha256, const std::vector<extract::Record>& records);

  // Writes the records of part `part` of a long input (ProcessPages): crops, then
  // state/<name>.part<k>.json. No done-marker: the input is finished by MergeParts.
  void WritePart(const std::string& name, const std::string& sha256, int part, const std::vector<extract::Record>& records);

  // Joins parts 0..parts-1 of an input as one worker reading the whole file would
  // have written it: documents numbered on from part to part, record files and
  // crop folders named by those numbers; then the done-marker, then the part files
  // go. Returns the records. Throws when a part file is missing or damaged.
  std::vector<nlohmann::ordered_json> MergeParts(const std::string& name, const std::string& sha256, int parts);

  // Rebuilds records.jsonl from every finished input's records (sorted by name).
  // Returns the records it holds, for the report and the summary.
  std::vector<nlohmann::ordered_json> RebuildJsonl() const;

  // Removes temporary files a killed run left behind (never read: only renamed
  // files count), and parts of inputs that were never merged (they are read again
  // whole). Call when no other process writes into this folder.
  void RemoveLeftovers() const;

  const std::filesystem::path& root() const { return root_; }

  // "<name>.part<k>.json": a part's records waiting to be merged.
  static bool IsPartFile(const std::string& file);

 private:
  void WriteCrops(const extract::Record& record) const;
  // Writes state/<name>.done listing `files` (under records/): the input is finished.
  void WriteDoneMarker(const std::string& name, const std::string& sha256, const nlohmann::json& files) const;
  std::filesystem::path root_;
  std::string fingerprint_;
  mutable std::mutex mutex_;
};

// Whether WriteFileAtomically syncs the file before the rename. kLater: the caller
// syncs many files at once (a document's crops: one journal commit, not one each).
enum class Sync { kNow, kLater };

// Writes `content` to `path` through a temporary file and a rename, so readers see
// the old file or the new one, never half of one.
void WriteFileAtomically(const std::filesystem::path& path, std::string_view content, Sync sync = Sync::kNow);

// SHA-256 of a file, hex; throws std::runtime_error when it cannot be read.
std::string Sha256File(const std::filesystem::path& path);

}  // namespace shenbao::pipeline
