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
    // Four histograms, one per pixel of each group of four: paper is long runs of
    // one level, and counting those in one histogram makes every increment wait for
    // the one before it to be stored.
    std::array<std::array<uint32_t, 256>, 4> part{};
    int64_t unfolded = 0;
    for (int y = 0; y < gray.rows; ++y) {
      const uint8_t* p = gray.ptr<uint8_t>(y);
      int x = 0;
      for (; x + 4 <= gray.cols; x += 4) {
        ++part[0][p[x]];
        ++part[1][p[x + 1]];
        ++part[2][p[x + 2]];
        ++part[3][p[x + 3]];
      }
      for (; x < gray.cols; ++x) ++part[0][p[x]];
      // Folded before a part could reach its limit (2^32 counts).
      unfolded += gray.cols;
      if (unfolded > (int64_t{1} << 31)) Fold(part), unfolded = 0;
    }
    Fold(part);
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
  void Fold(std::array<std::array<uint32_t, 256>, 4>& part) {
    for (auto& counts : part) {
      for (int v = 0; v < 256; ++v) counts_[v] += counts[v];
      counts.fill(0);
    }
  }

  int64_t total_;
  std::array<int64_t, 256> counts_{};
};

}  // namespace shenbao::ocr
