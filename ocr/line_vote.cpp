#include "ocr/line_vote.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "ocr/utf8.h"

namespace shenbao::ocr {

bool IsDigit(const std::string& s) { return s.size() == 1 && std::isdigit(static_cast<unsigned char>(s[0])); }

bool IsRing(const std::string& s) {
  return s == "0" || s == "6" || s == "8" || s == "9" || s == "o" || s == "O" || s == "°";
}

namespace {

std::string Compact(const std::vector<OcrSymbol>& symbols) {
  std::string s;
  for (const auto& sym : symbols) s += sym.text;
  return s;
}

bool IsAsciiAlnum(const std::string& s) {
  return s.size() == 1 && std::isalnum(static_cast<unsigned char>(s[0]));
}

// A symbol only one model read, kept with less confidence (its place kept too).
OcrSymbol Lone(const OcrSymbol& symbol) {
  OcrSymbol kept = symbol;
  kept.confidence *= 0.7f;
  kept.alternatives.clear();
  return kept;
}

struct Voted {
  OcrSymbol symbol;
  bool lone = false;   // only one model read it
  bool first = false;  // ... and that model was the first
  cv::Rect boxes[2];    // as each model placed it (first, second); empty where one did not read it
  // Where the glyph is: both models' boxes together for a character both read (an
  // LSTM box falls short of its glyph far more often than it runs past it: 柔 came
  // as 125–141 from one model and 93–141 from the other), else the one box.
  cv::Rect Span() const {
    if (boxes[0].width > 0 && boxes[1].width > 0) return boxes[0] | boxes[1];
    return boxes[0].width > 0 ? boxes[0] : boxes[1].width > 0 ? boxes[1] : symbol.box;
  }
};

bool IsPercent(const std::string& s) { return s == "%" || s == "％"; }

// Pixels two boxes share along the line.
int Shared(const cv::Rect& a, const cv::Rect& b) { return std::max(0, std::min(a.br().x, b.br().x) - std::max(a.x, b.x)); }

// ... as a share of the narrower one.
double Overlap(const cv::Rect& a, const cv::Rect& b) {
  if (a.width <= 0 || b.width <= 0) return 0;
  return Shared(a, b) / static_cast<double>(std::min(a.width, b.width));
}

// `voted` without the symbols `drop` marks.
void Erase(std::vector<Voted>& voted, const std::vector<bool>& drop) {
  std::vector<Voted> kept;
  for (size_t k = 0; k < voted.size(); ++k)
    if (!drop[k]) kept.push_back(std::move(voted[k]));
  voted = std::move(kept);
}

// The OCR reads the two rings of a '%' as characters of their own ("52%" as "529%6",
// "25.8%" as "25.8%6", "34.4%" as "34.4%06", "42.2%" as "42.2%8"), one model or both,
// while the '%' itself is read by one model or both. Where the models disagree about
// a line, ring-like characters right after a '%' are its rings when no digit follows
// them (no number goes on right after a percent sign: "%6。" is "%。"); a ring-like
// character just before a '%' is one when it sits over the '%' glyph itself and the
// models disagree about it or the '%' (a digit of the number stands left of the glyph,
// and one both models read there beside a '%' both read is the number's).
void DropPercentRings(std::vector<Voted>& voted) {
  constexpr double kOverGlyph = 0.4;  // share of the ring's width inside the '%' box
  constexpr size_t kMaxRings = 2;
  std::vector<bool> ring(voted.size(), false);
  for (size_t p = 0; p < voted.size(); ++p) {
    if (!IsPercent(voted[p].symbol.text)) continue;
    size_t end = p + 1;
    while (end < voted.size() && end - p - 1 < kMaxRings && IsRing(voted[end].symbol.text)) ++end;
    if (end > p + 1 && (end == voted.size() || !IsDigit(voted[end].symbol.text)))
      for (size_t k = p + 1; k < end; ++k) ring[k] = true;
    if (p > 0 && IsRing(voted[p - 1].symbol.text) && (voted[p - 1].lone || voted[p].lone)) {
      const cv::Rect& own = voted[p - 1].Span();
      const cv::Rect& percent = voted[p].symbol.box;
      ring[p - 1] = ring[p - 1] || (own.width > 0 && percent.width > 0 && Shared(own, percent) >= kOverGlyph * own.width);
    }
  }
  Erase(voted, ring);
}

// One glyph read twice by one model ("42家" as "442家", its two 4s one over the
// other): a character only one model read, beside the same character both read, is
// dropped when that model placed the two mostly over each other. Two printed glyphs
// side by side it places apart.
void DropDoubledCharacters(std::vector<Voted>& voted) {
  constexpr double kSameGlyph = 0.5;  // share of the narrower box
  std::vector<bool> drop(voted.size(), false);
  for (size_t k = 0; k < voted.size(); ++k) {
    if (!voted[k].lone) continue;
    const int model = voted[k].first ? 0 : 1;
    for (const size_t n : {k - 1, k + 1}) {
      if (n >= voted.size() || voted[n].lone || voted[n].symbol.text != voted[k].symbol.text) continue;
      if (Overlap(voted[k].boxes[model], voted[n].boxes[model]) >= kSameGlyph) drop[k] = true;
    }
  }
  Erase(voted, drop);
}

bool IsHan(const std::string& s) {
  // CJK Unified Ideographs and Extension A: three UTF-8 bytes from U+3400.
  if (s.size() != 3) return false;
  const auto b0 = static_cast<unsigned char>(s[0]), b1 = static_cast<unsigned char>(s[1]);
  return (b0 >= 0xE4 && b0 <= 0xE9) || (b0 == 0xE3 && b1 >= 0x90);
}

// chi_sim, the first model, puts in a frequent character where there is none: 坤宏和轴承,
// 工信和厅, 绍兴人竹北, 中了予以, 5G+有柔性 (on the samples and the held-out set every
// Chinese character only it read, the second model reading the line without it, was
// such a one). Chinese print sets one character per em, so the pixels say whether
// there is room for one more: a character only the first model read is dropped when
// less than kRoom of a pitch is left between the ink of the characters both models
// read either side of it, or, at the line's start or end, when it begins within half a
// pitch of its one neighbour (over that neighbour's glyph). Boxes are rough: each
// neighbour is where either model placed it (Voted::Span); the pitch is the median
// step between the line's agreed Chinese characters. At a line's start or end, any
// symbol one model alone read that lies mostly over its neighbour's glyph is a piece of
// that glyph read again (企业 read 企业- by the second model, the '-' over the 业).
void DropCrowdedCharacters(std::vector<Voted>& voted) {
  std::vector<int> steps, heights;
  const OcrSymbol* previous = nullptr;
  for (const Voted& v : voted) {
    if (v.lone || !IsHan(v.symbol.text) || v.symbol.box.width <= 0) {
      if (v.lone) previous = nullptr;
      continue;
    }
    heights.push_back(v.symbol.box.height);
    if (previous) steps.push_back(v.symbol.box.x - previous->box.x);
    previous = &v.symbol;
  }
  if (heights.empty()) return;
  auto median = [](std::vector<int> values) {
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
  };
  // Too few steps to measure: a Chinese character is about as wide as the line is high.
  const double pitch = steps.size() >= 2 ? median(steps) : median(heights);
  if (pitch <= 0) return;
  auto agreed = [&](size_t k) { return !voted[k].lone && voted[k].Span().width > 0; };
  auto agreed_han = [&](size_t k) { return agreed(k) && IsHan(voted[k].symbol.text); };
  constexpr double kRoom = 0.6;        // of a pitch: a character and its spacing take one
  constexpr double kOverNeighbour = 0.5;  // share of a line-end symbol's box over its neighbour's glyph
  std::vector<bool> drop(voted.size(), false);
  for (size_t k = 0; k < voted.size(); ++k) {
    if (!voted[k].lone) continue;
    const bool has_left = k > 0, has_right = k + 1 < voted.size();
    if (has_left != has_right) {
      const size_t n = has_left ? k - 1 : k + 1;
      // A stroke one model alone saw beyond a line's last or first character (部 read
      // 部_, 以上 read 以上-): scanner specks and rule stubs; Chinese print neither
      // hyphenates nor starts a line with a dash.
      const std::string& t = voted[k].symbol.text;
      if (t == "_" || t == "-" || t == "|" || t == "~") {
        drop[k] = true;
        continue;
      }
      if (agreed(n) && Overlap(voted[k].symbol.box, voted[n].Span()) >= kOverNeighbour) {
        drop[k] = true;
        continue;
      }
    }
    if (!voted[k].first || !IsHan(voted[k].symbol.text)) continue;
    const int x = voted[k].symbol.box.x;
    if (has_left && has_right) {
      // A narrower neighbour counts by its ink too (5G+和柔性: the + is half a character wide).
      if (agreed(k - 1) && agreed(k + 1))
        drop[k] = voted[k + 1].Span().x - voted[k - 1].Span().br().x < kRoom * pitch;
    } else if (has_right) {
      drop[k] = agreed_han(k + 1) && voted[k + 1].Span().x - x < 0.5 * pitch;
    } else if (has_left) {
      drop[k] = agreed_han(k - 1) && x - voted[k - 1].Span().x < 0.5 * pitch;
    }
  }
  Erase(voted, drop);
}

using Table = std::vector<std::vector<int>>;

Table DistanceTable(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  Table d(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j)
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
  return d;
}

// The confidence of `text`'s one line, a vote, from its symbols': a line is as
// doubtful as its most doubtful character, not as its average.
void RateByWeakestSymbols(OcrText& text) {
  OcrLine& line = text.lines.front();
  float sum = 0, lowest = 1;
  for (const auto& s : line.symbols) sum += s.confidence, lowest = std::min(lowest, s.confidence);
  line.confidence = line.symbols.empty() ? 0.f : std::min(sum / line.symbols.size(), lowest + 0.1f);
  text.weakest_symbol = line.symbols.empty() ? 0.f : lowest;
  text.confidence = line.confidence;
}

// One step of an alignment of two readings by edit distance: a character of each (the
// same or not), or of one only (the other's index npos).
struct Step {
  size_t a, b;
};
constexpr size_t kNone = static_cast<size_t>(-1);

// `a` and `b` aligned, in reading order; of equally short alignments, the one that
// pairs characters latest.
std::vector<Step> Align(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const Table d = DistanceTable(a, b);
  std::vector<Step> steps;
  for (size_t i = a.size(), j = b.size(); i > 0 || j > 0;) {
    if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) {
      steps.push_back({--i, --j});
    } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
      steps.push_back({--i, kNone});
    } else {
      steps.push_back({kNone, --j});
    }
  }
  std::reverse(steps.begin(), steps.end());
  return steps;
}

std::vector<std::string> Texts(const std::vector<OcrSymbol>& symbols) {
  std::vector<std::string> texts;
  for (const auto& s : symbols) texts.push_back(s.text);
  return texts;
}

// Character alignment by edit distance; each step takes a symbol from one side or both.
std::vector<OcrSymbol> Merge(const std::vector<OcrSymbol>& a, const std::vector<OcrSymbol>& b) {
  std::vector<Voted> merged;
  // A symbol only one model saw is kept when that model was fairly sure of it.
  constexpr float kKeepLoneSymbol = 0.6f;
  for (const Step& step : Align(Texts(a), Texts(b))) {
    if (step.a != kNone && step.b != kNone) {
      const OcrSymbol& x = a[step.a];
      const OcrSymbol& y = b[step.b];
      OcrSymbol pick = x.confidence >= y.confidence ? x : y;
      if (x.text == y.text) {
        pick.confidence = 1.0f - (1.0f - x.confidence) * (1.0f - y.confidence);
      } else {
        pick.confidence *= 0.8f;  // the models disagree on this character
        // The other model's character is a runner-up the OCR itself saw (extract/lexicon.h).
        const std::string& other = x.confidence >= y.confidence ? y.text : x.text;
        if (std::find(pick.alternatives.begin(), pick.alternatives.end(), other) == pick.alternatives.end())
          pick.alternatives.insert(pick.alternatives.begin(), other);
      }
      pick.starts_word = x.starts_word;
      merged.push_back({pick, false, false, {x.box, y.box}});
    } else if (step.a != kNone) {
      if (a[step.a].confidence >= kKeepLoneSymbol) merged.push_back({Lone(a[step.a]), true, true, {a[step.a].box, {}}});
    } else if (b[step.b].confidence >= kKeepLoneSymbol) {
      merged.push_back({Lone(b[step.b]), true, false, {{}, b[step.b].box}});
    }
  }
  DropPercentRings(merged);
  DropDoubledCharacters(merged);
  DropCrowdedCharacters(merged);
  std::vector<OcrSymbol> out;
  for (Voted& v : merged) out.push_back(std::move(v.symbol));
  return out;
}

// Votes (weight per candidate) at each backbone position and in each gap before,
// between and after the backbone's characters.
struct Ballots {
  std::vector<std::map<std::string, float>> at;   // a character of the reading, or "" (skipped)
  std::vector<std::map<std::string, float>> gap;  // what the reading has there that the backbone lacks
};

void Cast(const std::vector<std::string>& backbone, const std::vector<std::string>& reading, float weight,
          Ballots& ballots) {
  std::vector<std::string> inserted(backbone.size() + 1);
  size_t next = 0;  // backbone characters passed
  for (const Step& step : Align(backbone, reading)) {
    if (step.a == kNone) {
      inserted[next] += reading[step.b];
      continue;
    }
    ballots.at[step.a][step.b == kNone ? "" : reading[step.b]] += weight;
    next = step.a + 1;
  }
  for (size_t k = 0; k < inserted.size(); ++k) ballots.gap[k][inserted[k]] += weight;
}

std::pair<std::string, float> Winner(const std::map<std::string, float>& votes) {
  std::pair<std::string, float> best{"", -1.f};
  for (const auto& [candidate, weight] : votes)
    if (weight > best.second) best = {candidate, weight};
  return best;
}

}  // namespace

std::string TextOf(const std::vector<OcrSymbol>& symbols) {
  std::string text;
  for (size_t i = 0; i < symbols.size(); ++i) {
    if (i > 0 && symbols[i].starts_word && IsAsciiAlnum(symbols[i].text) && IsAsciiAlnum(symbols[i - 1].text)) text += ' ';
    text += symbols[i].text;
  }
  return text;
}

VotedLine VoteReadings(const std::vector<LineReading>& readings) {
  if (readings.empty()) return {};
  std::vector<std::vector<std::string>> texts;
  for (const LineReading& r : readings) texts.push_back(ocr::CodePoints(r.text));
  // The backbone is the medoid: the reading with the least total distance to the others.
  size_t backbone = 0;
  long best_sum = -1;
  for (size_t a = 0; a < texts.size(); ++a) {
    long sum = 0;
    for (size_t b = 0; b < texts.size(); ++b) sum += DistanceTable(texts[a], texts[b]).back().back();
    if (best_sum < 0 || sum < best_sum) best_sum = sum, backbone = a;
  }
  const std::vector<std::string>& spine = texts[backbone];
  Ballots ballots{std::vector<std::map<std::string, float>>(spine.size()),
                  std::vector<std::map<std::string, float>>(spine.size() + 1)};
  float total = 0;
  for (size_t r = 0; r < texts.size(); ++r) {
    // Each reading counts about one vote; its confidence breaks ties.
    const float weight = 1.0f + 0.25f * std::clamp(readings[r].confidence, 0.0f, 1.0f);
    Cast(spine, texts[r], weight, ballots);
    total += weight;
  }
  VotedLine out;
  float backing = 0;
  size_t kept = 0;
  for (size_t k = 0; k <= spine.size(); ++k) {
    const auto [insert, insert_weight] = Winner(ballots.gap[k]);
    out.text += insert;
    if (!insert.empty()) backing += insert_weight / total, ++kept;
    if (k == spine.size()) break;
    const auto [character, weight] = Winner(ballots.at[k]);
    out.text += character;
    if (!character.empty()) backing += weight / total, ++kept;
  }
  out.agreement = kept ? backing / static_cast<float>(kept) : 0.f;
  return out;
}

OcrText VoteLines(const OcrText& first, const OcrText& second) {
  if (second.lines.empty()) return first;
  if (first.lines.empty()) {
    OcrText only = second;
    only.models_disagree = true;
    only.confidence *= 0.7f;
    return only;
  }
  if (first.lines.size() != 1 || second.lines.size() != 1) {
    OcrText better = first.confidence >= second.confidence ? first : second;
    better.models_disagree = true;
    return better;
  }
  const OcrLine& a = first.lines.front();
  const OcrLine& b = second.lines.front();
  OcrText out = first;
  OcrLine& line = out.lines.front();
  if (Compact(a.symbols) == Compact(b.symbols)) {
    out.models_agree = true;
    // Each character as sure as the surer model is of it; the line as its weakest.
    float weakest = 1;
    for (size_t i = 0; i < a.symbols.size() && i < b.symbols.size(); ++i)
      weakest = std::min(weakest, std::max(a.symbols[i].confidence, b.symbols[i].confidence));
    out.weakest_symbol = a.symbols.empty() ? 0 : weakest;
    line.confidence = 1.0f - (1.0f - a.confidence) * (1.0f - b.confidence);
    out.confidence = line.confidence;
    return out;
  }
  out.models_disagree = true;
  line.symbols = Merge(a.symbols, b.symbols);
  line.text = TextOf(line.symbols);
  RateByWeakestSymbols(out);
  return out;
}

OcrText WithRunnerUps(const OcrText& first, const OcrText& second) {
  if (first.lines.size() != 1 || second.lines.size() != 1) return first;
  const std::vector<OcrSymbol>& theirs = second.lines.front().symbols;
  if (Compact(first.lines.front().symbols) == Compact(theirs)) return VoteLines(first, second);
  OcrText out = first;
  out.models_agree = false;
  out.models_disagree = true;
  std::vector<OcrSymbol>& ours = out.lines.front().symbols;
  constexpr float kDisputed = 0.8f;  // as Merge: the models disagree on this character
  for (const Step& step : Align(Texts(ours), Texts(theirs))) {
    if (step.a == kNone) continue;
    OcrSymbol& here = ours[step.a];
    if (step.b == kNone) {
      here.confidence *= kDisputed;  // the other model saw nothing here
    } else if (here.text != theirs[step.b].text) {
      here.confidence *= kDisputed;
      auto& alternatives = here.alternatives;
      alternatives.erase(std::remove(alternatives.begin(), alternatives.end(), theirs[step.b].text), alternatives.end());
      alternatives.insert(alternatives.begin(), theirs[step.b].text);
    }
  }
  RateByWeakestSymbols(out);
  return out;
}

std::vector<std::string> DifferingCharacters(const OcrText& first, const OcrText& second) {
  if (first.lines.size() != 1 || second.lines.size() != 1) return {};
  const std::vector<OcrSymbol>& ours = first.lines.front().symbols;
  const std::vector<OcrSymbol>& theirs = second.lines.front().symbols;
  std::vector<std::string> out(ours.size());
  for (const Step& step : Align(Texts(ours), Texts(theirs)))
    if (step.a != kNone && step.b != kNone && ours[step.a].text != theirs[step.b].text) out[step.a] = theirs[step.b].text;
  return out;
}

}  // namespace shenbao::ocr
