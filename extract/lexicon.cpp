#include "extract/lexicon.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "extract/normalize.h"
#include "extract/template_loader.h"
#include "ocr/line_vote.h"
#include "ocr/utf8.h"

namespace shenbao::extract {
namespace {

// Where the character the reading lacks is one no model can output, the rest of the
// term must be read exactly and be at least this long (数字?生: three characters).
// Any shorter term, two characters too, has a character swapped only where the OCR
// itself read the term's character there (the other model's reading, a runner-up:
// 赔能 → 赋能 when the second model read 赋): with one character of two unseen,
// too little of the term is left to say it was printed.
constexpr size_t kMinUnreadableContext = 3;
// An extra symbol inside a term is spurious when the OCR was this unsure of it, or
// when it repeats its neighbour (a character read twice: AII).
constexpr float kDoubtfulSymbol = 0.80f;

UChar32 FirstCodePoint(const std::string& s) {
  if (s.empty()) return -1;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

bool IsAsciiAlnum(const std::string& s) {
  return s.size() == 1 && std::isalnum(static_cast<unsigned char>(s[0]));
}


// What a position of the reading becomes under one correction.
struct Op {
  enum Kind { kKeep, kSet, kDrop } kind = kKeep;
  std::string text;  // for kSet
  bool operator==(const Op& o) const { return kind == o.kind && text == o.text; }
};

struct Edit {
  size_t begin = 0;
  std::vector<Op> ops;  // one per position from begin
  bool conflicted = false;
  size_t end() const { return begin + ops.size(); }
};

// A Latin term (5G, AI) must be a token of its own: 256GB holds no 5G.
bool TokenBoundaries(const std::vector<std::string>& read, size_t begin, size_t end, const std::vector<std::string>& term) {
  if (IsAsciiAlnum(term.front()) && begin > 0 && IsAsciiAlnum(read[begin - 1])) return false;
  if (IsAsciiAlnum(term.back()) && end < read.size() && IsAsciiAlnum(read[end])) return false;
  return true;
}

// Two readings of one glyph shape: a character, or the one-stroke Latin glyphs the
// OCR takes for each other (the I of AI read "AlI": a doubled I, not a new letter).
bool SameStroke(const std::string& a, const std::string& b) {
  if (a == b) return true;
  static constexpr std::string_view kStroke = "Il1|";
  return a.size() == 1 && b.size() == 1 && kStroke.find(a[0]) != std::string_view::npos &&
         kStroke.find(b[0]) != std::string_view::npos;
}

bool AmongAlternatives(const ocr::OcrSymbol& symbol, const std::string& wanted) {
  return std::any_of(symbol.alternatives.begin(), symbol.alternatives.end(),
                     [&](const std::string& a) { return ToHalfWidth(a) == wanted; });
}

// ICU's Chinese dictionary segmentation of `read` (基于/工业/互/联/网, 中国/秦/煌/陶/资):
// for each character, whether a word of two or more characters holds it, and for
// each position 0..size, whether a word starts or ends there.
struct DictionaryWords {
  std::vector<bool> inside_long_word;
  std::vector<bool> boundary;
};

DictionaryWords SegmentWords(const std::vector<std::string>& read) {
  DictionaryWords words{std::vector<bool>(read.size(), false), std::vector<bool>(read.size() + 1, true)};
  UErrorCode status = U_ZERO_ERROR;
  static thread_local std::unique_ptr<icu::BreakIterator> breaker(
      icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  if (!breaker || U_FAILURE(status)) return words;
  icu::UnicodeString text;
  std::vector<size_t> symbol_of;  // UTF-16 unit → character of `read`
  for (size_t i = 0; i < read.size(); ++i) {
    const icu::UnicodeString piece = icu::UnicodeString::fromUTF8(read[i]);
    text += piece;
    symbol_of.insert(symbol_of.end(), piece.length(), i);
  }
  breaker->setText(text);
  for (int32_t begin = breaker->first(), end = breaker->next(); end != icu::BreakIterator::DONE;
       begin = end, end = breaker->next()) {
    if (end <= begin || static_cast<size_t>(end) > symbol_of.size()) continue;
    const size_t first = symbol_of[begin], last = symbol_of[end - 1];
    for (size_t k = first + 1; k <= last; ++k) words.boundary[k] = false;
    if (last > first)
      for (size_t k = first; k <= last; ++k) words.inside_long_word[k] = true;
  }
  return words;
}

// Each symbol of a line as it is compared with the terms (full-width Latin as ASCII).
std::vector<std::string> ReadCharacters(const std::vector<ocr::OcrSymbol>& symbols) {
  std::vector<std::string> read;
  for (const auto& s : symbols) read.push_back(ToHalfWidth(s.text));
  return read;
}

bool SpellsAt(const std::vector<std::string>& read, size_t at, const std::vector<std::string>& term) {
  return at + term.size() <= read.size() && std::equal(term.begin(), term.end(), read.begin() + at);
}

// Positions inside a term the reading already spells: never changed into another.
std::vector<bool> SpelledPositions(const std::vector<std::string>& read, const Lexicon& lexicon) {
  std::vector<bool> spelled(read.size(), false);
  for (const auto& term : lexicon.terms())
    for (size_t s = 0; s + term.size() <= read.size(); ++s)
      if (SpellsAt(read, s, term)) std::fill(spelled.begin() + s, spelled.begin() + s + term.size(), true);
  return spelled;
}

// A term shares all its characters but one with a span it is one character from:
// terms with fewer of theirs in the line need no comparing (the place list has hundreds).
bool MayBeNear(const std::vector<std::string>& term, const std::set<std::string>& in_line) {
  const auto present = std::count_if(term.begin(), term.end(), [&](const std::string& c) { return in_line.count(c) > 0; });
  return static_cast<size_t>(present) + 1 >= term.size();
}

// The one position where the span of `read` at `at` differs from `term`; none when it
// spells the term or differs in more.
std::optional<size_t> OnlyDifference(const std::vector<std::string>& read, size_t at, const std::vector<std::string>& term) {
  std::optional<size_t> differs;
  for (size_t k = 0; k < term.size(); ++k)
    if (read[at + k] != term[k]) {
      if (differs) return std::nullopt;
      differs = k;
    }
  return differs;
}

}  // namespace

bool IsHan(const std::string& s) {
  const UChar32 c = FirstCodePoint(s);
  return c >= 0 && u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC);
}

std::string TrimBlanks(std::string_view s) {
  static const std::string kIdeographicSpace = "\u3000";
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1), trimmed = true;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1), trimmed = true;
    if (s.starts_with(kIdeographicSpace)) s.remove_prefix(kIdeographicSpace.size()), trimmed = true;
    if (s.ends_with(kIdeographicSpace)) s.remove_suffix(kIdeographicSpace.size()), trimmed = true;
  }
  return std::string(s);
}

Lexicon Lexicon::Parse(std::string_view text, const std::string& file, std::vector<TemplateProblem>* problems) {
  Lexicon lexicon;
  std::map<std::string, int> seen;  // term → line
  std::istringstream in{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (const size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    const std::string term = ToHalfWidth(TrimBlanks(line));
    if (term.empty()) continue;
    if (RemoveWhitespace(term) != term) {
      problems->push_back({file, number, "one term a line, without spaces: '" + term + "'"});
      continue;
    }
    std::vector<std::string> characters = ocr::CodePoints(term);
    if (characters.size() < 2) {
      problems->push_back({file, number, "a term has at least two characters: '" + term + "'"});
      continue;
    }
    if (const auto [it, fresh] = seen.emplace(term, number); !fresh) {
      problems->push_back({file, number, "'" + term + "' is listed twice (also line " + std::to_string(it->second) + ")"});
      continue;
    }
    lexicon.terms_.push_back(std::move(characters));
  }
  return lexicon;
}

void Lexicon::Add(const Lexicon& other) {
  for (const auto& term : other.terms_)
    if (std::find(terms_.begin(), terms_.end(), term) == terms_.end()) terms_.push_back(term);
}

Lexicon LoadLexiconFile(const std::filesystem::path& file, std::vector<TemplateProblem>* problems) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problems->push_back({file.string(), 0, "cannot read the lexicon file"});
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return Lexicon::Parse(text.str(), file.string(), problems);
}

std::vector<ocr::OcrSymbol> CorrectTowardsLexicon(const std::vector<ocr::OcrSymbol>& symbols, const Lexicon& lexicon,
                                                  const CanReadCharacter& can_read, std::vector<std::string>* changes) {
  if (lexicon.empty() || symbols.empty()) return symbols;
  const std::vector<std::string> read = ReadCharacters(symbols);
  const size_t n_read = read.size();
  const std::vector<bool> spelled = SpelledPositions(read, lexicon);
  const std::set<std::string> in_line(read.begin(), read.end());
  std::vector<Edit> edits;
  for (const auto& term : lexicon.terms()) {
    const size_t n = term.size();
    if (!MayBeNear(term, in_line)) continue;
    // One character swapped, backed by the OCR's evidence for that symbol.
    for (size_t s = 0; s + n <= n_read; ++s) {
      const std::optional<size_t> differs = OnlyDifference(read, s, term);
      if (!differs || spelled[s + *differs] || !TokenBoundaries(read, s, s + n, term)) continue;
      const size_t k = *differs;
      const bool unreadable = n - 1 >= kMinUnreadableContext && IsHan(term[k]) && IsHan(read[s + k]) && !can_read(term[k]);
      if (!unreadable && !AmongAlternatives(symbols[s + k], term[k])) continue;
      Edit e{s, std::vector<Op>(n)};
      e.ops[k] = {Op::kSet, term[k]};
      edits.push_back(std::move(e));
    }
    // One spurious symbol inside the term (not before it: 25G is not 5G). Not
    // inside a two-character Chinese word: 寿光光电子 is the place 寿光 and a company's 光电子.
    for (size_t s = 0; s + n + 1 <= n_read && !(n < 3 && IsHan(term.front())); ++s) {
      if (read[s] != term.front() || !SameStroke(read[s + n], term.back()) || !TokenBoundaries(read, s, s + n + 1, term))
        continue;
      for (size_t k = 1; k < n; ++k) {
        const size_t extra = s + k;
        // The rest spells the term, a one-stroke letter of it read as another
        // (AIl: the doubled I of AI, its second half read as l) set to the term's.
        bool rest = true;
        for (size_t j = 0; j < n && rest; ++j) rest = SameStroke(read[s + j + (j >= k ? 1 : 0)], term[j]);
        if (!rest) continue;
        // A Latin glyph read twice (AII) is spurious however sure the OCR was; a Chinese
        // character beside its twin is often printed so, where two words meet (寿光 +
        // 光电子, 星通 + 通信设备), and is dropped only when the OCR itself doubted it.
        const bool doubled = !IsHan(read[extra]) &&
                             (SameStroke(read[extra], read[extra - 1]) || SameStroke(read[extra], read[extra + 1]));
        if (!doubled && symbols[extra].confidence >= kDoubtfulSymbol) continue;
        Edit e{s, std::vector<Op>(n + 1)};
        e.ops[k] = {Op::kDrop, {}};
        for (size_t j = 0; j < n; ++j)
          if (const size_t at = j + (j >= k ? 1 : 0); read[s + at] != term[j]) e.ops[at] = {Op::kSet, term[j]};
        edits.push_back(std::move(e));
        break;
      }
    }
    // One doubtful digit or letter glued to the end of a Latin term, Chinese text
    // right after it (5G6基站: the 6 one model alone read): Chinese text does not run a
    // Latin token on into a number or a word of its own.
    for (size_t s = 0; s + n + 2 <= n_read && IsAsciiAlnum(term.back()); ++s) {
      const size_t extra = s + n;
      if (!SpellsAt(read, s, term) || (s > 0 && IsAsciiAlnum(read[s - 1])) || !IsAsciiAlnum(read[extra]) ||
          symbols[extra].confidence >= kDoubtfulSymbol || !IsHan(read[extra + 1]))
        continue;
      Edit e{s, std::vector<Op>(n + 1)};
      e.ops[n] = {Op::kDrop, {}};
      edits.push_back(std::move(e));
    }
  }
  if (edits.empty()) return symbols;
  // Two corrections that overlap must agree on every position they share.
  for (size_t a = 0; a < edits.size(); ++a)
    for (size_t b = a + 1; b < edits.size(); ++b) {
      const size_t from = std::max(edits[a].begin, edits[b].begin), to = std::min(edits[a].end(), edits[b].end());
      for (size_t p = from; p < to; ++p)
        if (!(edits[a].ops[p - edits[a].begin] == edits[b].ops[p - edits[b].begin]))
          edits[a].conflicted = edits[b].conflicted = true;
    }
  std::vector<Op> op(n_read);
  std::vector<bool> touched(n_read, false);
  for (const Edit& e : edits) {
    if (e.conflicted) continue;
    for (size_t p = e.begin; p < e.end(); ++p) {
      touched[p] = true;
      if (e.ops[p - e.begin].kind != Op::kKeep) op[p] = e.ops[p - e.begin];
    }
  }
  std::vector<ocr::OcrSymbol> out;
  std::string before, after;
  for (size_t p = 0; p <= n_read; ++p) {
    if (p < n_read && touched[p]) {
      before += symbols[p].text;
      if (op[p].kind == Op::kDrop) continue;
      after += op[p].kind == Op::kSet ? op[p].text : symbols[p].text;
    } else if (!before.empty()) {
      if (before != after) changes->push_back(before + "→" + after);
      before.clear(), after.clear();
    }
    if (p == n_read) break;
    ocr::OcrSymbol s = symbols[p];
    if (op[p].kind == Op::kSet) s.text = op[p].text;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<bool> CharactersMissingATerm(const std::vector<ocr::OcrSymbol>& symbols, const Lexicon& lexicon) {
  const std::vector<std::string> read = ReadCharacters(symbols);
  std::vector<bool> missing(read.size(), false);
  const std::set<std::string> in_line(read.begin(), read.end());
  const std::vector<bool> spelled = SpelledPositions(read, lexicon);
  std::optional<DictionaryWords> words;  // segmented when first needed
  for (const auto& term : lexicon.terms()) {
    const size_t n = term.size();
    if (!IsHan(term.front()) || !MayBeNear(term, in_line)) continue;
    for (size_t s = 0; s + n <= read.size(); ++s) {
      const std::optional<size_t> differs = OnlyDifference(read, s, term);
      if (!differs || spelled[s + *differs] || !IsHan(read[s + *differs]) || !IsHan(term[*differs])) continue;
      if (!words) words = SegmentWords(read);
      // A span that is, or cuts into, a word of the dictionary (制造 near 制糖; 基于工业
      // near 化工) reads as printed text; the trigger is a character that fits no word.
      if (words->inside_long_word[s + *differs] || !words->boundary[s] || !words->boundary[s + n]) continue;
      // A listed term and one more character (青岛力维 near 青岛市: the place, then a
      // firm's name) is read as printed.
      if ((*differs == 0 && spelled[s + 1]) || (*differs == n - 1 && spelled[s + n - 2])) continue;
      missing[s + *differs] = true;
    }
  }
  return missing;
}

std::vector<std::string> CorrectLinesTowardsLexicon(const ocr::OcrText& text, const Lexicon& lexicon,
                                                    const CanReadCharacter& can_read, std::vector<std::string>* changes) {
  std::vector<std::string> lines;
  for (const ocr::OcrLine& line : text.lines) {
    const size_t before = changes->size();
    const std::vector<ocr::OcrSymbol> corrected = CorrectTowardsLexicon(line.symbols, lexicon, can_read, changes);
    lines.push_back(changes->size() == before ? line.text : ocr::TextOf(corrected));
  }
  return lines;
}

std::string CorrectedText(const ocr::OcrText& text, const Lexicon* lexicon, const ocr::OcrEngine& engine,
                          std::vector<std::string>* changes) {
  if (!lexicon) return text.Joined("");
  const size_t before = changes->size();
  const std::vector<std::string> lines =
      CorrectLinesTowardsLexicon(text, *lexicon, [&](const std::string& c) { return engine.CanRead(c); }, changes);
  if (changes->size() == before) return text.Joined("");
  std::string out;
  for (const std::string& line : lines) out += line;
  return out;
}

void NoteLexiconChanges(const std::vector<std::string>& changes, std::string* correction) {
  for (const std::string& change : changes) *correction += (correction->empty() ? "词表：" : "; 词表：") + change;
}

}  // namespace shenbao::extract
