// LookAgainAtNearMisses (near_miss.h): who looks again at a value that misses a
// lexicon term by one character, at what, and when they stop.
#include "extract/near_miss.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <utility>

#include <opencv2/imgproc.hpp>

#include "ocr/line_vote.h"
#include "ocr/recheck_window.h"
#include "ocr/text_lines.h"

namespace shenbao::extract {

namespace {

bool Any(const std::vector<bool>& marks) { return std::find(marks.begin(), marks.end(), true) != marks.end(); }

// The windows the looks read: around the marked characters, narrower than a doubtful
// line's re-reading (recheck_window.h), since a look's reading is only a runner-up,
// taken where it spells the term; one sure character of context beside the anchor is
// enough (same mistakes on the samples and the held-out set as with three, a quarter
// less re-reading time). Empty: read the line whole.
std::vector<ocr::RecheckWindow> LookWindows(const cv::Mat& line, const ocr::OcrText& text, const std::vector<bool>& marks) {
  ocr::RecheckWindowOptions options;
  options.min_symbols = 6;
  options.context = 2;
  options.most_of_line = 0.8;
  return ocr::DoubtfulWindows(text.lines.front(), ocr::LineInk::Of(line), marks, options);
}

// `read`'s reading of `windows` of `line` spliced into `text` (ocr::ReadWindows), or
// of the whole line when there are none or the windows' readings cannot be placed.
struct Look {
  ocr::OcrText reading;
  bool windowed = false;  // of windows only: `text`'s own characters outside them
};
Look LookAt(const cv::Mat& line, const ocr::OcrText& text, const std::vector<ocr::RecheckWindow>& windows,
            const ocr::WindowReader& read) {
  if (ocr::OcrText spliced = ocr::ReadWindows(line, text, windows, read); !spliced.lines.empty()) return {std::move(spliced), true};
  return {read(line), false};
}

// The characters of `text` (one line) doubtfully read that keep it from a term of
// `lexicon` with no runner-up of theirs spelling it (CharactersMissingATerm after
// CorrectTowardsLexicon). None when the correction drops a symbol (its positions no
// longer match `text`'s).
std::vector<bool> UnbackedDoubtfulNearMisses(const ocr::OcrText& text, const Lexicon& lexicon, const ocr::OcrEngine& engine) {
  const std::vector<ocr::OcrSymbol>& symbols = text.lines.front().symbols;
  // Most cells are read surely throughout: nothing to correct or look at (every text
  // cell passes here, so the lexicon is not consulted for them).
  if (std::none_of(symbols.begin(), symbols.end(),
                   [](const ocr::OcrSymbol& s) { return s.confidence < kNearMissDoubtfulBelow; }))
    return std::vector<bool>(symbols.size(), false);
  std::vector<std::string> changes;
  const std::vector<ocr::OcrSymbol> corrected =
      CorrectTowardsLexicon(symbols, lexicon, [&](const std::string& c) { return engine.CanRead(c); }, &changes);
  if (corrected.size() != symbols.size()) return std::vector<bool>(symbols.size(), false);
  std::vector<bool> marks = CharactersMissingATerm(corrected, lexicon);
  for (size_t i = 0; i < marks.size(); ++i) marks[i] = marks[i] && symbols[i].confidence < kNearMissDoubtfulBelow;
  return marks;
}

// Reads `window` at `scale` times its size with `read`; boxes in `window`'s coordinates.
ocr::OcrText ReadScaled(const cv::Mat& window, double scale, const ocr::WindowReader& read) {
  cv::Mat resized;
  cv::resize(window, resized, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
  ocr::OcrText text = read(resized);
  const auto back = [scale](cv::Rect& r) {
    r = cv::Rect(cvRound(r.x / scale), cvRound(r.y / scale), cvRound(r.width / scale), cvRound(r.height / scale));
  };
  for (ocr::OcrLine& line : text.lines) {
    back(line.box);
    for (ocr::OcrWord& word : line.words) back(word.box);
    for (ocr::OcrSymbol& symbol : line.symbols)
      if (!symbol.box.empty()) back(symbol.box);
  }
  return text;
}

// The first model's reading of a line (kLabel: a line read by the first model alone),
// and the second model's.
std::array<ocr::WindowReader, 2> BothModels(ocr::OcrEngine& engine) {
  return {[&engine](const cv::Mat& image) { return engine.Recognize(image, ocr::TextKind::kLabel); },
          [&engine](const cv::Mat& image) { return engine.SecondModelReading(image); }};
}

// `text`, read by one model alone, with the second model's reading of the characters
// `missing` marks (those that keep it from a term) as their runner-ups. Its reading elsewhere only makes the
// value doubtful: a vote there (VoteLines) swapped right characters for the second
// model's surer wrong ones (磷化工 → 磺化工).
ocr::OcrText WithSecondModelLook(const cv::Mat& line, const ocr::OcrText& text, const std::vector<bool>& missing,
                                 ocr::OcrEngine& engine) {
  const Look look = LookAt(line, text, LookWindows(line, text, missing),
                           [&](const cv::Mat& image) { return engine.SecondModelReading(image); });
  const ocr::OcrText merged = ocr::WithRunnerUps(text, look.reading);
  return look.windowed ? ocr::PartlyRechecked(merged, text) : merged;
}

// `text` with the characters two looks at other sizes offer (kNearMissScales, each
// size read by both models) where `unbacked` marks, as their runner-ups. Looks at
// other sizes are noisier than the second model's at the cell's own: a character
// one of them alone offers is not taken (莆田焱海 gained a 北 from one, to spell the
// place 北海). Sizes are tried in turn until every marked character is backed.
ocr::OcrText WithLooksAtOtherSizes(const cv::Mat& line, const ocr::OcrText& text, const std::vector<bool>& unbacked,
                                   const Lexicon& lexicon, ocr::OcrEngine& engine) {
  const std::array<ocr::WindowReader, 2> models = BothModels(engine);
  const std::vector<ocr::RecheckWindow> windows = LookWindows(line, text, unbacked);
  std::map<std::pair<size_t, std::string>, int> offers;  // (character's place, character offered) → looks
  ocr::OcrText out = text;
  for (const double scale : kNearMissScales) {
    ocr::OcrText backed = text;  // `text` with the characters two looks have offered
    bool offered = false, confirmed = true;
    for (const ocr::WindowReader& model : models) {
      const Look look = LookAt(line, text, windows, [&](const cv::Mat& w) { return ReadScaled(w, scale, model); });
      const std::vector<std::string> differing = ocr::DifferingCharacters(text, look.reading);
      confirmed = confirmed && differing.size() == unbacked.size();
      for (size_t i = 0; i < differing.size(); ++i) {
        if (unbacked[i] && !differing[i].empty()) confirmed = false;
        if (!differing[i].empty() && ++offers[{i, differing[i]}] == 2) {
          backed.lines.front().symbols[i].text = differing[i];
          offered = true;
        }
      }
    }
    // Both models read the marked characters as before at another size: they are
    // printed so (a firm's rare 磊 or 赣 beside a place's name), no need to look on.
    if (confirmed) break;
    if (!offered) continue;
    out = ocr::WithRunnerUps(out, backed);
    const std::vector<bool> still = UnbackedDoubtfulNearMisses(out, lexicon, engine);
    bool all_backed = true;
    for (size_t i = 0; i < unbacked.size() && i < still.size(); ++i) all_backed = all_backed && !(unbacked[i] && still[i]);
    if (all_backed) break;
  }
  return out;
}

}  // namespace

ocr::OcrText LookAgainAtNearMisses(const cv::Mat& crop, const ocr::OcrText& text, const Lexicon& lexicon,
                                   ocr::OcrEngine& engine) {
  if (text.lines.size() != 1 || lexicon.empty()) return text;
  // The line as RecognizeLines read it, cut only for a value that has something to look at.
  cv::Mat line;
  const auto cut_line = [&] {
    if (line.empty())
      if (const std::vector<cv::Rect> bands = ocr::SplitTextLines(crop); !bands.empty()) line = ocr::JoinLinesIntoOne(crop, bands);
    return !line.empty();
  };
  ocr::OcrText out = text;
  if (!text.models_agree && !text.models_disagree) {
    const std::vector<bool> missing = CharactersMissingATerm(text.lines.front().symbols, lexicon);
    if (Any(missing) && cut_line()) out = WithSecondModelLook(line, text, missing, engine);
  }
  const std::vector<bool> unbacked = UnbackedDoubtfulNearMisses(out, lexicon, engine);
  return Any(unbacked) && cut_line() ? WithLooksAtOtherSizes(line, out, unbacked, lexicon, engine) : out;
}

SurnameLook LookAgainAtSurname(const cv::Mat& crop, const ocr::OcrText& text, const Surnames& surnames,
                               ocr::OcrEngine& engine) {
  SurnameLook out{text, "", false};
  if (text.lines.size() != 1 || text.lines.front().symbols.empty()) return out;
  const ocr::OcrSymbol& first = text.lines.front().symbols.front();
  std::vector<std::string> characters;
  for (const ocr::OcrSymbol& symbol : text.lines.front().symbols) characters.push_back(symbol.text);
  if (!IsHan(first.text) || surnames.Length(characters) > 0) return out;
  std::map<std::string, int> offers;  // family name → readings offering it in the first character's place
  for (const std::string& alternative : first.alternatives)
    if (surnames.Has(alternative)) ++offers[alternative];
  // The one family name two readings offer; "" when none or several do.
  const auto offered = [&offers] {
    std::string name;
    for (const auto& [candidate, count] : offers)
      if (count >= 2) {
        if (!name.empty()) return std::string();
        name = candidate;
      }
    return name;
  };
  const std::vector<cv::Rect> bands = offered().empty() ? ocr::SplitTextLines(crop) : std::vector<cv::Rect>();
  if (!bands.empty()) {
    const cv::Mat line = ocr::JoinLinesIntoOne(crop, bands);
    for (const double scale : kNearMissScales) {
      for (const ocr::WindowReader& model : BothModels(engine)) {
        const std::vector<std::string> differing = ocr::DifferingCharacters(text, ReadScaled(line, scale, model));
        if (!differing.empty() && surnames.Has(differing.front())) ++offers[differing.front()];
      }
      if (!offered().empty()) break;
    }
  }
  const std::string name = offered();
  if (name.empty()) {
    out.unlisted = true;
    return out;
  }
  ocr::OcrLine& line = out.text.lines.front();
  line.symbols.front().text = name;
  line.text = ocr::TextOf(line.symbols);
  out.correction = "姓氏：" + first.text + "→" + name;
  return out;
}

}  // namespace shenbao::extract
