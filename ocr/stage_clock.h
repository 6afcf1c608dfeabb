#pragma once
// Where a worker's time goes, stage by stage, for the benchmark and the run summary.
//
// Stages nest (OCR is called from layout, from field reading and from the seal
// reader), and each second is counted once: entering a stage pauses the one around
// it, so the figures add up to the wall time of the work they cover. One clock per
// thread; a worker process reads one document at a time on one thread.
//
// The clock is the process's CPU time, not the wall clock: the machines this runs on
// are shared, and a stage's share of the CPU is what a change to it can win back.
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace shenbao::ocr {

enum class Stage { kRasterize, kOrientation, kCleanup, kLayout, kOcr, kOcrRecheck, kFields, kValidation, kOutput, kCount };

const char* StageName(Stage stage);

// Seconds per stage, in the order of Stage.
using StageSeconds = std::array<double, static_cast<size_t>(Stage::kCount)>;

// The named, non-zero entries of `seconds`, in stage order.
std::vector<std::pair<std::string, double>> NamedStages(const StageSeconds& seconds);

class StageClock {
 public:
  static StageClock& ThisThread();

  void Enter(Stage stage);
  void Leave();
  // The seconds counted since the last Take (or the start), and starts again.
  StageSeconds Take();

 private:
  static double CpuSeconds();
  void Charge(double now);

  StageSeconds seconds_{};
  std::vector<Stage> open_;            // innermost last
  double since_ = CpuSeconds();
};

// Counts the enclosing scope's time to `stage`.
class ScopedStage {
 public:
  explicit ScopedStage(Stage stage) { StageClock::ThisThread().Enter(stage); }
  ~ScopedStage() { StageClock::ThisThread().Leave(); }
  ScopedStage(const ScopedStage&) = delete;
  ScopedStage& operator=(const ScopedStage&) = delete;
};

}  // namespace shenbao::ocr
