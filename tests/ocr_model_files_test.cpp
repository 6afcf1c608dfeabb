// The start-up check for models: a file lookup when the models are where Tesseract
// looks, and "not sure" (so the caller loads them and reports what is wrong)
// otherwise.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "ocr/ocr_engine.h"

namespace shenbao::ocr {
namespace {

namespace fs = std::filesystem;

TEST(ModelFilesPresent, FindsEachModelFileOrSaysNotSure) {
  const fs::path dir = fs::temp_directory_path() / ("shenbao-models-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const char* name : {"chi_sim", "eng"}) std::ofstream(dir / (std::string(name) + ".traineddata")) << "x";
  EngineOptions options;
  options.tessdata_dir = dir.string();
  options.second_model.clear();
  EXPECT_TRUE(ModelFilesPresent(options));
  options.second_model = "HanS";  // not in the folder
  EXPECT_FALSE(ModelFilesPresent(options));
  options.second_model.clear();
  options.chinese_model = "chi_tra";
  EXPECT_FALSE(ModelFilesPresent(options));
  fs::remove_all(dir);
}

// The models the program loads by default are installed by the set-up, so the
// check passes on a machine set up by the README's first command.
TEST(ModelFilesPresent, DefaultModelsOfThisMachine) {
  if (std::getenv("TESSDATA_PREFIX")) GTEST_SKIP() << "TESSDATA_PREFIX set: models elsewhere";
  EXPECT_TRUE(ModelFilesPresent(EngineOptions{}));
}

}  // namespace
}  // namespace shenbao::ocr
