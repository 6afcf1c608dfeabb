#include "ocr/line_vote.h"

#include <algorithm>

namespace shenbao::ocr {
namespace {

std::string Compact(const std::vector<OcrSymbol>& symbols) {
  std::string s;
  for (const auto& sym : symbols) s += sym.text;
  return s;
}

bool IsAsciiAlnum(const std::string& s) {
  return s.size() == 1 && std::isalnum(static_cast<unsigned char>(s[0]));
}

// Text from symbols: a space only between two Latin words, as Tesseract had it.
std::string TextOf(const std::vector<OcrSymbol>& symbols) {
  std::string text;
  for (size_t i = 0; i < symbols.size(); ++i) {
    if (i > 0 && symbols[i].starts_word && IsAsciiAlnum(symbols[i].text) && IsAsciiAlnum(symbols[i - 1].text)) text += ' ';
    text += symbols[i].text;
  }
  return text;
}

// Character alignment by edit distance; each step takes a symbol from one side or both.
std::vector<OcrSymbol> Merge(const std::vector<OcrSymbol>& a, const std::vector<OcrSymbol>& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j)
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1].text == b[j - 1].text ? 0 : 1)});
  std::vector<OcrSymbol> merged;
  size_t i = n, j = m;
  // A symbol only one model saw is kept when that model was fairly sure of it.
  constexpr float kKeepLoneSymbol = 0.6f;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + (a[i - 1].text == b[j - 1].text ? 0 : 1)) {
      const OcrSymbol& x = a[i - 1];
      const OcrSymbol& y = b[j - 1];
      OcrSymbol pick = x.confidence >= y.confidence ? x : y;
      if (x.text == y.text) pick.confidence = 1.0f - (1.0f - x.confidence) * (1.0f - y.confidence);
      else pick.confidence *= 0.8f;  // the models disagree on this character
      pick.starts_word = x.starts_word;
      merged.push_back(pick);
      --i, --j;
    } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
      if (a[i - 1].confidence >= kKeepLoneSymbol) merged.push_back({a[i - 1].text, a[i - 1].confidence * 0.7f, a[i - 1].starts_word});
      --i;
    } else {
      if (b[j - 1].confidence >= kKeepLoneSymbol) merged.push_back({b[j - 1].text, b[j - 1].confidence * 0.7f, b[j - 1].starts_word});
      --j;
    }
  }
  std::reverse(merged.begin(), merged.end());
  return merged;
}

}  // namespace

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
  float sum = 0, lowest = 1;
  for (const auto& s : line.symbols) sum += s.confidence, lowest = std::min(lowest, s.confidence);
  // A line is as doubtful as its most doubtful character, not as its average.
  line.confidence = line.symbols.empty() ? 0.f : std::min(sum / line.symbols.size(), lowest + 0.1f);
  out.weakest_symbol = line.symbols.empty() ? 0.f : lowest;
  out.confidence = line.confidence;
  return out;
}

}  // namespace shenbao::ocr
