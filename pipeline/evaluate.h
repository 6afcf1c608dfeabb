#pragma once
// Accuracy over labelled samples: each samples/…/X.pdf has X.truth.json (see
// samples/README.md). Compares the records of a run with the truth, value by value.
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace shenbao::pipeline {

struct Tally {
  int right = 0, total = 0;
  void Add(bool ok) { right += ok, ++total; }
  double Rate() const { return total ? static_cast<double>(right) / total : 0.0; }
};

struct EvalReport {
  using Key = std::pair<std::string, std::string>;  // form id, difficulty level
  std::map<Key, Tally> fields, cells, cells_under_seal, cells_clear, classified;
  std::map<Key, int> seal_tp, seal_fp, seal_fn;     // zone-level presence
  std::map<Key, Tally> seal_owner;                  // owner text names the unit
  std::map<int, Tally> reliability;                 // confidence bucket (×100 lower bound) → right
  std::map<std::string, Tally> silent;
  // With SHENBAO_CALIBRATION_DEBUG=1 (records carry weakest_char): right share by the
  // evidence confidence is computed from, e.g. "zh agree weakest>=0.97".
  std::map<std::string, Tally> by_evidence;              // level → wrong values in "ok" records at ≥0.9
  std::vector<std::string> mistakes;                // "file: path: read 'x', truth 'y'"
};

EvalReport Evaluate(const std::filesystem::path& samples_dir, const std::filesystem::path& out_dir);
void PrintEvaluation(const EvalReport& report, std::ostream& out);

}  // namespace shenbao::pipeline
