// The full-text fallback on real text-line images (../shared/corpus/external/
// chinese-text-lines): screenshots, synthetic lines, a 180°-turned line, an EXIF-
// rotated JPEG, black and white text on transparency, scene text. Each image goes
// through ProcessFile as an unknown document; its `unmatched` record's page text is
// compared with the transcription (*.gt.txt).
//
// CER = Levenshtein distance / reference length, in Unicode code points, summed over
// all images (the overall figure) and per image. Both sides are normalised the same
// way before comparing: NFKC to half-width (ToHalfWidth: ，→, ：→: Ａ→A), every dash
// (‐ ‑ ‒ – — ― −) to "-", and every whitespace character removed. The corpus notes that
// its transcriptions mix ASCII and full-width commas and write "——" as "--"; this
// makes those spellings equal and nothing else.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "extract/normalize.h"
#include "extract/template_loader.h"
#include "ocr/ocr_engine.h"
#include "pipeline/process_document.h"

namespace shenbao {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string NormalizeForCer(const std::string& s) {
  std::string t = extract::ToHalfWidth(s);
  for (const char* dash : {"‐", "‑", "‒", "–", "—", "―", "−"}) {
    for (size_t at; (at = t.find(dash)) != std::string::npos;) t.replace(at, std::string(dash).size(), "-");
  }
  return extract::RemoveWhitespace(t);
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

struct Sample {
  fs::path image;
  std::string truth;
};

std::vector<Sample> TranscribedImages(const fs::path& dir) {
  std::vector<Sample> samples;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".gt.txt";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    const std::string stem = name.substr(0, name.size() - suffix.size());
    for (const char* ext : {".png", ".jpg", ".jpeg"}) {
      const fs::path image = dir / (stem + ext);
      if (fs::exists(image)) {
        samples.push_back({image, ReadAll(entry.path())});
        break;
      }
    }
  }
  std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.image < b.image; });
  return samples;
}

// Overall CER of the full-text fallback with `model` over every transcribed image.
double CorpusCer(const std::string& model, const std::vector<Sample>& samples) {
  const auto templates = extract::LoadTemplateDir(fs::path(SHENBAO_SOURCE_DIR) / "templates");
  ocr::EngineOptions engine_options;
  engine_options.chinese_model = model;
  auto engine = ocr::MakeTesseractEngine(engine_options);
  size_t total_edits = 0, total_ref = 0;
  for (const Sample& s : samples) {
    pipeline::InputFile input;
    input.path = s.image;
    input.display_path = s.image.string();
    input.name = s.image.stem().string();
    const auto records = pipeline::ProcessFile(input, templates, *engine, pipeline::ProcessOptions{});
    std::string text;
    for (const auto& r : records) {
      EXPECT_EQ(r.status, "unmatched") << s.image;
      for (const auto& p : r.page_texts) text += p.text + "\n";
    }
    const std::string got = NormalizeForCer(text), want = NormalizeForCer(s.truth);
    const size_t edits = extract::EditDistance(got, want), ref = CodePoints(want);
    total_edits += edits;
    total_ref += ref;
    std::printf("[%s] %-45s CER %.3f (%zu/%zu) read: %s\n", model.c_str(), s.image.filename().c_str(),
                ref ? static_cast<double>(edits) / ref : 0.0, edits, ref, got.c_str());
  }
  const double cer = total_ref ? static_cast<double>(total_edits) / total_ref : 1.0;
  std::printf("[%s] overall CER %.4f (%zu edits / %zu reference code points, %zu images)\n", model.c_str(), cer,
              total_edits, total_ref, samples.size());
  return cer;
}

class FullTextCorpus : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(SHENBAO_CORPUS_DIR) / "chinese-text-lines";
    if (!fs::is_directory(dir_)) GTEST_SKIP() << "corpus not present: " << dir_;
    samples_ = TranscribedImages(dir_);
    if (samples_.empty()) GTEST_SKIP() << "no *.gt.txt in " << dir_;
  }
  fs::path dir_;
  std::vector<Sample> samples_;
};

// Issue 8 asks for CER ≤ 0.08. Measured 0.0778 (20 edits / 257 code points; 0.0895
// before doubtful lines were voted on at their characters' measured height and with a
// ground-flattened binarisation, 0.1245 before line-by-line voting, colour-channel
// choice and dash restoration; plain Tesseract --psm 6 gets 0.175). What is left: two
// lines of random rare characters (rand_cn1, 17 px tall, and chn-00199980, blurred
// white on black: 16 edits, where the model's language prior picks common
// look-alikes), the 3D letters of a shop sign (3) and one character of a sign on
// foliage (1).
TEST_F(FullTextCorpus, ChiSimBeatsPlainTesseract) { EXPECT_LE(CorpusCer("chi_sim", samples_), 0.08); }

// The script model is the alternative `--model HanS` (with no second model to vote
// with): measured 0.0934 (was 0.1206, 0.1089, 0.1051; the last step: light-on-dark
// lines made dark before their orientation is judged). Guarded at 0.10.
TEST_F(FullTextCorpus, HanSReadsTheCorpus) { EXPECT_LE(CorpusCer("HanS", samples_), 0.10); }

}  // namespace
}  // namespace shenbao
