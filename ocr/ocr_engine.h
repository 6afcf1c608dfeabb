#pragma once
// Text recognition behind an interface, so tests can inject a fake engine.
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace shenbao::ocr {

// What a region holds; picks model, page-segmentation mode and character set.
enum class TextKind {
  kLine,       // one line of Chinese text
  kLabel,      // a printed label or column heading, matched tolerantly: kLine without the second model
  kBlock,      // several lines of Chinese text (paragraph, wrapped cell, page band)
  kDigits,     // an integer or decimal: Latin model, digits only
  kLatin,      // phone, email, code: Latin model, ASCII only
  kSealArc,    // unwrapped seal text
  kPage,       // a whole page or band of unknown layout (automatic segmentation)
};

struct OcrSymbol {
  std::string text;         // one character (UTF-8)
  float confidence = 0;     // 0..1
  bool starts_word = false; // first symbol of a word (a space before it in Latin text)
  // Other characters weighed here, likeliest first: the Latin model's own choices
  // (its choice iterator), or for Chinese the other model's reading where the two
  // differed (VoteLines, WithRunnerUps) — the Chinese models' choice iterators give
  // glyphs of other time steps, not runner-ups of this one.
  std::vector<std::string> alternatives;
  // Where the model placed it, in the coordinates of the image passed in; empty when
  // unknown. Only roughly: the LSTM's character boxes may be shifted by a glyph or
  // span the whole line's height.
  cv::Rect box;
};

struct OcrWord {
  std::string text;
  cv::Rect box;             // in the coordinates of the image passed in
  float confidence = 0;     // 0..1
};

struct OcrLine {
  std::string text;         // words joined; Tesseract's spaces between CJK removed later
  cv::Rect box;
  float confidence = 0;     // mean of word confidences, 0..1
  std::vector<OcrWord> words;
  std::vector<OcrSymbol> symbols;  // every character of the line, in order
};

struct OcrText {
  std::vector<OcrLine> lines;   // reading order
  float confidence = 0;         // 0..1, character-weighted over lines; 0 when nothing read
  bool models_agree = false;    // a second model read the same text (kLine with a second opinion)
  bool models_disagree = false; // a second model read something else: the text is a vote
  float weakest_symbol = 0;     // lowest character confidence (after a vote: of the chosen reading)
  // The second model read only windows of the line (ocr/recheck_window.h): the
  // characters outside them were read by one model.
  bool partly_rechecked = false;
  std::string Joined(const char* separator = "\n") const;
};

class OcrEngine {
 public:
  virtual ~OcrEngine() = default;
  // Recognizes a grey image (dark text on light). Never throws for an empty or
  // tiny image: returns an empty OcrText.
  virtual OcrText Recognize(const cv::Mat& gray, TextKind kind) = 0;
  // Whether a reading of Chinese text (kLine, kLabel, kBlock) can ever output
  // `character` (one UTF-8 character). The models' character sets are fixed: chi_sim
  // and HanS lack 孪 and 焱, so a printed 孪 always comes out as another character.
  virtual bool CanRead(const std::string& character) const {
    (void)character;
    return true;
  }
  // `first`, the first Chinese model's reading of the one line in `gray` made
  // elsewhere (a page's layout pass; symbol boxes in `gray`'s coordinates), merged
  // with the second model's reading of `gray` as a kLine reading of a doubtful line
  // is. Returns `first` when there is no second model or second opinions are off.
  virtual OcrText SecondOpinion(const cv::Mat& gray, const OcrText& first) {
    (void)gray;
    return first;
  }
  // The second Chinese model's own reading of the one line in `gray` (as a kLine),
  // for a caller that weighs it itself (ocr::WithRunnerUps); empty when there is no
  // second model or second opinions are off.
  virtual OcrText SecondModelReading(const cv::Mat& gray) {
    (void)gray;
    return {};
  }
};

// The second model installed by scripts/models.sh, and the Debian one used when it
// is not installed.
inline constexpr char kSecondModel[] = "chi_sim_int";
inline constexpr char kFallbackSecondModel[] = "HanS";

struct EngineOptions {
  std::string tessdata_dir;           // empty: Tesseract's default
  std::string chinese_model = "chi_sim";  // or "script/HanS"
  std::string latin_model = "eng";
  // A second Chinese model asked about single lines the first reads with less than
  // `second_opinion_below` confidence; the two are merged character by character.
  // Empty: no second opinion. chi_sim_int (tessdata's chi_sim 4.0.0, LSTM only)
  // reads characters both fast Debian models miss (鑫 睿 磊 潜 …); it is looked
  // for where Tesseract looks, then in `own_model_dir`.
  std::string second_model = kSecondModel;
  float second_opinion_below = 0.90f;
  // ... and on lines read above that with one character below this: a long line of
  // clear print reads at 0.91–0.94 as a whole with one glyph misread at 0.78–0.95
  // (连续覆盖 as 连续履盖, 42家 as 442家), which only the other model's reading shows.
  float second_opinion_weakest_below = 0.96f;
  std::string own_model_dir = SHENBAO_MODEL_DIR;  // where scripts/models.sh installs
};

// The folder holding `model`.traineddata: the folder given (tessdata_dir, else
// $TESSDATA_PREFIX, else Debian's), then own_model_dir. Empty when in neither.
std::string ModelDir(const EngineOptions& options, const std::string& model);

// When the default second model is not installed (a machine set up without
// scripts/models.sh), the Debian HanS model takes its place: slower to catch rare
// characters, but the program still runs. Returns the warning to show, or "".
std::string FallBackIfSecondModelMissing(EngineOptions* options);

// One engine per worker thread: Tesseract instances are not shared across threads.
// Throws std::runtime_error naming the model when a model cannot be loaded.
std::unique_ptr<OcrEngine> MakeTesseractEngine(const EngineOptions& options);

// True when every model of `options` has its .traineddata file where Tesseract looks
// for it: a start-up check that costs a file lookup per model where loading them
// costs a third of a second before any worker can begin. False means "not sure"
// (an unusual tessdata location, a file missing): load them to find out and say why.
bool ModelFilesPresent(const EngineOptions& options);

}  // namespace shenbao::ocr
