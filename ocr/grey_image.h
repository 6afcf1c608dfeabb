#pragma once
// A grey view of an image that may be colour (BGR or BGRA): the image itself when it
// is grey already, no copy.
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace shenbao::ocr {

inline cv::Mat ToGray(const cv::Mat& image) {
  if (image.channels() == 1) return image;
  cv::Mat gray;
  cv::cvtColor(image, gray, image.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  return gray;
}

}  // namespace shenbao::ocr
