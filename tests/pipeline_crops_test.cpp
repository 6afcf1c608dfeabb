// Crops written for a person: grey when the paper shows no colour, colour when it
// does (a seal over the field), and on disk under the names the record gives.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "extract/record.h"
#include "pipeline/output.h"

namespace shenbao::pipeline {
namespace {

namespace fs = std::filesystem;

// A scanned cell: off-white paper, black text, JPEG's faint chroma noise.
cv::Mat ScannedCell() {
  cv::Mat cell(80, 400, CV_8UC3, cv::Scalar(236, 240, 241));
  cv::putText(cell, "13800138000", {10, 55}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(25, 22, 30), 3);
  cv::Mat noise(cell.size(), CV_8UC3);
  cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(8));
  cell += noise;
  return cell;
}

TEST(WriteCrops, GreyWhenThePaperHasNoColourColourUnderASeal) {
  const fs::path root = fs::temp_directory_path() / ("shenbao-crops-" + std::to_string(::getpid()));
  fs::remove_all(root);
  OutputDir out(root, "test");
  extract::Record record;
  record.crops.push_back({"crops/doc/phone.png", ScannedCell()});
  cv::Mat sealed = ScannedCell();
  cv::circle(sealed, {200, 40}, 60, cv::Scalar(40, 40, 220), 4);  // seal ring over the text
  record.crops.push_back({"crops/doc/sealed.png", sealed});
  out.WriteInput("doc", "0", {record});

  const cv::Mat plain = cv::imread((root / "crops/doc/phone.png").string(), cv::IMREAD_UNCHANGED);
  ASSERT_FALSE(plain.empty());
  EXPECT_EQ(plain.channels(), 1);
  EXPECT_EQ(plain.size(), cv::Size(400, 80));
  const cv::Mat red = cv::imread((root / "crops/doc/sealed.png").string(), cv::IMREAD_UNCHANGED);
  ASSERT_FALSE(red.empty());
  EXPECT_EQ(red.channels(), 3);
  // No temporary file left behind.
  for (const auto& entry : fs::recursive_directory_iterator(root))
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
  fs::remove_all(root);
}

}  // namespace
}  // namespace shenbao::pipeline
