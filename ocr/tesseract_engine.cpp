// OcrEngine over Tesseract's C++ API, in-process. Per engine: a Chinese model for
// text, a Latin model for digits, phones, emails and codes (several times faster
// and with fewer confusions on them), and optionally a second Chinese model whose
// opinion is asked on lines the first is unsure of.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include <opencv2/imgproc.hpp>
#include <spdlog/spdlog.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include "ocr/cleanup.h"
#include "ocr/inkless_mark.h"
#include "ocr/line_vote.h"
#include "ocr/ocr_engine.h"
#include "ocr/png_scratch.h"
#include "ocr/recheck_window.h"
#include "ocr/stage_clock.h"

namespace shenbao::ocr {

std::string OcrText::Joined(const char* separator) const {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += separator;
    out += lines[i].text;
  }
  return out;
}

namespace {

struct TessDeleter {
  void operator()(tesseract::TessBaseAPI* api) const {
    api->End();
    delete api;
  }
};
using TessPtr = std::unique_ptr<tesseract::TessBaseAPI, TessDeleter>;

TessPtr InitApi(const std::string& tessdata_dir, const std::string& model) {
  TessPtr api(new tesseract::TessBaseAPI());
  const char* datapath = tessdata_dir.empty() ? nullptr : tessdata_dir.c_str();
  if (api->Init(datapath, model.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    throw std::runtime_error("cannot load the Tesseract model '" + model + "'" +
                             (tessdata_dir.empty() ? std::string() : " from " + tessdata_dir) +
                             " (is the tesseract-ocr language package installed?)");
  }
  // Tesseract otherwise prints "Estimating resolution…" style chatter for every region.
  api->SetVariable("debug_file", "/dev/null");
  // Forms print dark on light, and the full-text fallback turns light-on-dark
  // images itself (extract/fulltext.cpp). Tesseract's own inverted second reading
  // of every doubtful line cost 17% of line OCR time and changed no value on the
  // labelled samples.
  api->SetVariable("tessedit_do_invert", "0");
  return api;
}

// The text read, without the spaces between words.
std::string Compact(const OcrText& text) {
  std::string out;
  for (char c : text.Joined("")) if (c != ' ') out += c;
  return out;
}

constexpr int kPad = 10;  // white margin: LSTM lines touching the image edge lose their first glyph

// Alternatives below this share of the timestep are noise, not a second reading.
constexpr float kAlternativeConfidence = 0.05f;

// The characters other than `chosen` that the LSTM weighed for the symbol under `it`
// (lstm_choice_mode 2), restricted to `whitelist` when one is set.
std::vector<std::string> Alternatives(const tesseract::ResultIterator& it, const std::string& chosen, const char* whitelist) {
  std::vector<std::string> out;
  tesseract::ChoiceIterator choice(it);
  do {
    const char* text = choice.GetUTF8Text();
    if (!text || chosen == text || choice.Confidence() / 100.0f < kAlternativeConfidence) continue;
    if (*whitelist && (std::strlen(text) != 1 || !std::strchr(whitelist, text[0]))) continue;
    if (std::find(out.begin(), out.end(), text) == out.end()) out.emplace_back(text);
  } while (choice.Next());
  return out;
}

OcrText Run(tesseract::TessBaseAPI* api, const cv::Mat& padded, tesseract::PageSegMode psm, const char* whitelist,
            bool with_alternatives = false) {
  OcrText result;
  const ScratchPngScope scratch_png;  // Tesseract's word images: see png_scratch.h
  api->SetPageSegMode(psm);
  api->SetVariable("tessedit_char_whitelist", whitelist);
  api->SetImage(padded.data, padded.cols, padded.rows, 1, static_cast<int>(padded.step));
  api->SetSourceResolution(300);
  if (api->Recognize(nullptr) != 0) {
    api->Clear();
    return result;
  }
  std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
  // The image in the coordinates boxes are given in (the pad taken off).
  const cv::Mat unpadded = padded(cv::Rect(kPad, kPad, std::max(1, padded.cols - 2 * kPad),
                                           std::max(1, padded.rows - 2 * kPad)) &
                                  cv::Rect(0, 0, padded.cols, padded.rows));
  double weighted_conf = 0;
  size_t weight = 0;
  int x1, y1, x2, y2;
  if (it) {
    do {
      if (it->Empty(tesseract::RIL_TEXTLINE)) continue;
      OcrLine line;
      if (it->BoundingBox(tesseract::RIL_TEXTLINE, &x1, &y1, &x2, &y2)) line.box = cv::Rect(x1 - kPad, y1 - kPad, x2 - x1, y2 - y1);
      do {  // words of this line
        std::unique_ptr<char[]> word_text(it->GetUTF8Text(tesseract::RIL_WORD));
        if (!word_text) continue;
        OcrWord word;
        word.text = word_text.get();
        word.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0f, 0.0f, 1.0f);
        if (it->BoundingBox(tesseract::RIL_WORD, &x1, &y1, &x2, &y2)) word.box = cv::Rect(x1 - kPad, y1 - kPad, x2 - x1, y2 - y1);
        bool first = true;
        do {  // symbols of this word
          std::unique_ptr<char[]> symbol(it->GetUTF8Text(tesseract::RIL_SYMBOL));
          if (!symbol) continue;
          OcrSymbol read;
          read.text = symbol.get();
          read.confidence = std::clamp(it->Confidence(tesseract::RIL_SYMBOL) / 100.0f, 0.0f, 1.0f);
          read.starts_word = first;
          if (it->BoundingBox(tesseract::RIL_SYMBOL, &x1, &y1, &x2, &y2))
            read.box = cv::Rect(x1 - kPad, y1 - kPad, x2 - x1, y2 - y1);
          if (with_alternatives) read.alternatives = Alternatives(*it, symbol.get(), whitelist);
          line.symbols.push_back(std::move(read));
          first = false;
        } while (!it->IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL) && it->Next(tesseract::RIL_SYMBOL));
        line.words.push_back(std::move(word));
      } while (!it->IsAtFinalElement(tesseract::RIL_TEXTLINE, tesseract::RIL_WORD) && it->Next(tesseract::RIL_WORD));
      DropInklessTrailingMark(line, unpadded);
      double line_conf = 0;
      size_t chars = 0;
      for (size_t i = 0; i < line.words.size(); ++i) {
        if (i) line.text += ' ';
        line.text += line.words[i].text;
        const size_t n = std::max<size_t>(1, line.words[i].text.size() / 3 + 1);
        line_conf += line.words[i].confidence * n;
        chars += n;
      }
      if (line.text.empty()) continue;
      line.confidence = chars ? static_cast<float>(line_conf / chars) : 0.f;
      weighted_conf += line_conf;
      weight += chars;
      result.lines.push_back(std::move(line));
    } while (it->Next(tesseract::RIL_TEXTLINE));
  }
  result.confidence = weight ? static_cast<float>(weighted_conf / weight) : 0.f;
  result.weakest_symbol = result.lines.empty() ? 0.f : 1.f;
  for (const auto& l : result.lines)
    for (const auto& sym : l.symbols) result.weakest_symbol = std::min(result.weakest_symbol, sym.confidence);
  api->Clear();
  return result;
}

// Adds the characters of `other`, a reading of the same image, to the alternatives
// of the symbols of `text` they stand in place of, when the two readings have as
// many characters (one line each).
void AddAlternativeReading(OcrText& text, const OcrText& other) {
  if (text.lines.size() != 1 || other.lines.size() != 1) return;
  std::vector<OcrSymbol>& symbols = text.lines.front().symbols;
  const std::vector<OcrSymbol>& others = other.lines.front().symbols;
  if (symbols.size() != others.size()) return;
  for (size_t i = 0; i < symbols.size(); ++i) {
    std::vector<std::string>& alternatives = symbols[i].alternatives;
    if (others[i].text != symbols[i].text &&
        std::find(alternatives.begin(), alternatives.end(), others[i].text) == alternatives.end())
      alternatives.insert(alternatives.begin(), others[i].text);
  }
}

// What Tesseract is given: paper white (PaperToWhite) and a white margin (kPad).
cv::Mat Padded(const cv::Mat& gray) {
  cv::Mat padded;
  cv::copyMakeBorder(PaperToWhite(gray), padded, kPad, kPad, kPad, kPad, cv::BORDER_CONSTANT, cv::Scalar(255));
  return padded;
}

class TesseractEngine : public OcrEngine {
 public:
  explicit TesseractEngine(const EngineOptions& options)
      : options_(options),
        chinese_(InitApi(options.tessdata_dir, options.chinese_model)),
        latin_(InitApi(options.tessdata_dir, options.latin_model)) {
    if (!options.second_model.empty() && options.second_model != options.chinese_model) {
      const std::string dir = ModelDir(options, options.second_model);
      second_ = InitApi(dir.empty() ? options.tessdata_dir : dir, options.second_model);
    }
    // Alternatives per character for codes and numbers that fail their check (a USCC
    // check digit, a phone's length): see TryAlternatives in extract/form_reader.cpp.
    latin_->SetVariable("lstm_choice_mode", "2");
  }

  OcrText Recognize(const cv::Mat& gray, TextKind kind) override {
    if (gray.empty() || gray.cols < 4 || gray.rows < 4) return {};
    const ScopedStage stage(Stage::kOcr);
    CV_Assert(gray.type() == CV_8UC1);
    tesseract::TessBaseAPI* api = chinese_.get();
    tesseract::PageSegMode psm = tesseract::PSM_SINGLE_BLOCK;
    const char* whitelist = "";
    // Single lines are cut out by our own line splitter, so Tesseract's line
    // finding is skipped (RAW_LINE): its PSM 7 heuristics drop some clean lines
    // entirely (a lone header cell 建设状态 came back empty).
    switch (kind) {
      case TextKind::kLine:
      case TextKind::kLabel: psm = tesseract::PSM_RAW_LINE; break;
      case TextKind::kBlock: psm = tesseract::PSM_SINGLE_BLOCK; break;
      case TextKind::kSealArc: psm = tesseract::PSM_RAW_LINE; break;
      case TextKind::kPage: psm = tesseract::PSM_AUTO; break;
      case TextKind::kDigits:
        api = latin_.get();
        psm = tesseract::PSM_RAW_LINE;
        whitelist = "0123456789.,-%";
        break;
      case TextKind::kLatin:
        // Tesseract's own line finding here: the Latin model reads a raw line by its
        // height, and a phone number whose digits fill the band came back as letters
        // (16343456170 → "63404561702", 14197121667 → "SAIOTIOIBETe"). Measured on
        // the labelled samples: 19 fewer mistakes, no Chinese re-read of the phone.
        api = latin_.get();
        psm = tesseract::PSM_SINGLE_LINE;
        whitelist = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@._-()+";
        break;
    }
    // Tesseract binarizes by one Otsu threshold over the whole image: on grey paper
    // (paper ~180 in a hard scan) the white margin became the bright class and the
    // paper went over to the ink side, so cells read as nothing or as noise.
    const cv::Mat padded = Padded(gray);
    OcrText first = Run(api, padded, psm, whitelist, api == latin_.get());
    if (kind == TextKind::kDigits) {
      // Short numbers (a 序号 of one or two digits) are where the Latin model slips
      // most; the Chinese model reads digits too, and two readings that agree are trusted.
      const ScopedStage recheck(Stage::kOcrRecheck);
      OcrText second = Run(chinese_.get(), padded, psm, whitelist);
      OcrText voted = VoteLines(first, second);
      // The Chinese model reads nothing of a lone "1" whose serifs make it 工 to it:
      // the Latin reading alone is no more trusted than one the Chinese model contradicts.
      const bool chinese_silent = second.lines.empty() && !first.lines.empty();
      if (voted.models_disagree || chinese_silent) {
        // A third reading breaks the tie: the Latin model again, with Tesseract's own
        // line finding, which sizes a lone "1" or "11" by its line (raw-line mode
        // read them "4" and "44"). The text two of the three readings give wins; it
        // is still a vote, and a person still sees it.
        const OcrText third = Run(api, padded, tesseract::PSM_SINGLE_LINE, whitelist);
        if (!third.lines.empty() && !second.lines.empty() && Compact(third) == Compact(second)) {
          second.models_disagree = true;
          return second;
        }
        if (!third.lines.empty() && Compact(third) == Compact(first)) {
          first.models_disagree = !second.lines.empty();  // 53% over a Chinese 539%
          return first;
        }
        if (!third.lines.empty()) {
          // No two readings agree (a lone 1: raw-line mode read 4 and line mode 1, but
          // another 1 the other way round). The vote stands, or the Latin reading when
          // the Chinese model read nothing, as a vote; what the third reading saw is
          // kept as an alternative of the characters it differs in, for the caller to
          // weigh with other evidence (a 序号 the row order decides: extract/).
          if (chinese_silent) {
            voted = first;
            voted.models_disagree = true;
          }
          AddAlternativeReading(voted, third);
        }
      }
      if (!voted.lines.empty()) return voted;
      // Both read nothing: raw-line mode gives up on some two-digit images ("13");
      // read it once more as a single word, twice the size.
      cv::Mat larger;
      cv::resize(padded, larger, cv::Size(), 2.0, 2.0, cv::INTER_CUBIC);
      OcrText retry = Run(api, larger, tesseract::PSM_SINGLE_WORD, whitelist);
      for (auto& line : retry.lines) line.box = cv::Rect(line.box.x / 2, line.box.y / 2, line.box.width / 2, line.box.height / 2);
      return retry;
    }
    // (--recheck-below 0 turns second opinions off, on doubtful characters too.)
    const bool doubtful = first.confidence < options_.second_opinion_below ||
                          (options_.second_opinion_below > 0 && !first.lines.empty() &&
                           first.weakest_symbol < options_.second_opinion_weakest_below);
    if (kind != TextKind::kLine || !second_ || !doubtful) return first;
    const ScopedStage recheck(Stage::kOcrRecheck);
    // A long line read surely but for a character or two: the second model reads
    // windows around them, not the whole line (recheck_window.h).
    if (first.confidence >= options_.second_opinion_below && first.lines.size() == 1) {
      if (const OcrText spliced = WindowedSecondReading(gray, first); !spliced.lines.empty())
        return WindowedVote(first, spliced);
    }
    OcrText second = Run(second_.get(), padded, psm, whitelist);
    return VoteLines(first, second);
  }

  OcrText SecondOpinion(const cv::Mat& gray, const OcrText& first) override {
    if (first.lines.size() != 1) return first;
    return VoteLines(first, SecondModelReading(gray));  // no second reading: `first`
  }

  OcrText SecondModelReading(const cv::Mat& gray) override {
    if (!second_ || options_.second_opinion_below <= 0 || gray.empty() || gray.cols < 4 || gray.rows < 4) return {};
    const ScopedStage stage(Stage::kOcrRecheck);
    CV_Assert(gray.type() == CV_8UC1);
    return Run(second_.get(), Padded(gray), tesseract::PSM_RAW_LINE, "");
  }

  // The second model's reading of only the doubtful stretches of a one-line reading
  // (recheck_window.h), as a reading of the whole line; empty when the line should
  // be read again whole.
  OcrText WindowedSecondReading(const cv::Mat& gray, const OcrText& first) {
    RecheckWindowOptions window_options;
    window_options.doubtful_below = options_.second_opinion_weakest_below;
    const OcrLine& line = first.lines.front();
    if (line.symbols.size() < window_options.min_symbols) return {};
    const LineInk ink = LineInk::Of(gray);
    const std::vector<RecheckWindow> windows =
        DoubtfulWindows(line, ink, DoubtfulSymbols(line, ink, window_options), window_options);
    return ReadWindows(gray, first, windows, [&](const cv::Mat& window) {
      return Run(second_.get(), Padded(window), tesseract::PSM_RAW_LINE, "");
    });
  }

  // The first model's character set only: it reads every line and the second only
  // doubtful ones. chi_sim_int lists 孪 yet reads 数字孪生 as 数字李生/根生, so
  // counting the second model here would stop the lexicon from restoring 孪.
  bool CanRead(const std::string& character) const override {
    return chinese_->IsValidCharacter(character.c_str());
  }

 private:
  EngineOptions options_;
  TessPtr chinese_;
  TessPtr latin_;
  TessPtr second_;  // may be null
};

}  // namespace

std::unique_ptr<OcrEngine> MakeTesseractEngine(const EngineOptions& options) {
  EngineOptions resolved = options;
  if (const std::string warning = FallBackIfSecondModelMissing(&resolved); !warning.empty()) spdlog::warn(warning);
  return std::make_unique<TesseractEngine>(resolved);
}

namespace {

// Where Tesseract 5 looks: the folder given, else $TESSDATA_PREFIX, else the folder
// Debian's build has compiled in.
std::string TesseractDir(const EngineOptions& options) {
  if (!options.tessdata_dir.empty()) return options.tessdata_dir;
  const char* prefix = std::getenv("TESSDATA_PREFIX");
  return prefix ? prefix : "/usr/share/tesseract-ocr/5/tessdata";
}

bool HasModel(const std::string& dir, const std::string& model) {
  std::error_code error;
  return !dir.empty() && std::filesystem::is_regular_file(std::filesystem::path(dir) / (model + ".traineddata"), error);
}

}  // namespace

std::string ModelDir(const EngineOptions& options, const std::string& model) {
  for (const std::string& dir : {TesseractDir(options), options.own_model_dir})
    if (HasModel(dir, model)) return dir;
  return "";
}

std::string FallBackIfSecondModelMissing(EngineOptions* options) {
  if (options->second_model != kSecondModel || !ModelDir(*options, kSecondModel).empty()) return "";
  options->second_model = kFallbackSecondModel;
  return std::string("the second model ") + kSecondModel + " is not installed (in " + TesseractDir(*options) +
         " or " + options->own_model_dir + "; scripts/models.sh installs it): doubtful lines are re-read with " +
         kFallbackSecondModel + ", which misreads more rare characters in names";
}

bool ModelFilesPresent(const EngineOptions& options) {
  const std::string dir = TesseractDir(options);
  if (!HasModel(dir, options.chinese_model) || !HasModel(dir, options.latin_model)) return false;
  return options.second_model.empty() || !ModelDir(options, options.second_model).empty();
}

}  // namespace shenbao::ocr
