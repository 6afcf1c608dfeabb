#pragma once
// Helpers shared by the seal tests (ocr_seal_test, ocr_seal_faded_test).
#include <opencv2/imgproc.hpp>

#include "ocr/page_image.h"

namespace shenbao::ocr::seal_test {

// A 300 dpi colour page from BGR pixels, its grey as the pipeline makes it.
inline PageImage ColourPage(const cv::Mat& bgr) {
  PageImage page;
  page.dpi = 300;
  page.color = bgr;
  cv::cvtColor(bgr, page.gray, cv::COLOR_BGR2GRAY);
  return page;
}

}  // namespace shenbao::ocr::seal_test
