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

// chi_sim_int is shenbao's own model (scripts/models.sh): found in its own folder
// when Tesseract's folder lacks it, and replaced by Debian's HanS, with a warning
// that says how to install it, when it is nowhere.
TEST(ModelDir, SecondModelFromOwnFolderOrFallsBackWithWarning) {
  const fs::path tess = fs::temp_directory_path() / ("shenbao-tess-" + std::to_string(::getpid()));
  const fs::path own = fs::temp_directory_path() / ("shenbao-own-" + std::to_string(::getpid()));
  fs::create_directories(tess);
  fs::create_directories(own);
  for (const char* name : {"chi_sim", "eng", "HanS"}) std::ofstream(tess / (std::string(name) + ".traineddata")) << "x";
  EngineOptions options;
  options.tessdata_dir = tess.string();
  options.own_model_dir = own.string();
  EXPECT_EQ(ModelDir(options, "chi_sim"), tess.string());
  EXPECT_EQ(ModelDir(options, kSecondModel), "");
  EXPECT_FALSE(ModelFilesPresent(options));

  std::ofstream(own / (std::string(kSecondModel) + ".traineddata")) << "x";
  EXPECT_EQ(ModelDir(options, kSecondModel), own.string());
  EXPECT_TRUE(ModelFilesPresent(options));
  EngineOptions installed = options;
  EXPECT_EQ(FallBackIfSecondModelMissing(&installed), "");
  EXPECT_EQ(installed.second_model, kSecondModel);

  fs::remove(own / (std::string(kSecondModel) + ".traineddata"));
  const std::string warning = FallBackIfSecondModelMissing(&options);
  EXPECT_NE(warning.find("scripts/models.sh"), std::string::npos) << warning;
  EXPECT_EQ(options.second_model, kFallbackSecondModel);
  EXPECT_TRUE(ModelFilesPresent(options));
  // A model the user chose is never swapped behind their back.
  EngineOptions chosen;
  chosen.tessdata_dir = tess.string();
  chosen.second_model = "chi_tra";
  EXPECT_EQ(FallBackIfSecondModelMissing(&chosen), "");
  EXPECT_EQ(chosen.second_model, "chi_tra");
  fs::remove_all(tess);
  fs::remove_all(own);
}

// The models the program loads by default are installed by the set-up, so the
// check passes on a machine set up by the README's first command.
TEST(ModelFilesPresent, DefaultModelsOfThisMachine) {
  if (std::getenv("TESSDATA_PREFIX")) GTEST_SKIP() << "TESSDATA_PREFIX set: models elsewhere";
  EngineOptions options;  // as the program resolves them at start-up
  FallBackIfSecondModelMissing(&options);
  EXPECT_TRUE(ModelFilesPresent(options));
}

}  // namespace
}  // namespace shenbao::ocr
