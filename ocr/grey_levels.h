#pragma once
// The distribution of the grey levels of a crop: its paper level (the median: print
// covers well under half of a text crop) and the spread of the paper's grain.
#include <array>
#include <cstdint>

#include <opencv2/core.hpp>

namespace shenbao::ocr {

class GreyLevels {
 public:
  explicit GreyLevels(const cv::Mat& gray) : total_(static_cast<int64_t>(gray.total())) {
    for (int y = 0; y < gray.rows; ++y) {
      const uint8_t* p = gray.ptr<uint8_t>(y);
      for (int x = 0; x < gray.cols; ++x) ++counts_[p[x]];
    }
  }

  // The lowest level at or below which `percent` of the pixels lie.
  int Percentile(int percent) const {
    const int64_t wanted = total_ * percent / 100;
    int level = 0;
    for (int64_t below = counts_[0]; level < 255 && below < wanted; below += counts_[++level]) {
    }
    return level;
  }

 private:
  int64_t total_;
  std::array<int64_t, 256> counts_{};
};

}  // namespace shenbao::ocr
