#include "ocr/stage_clock.h"

#include <time.h>

namespace shenbao::ocr {

const char* StageName(Stage stage) {
  switch (stage) {
    case Stage::kRasterize: return "rasterize";
    case Stage::kOrientation: return "orientation";
    case Stage::kCleanup: return "cleanup";
    case Stage::kLayout: return "layout";
    case Stage::kOcr: return "ocr";
    case Stage::kOcrRecheck: return "ocr-recheck";
    case Stage::kFields: return "fields";
    case Stage::kValidation: return "validation";
    case Stage::kOutput: return "output";
    case Stage::kCount: break;
  }
  return "?";
}

std::vector<std::pair<std::string, double>> NamedStages(const StageSeconds& seconds) {
  std::vector<std::pair<std::string, double>> named;
  for (size_t i = 0; i < seconds.size(); ++i)
    if (seconds[i] > 0) named.emplace_back(StageName(static_cast<Stage>(i)), seconds[i]);
  return named;
}

StageClock& StageClock::ThisThread() {
  thread_local StageClock clock;
  return clock;
}

double StageClock::CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

void StageClock::Charge(double now) {
  if (!open_.empty()) seconds_[static_cast<size_t>(open_.back())] += now - since_;
  since_ = now;
}

void StageClock::Enter(Stage stage) {
  Charge(CpuSeconds());
  // Orientation detection is OCR run only to turn the page; counting it as OCR
  // would hide what turning pages costs.
  if (!open_.empty() && open_.back() == Stage::kOrientation) stage = Stage::kOrientation;
  open_.push_back(stage);
}

void StageClock::Leave() {
  Charge(CpuSeconds());
  if (!open_.empty()) open_.pop_back();
}

StageSeconds StageClock::Take() {
  Charge(CpuSeconds());
  StageSeconds taken = seconds_;
  seconds_ = {};
  return taken;
}

}  // namespace shenbao::ocr
