// Orientation: a sample page turned by 90°, 180° or 270° is found turned and put
// back upright; an upright page and a blank page are left alone.
#include <filesystem>

#include <gtest/gtest.h>

#include "ocr/document_source.h"
#include "ocr/orientation.h"

namespace shenbao::ocr {
namespace {

namespace fs = std::filesystem;

class Orientation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { engine_ = MakeTesseractEngine(EngineOptions{}).release(); }
  static void TearDownTestSuite() { delete engine_; }
  static PageImage SamplePage(const std::string& form) {
    const fs::path pdf = fs::path(SHENBAO_SOURCE_DIR) / "samples" / form / "clean-01.pdf";
    if (!fs::exists(pdf)) return {};
    return OpenDocument(pdf, RasterOptions{})->Render(0);
  }
  static OcrEngine* engine_;
};
OcrEngine* Orientation::engine_ = nullptr;

TEST_F(Orientation, TurnedSamplePagesAreFoundAndTurnedBack) {
  for (const std::string form : {"5g-factory-application-summary", "iiot-pilot-recommendation-summary"}) {
    const PageImage upright = SamplePage(form);
    if (upright.gray.empty()) GTEST_SKIP() << "sample not present: " << form;
    for (int turn : {0, 90, 180, 270}) {
      SCOPED_TRACE(form + " turned " + std::to_string(turn));
      PageImage page = upright;
      page.gray = RotateClockwise(upright.gray, turn);
      if (page.has_color()) page.color = RotateClockwise(upright.color, turn);
      const OrientationEstimate e = MakeUpright(page, *engine_);
      EXPECT_EQ(e.rotation, (360 - turn) % 360);
      EXPECT_EQ(page.rotation, (360 - turn) % 360);
      ASSERT_EQ(page.gray.size(), upright.gray.size());
      // Back upright means the very same pixels.
      EXPECT_EQ(cv::norm(page.gray, upright.gray, cv::NORM_L1), 0.0);
    }
  }
}

TEST_F(Orientation, BlankPageStaysAsItIs) {
  PageImage page;
  page.gray = cv::Mat(3508, 2480, CV_8UC1, cv::Scalar(255));
  const OrientationEstimate e = MakeUpright(page, *engine_);
  EXPECT_EQ(e.rotation, 0);
  EXPECT_EQ(page.rotation, 0);
  EXPECT_EQ(page.gray.cols, 2480);
}

TEST(RotateClockwise, TurnsTheWayItSays) {
  cv::Mat m = (cv::Mat_<uchar>(1, 2) << 1, 2);  // [1 2]
  EXPECT_EQ(RotateClockwise(m, 90).size(), cv::Size(1, 2));
  EXPECT_EQ(RotateClockwise(m, 90).at<uchar>(0, 0), 1);   // left end goes to the top
  EXPECT_EQ(RotateClockwise(m, 270).at<uchar>(0, 0), 2);  // right end goes to the top
  EXPECT_EQ(RotateClockwise(m, 180).at<uchar>(0, 0), 2);
}

}  // namespace
}  // namespace shenbao::ocr
