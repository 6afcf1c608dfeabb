#include "extract/alternatives.h"

#include <set>

namespace shenbao::extract {

namespace {

// A value longer than this is not a code: trying every substitution would cost more
// than it could win.
constexpr size_t kMaxSymbols = 40;
constexpr size_t kMaxAlternativesPerSymbol = 3;

}  // namespace

bool HasStrongCheck(FieldType type) { return type == FieldType::kUscc || type == FieldType::kPhone; }

ParsedValue TryAlternatives(const std::vector<ocr::OcrSymbol>& symbols, FieldType type,
                            const std::vector<std::string>& choices,
                            const std::function<std::string(const std::string&)>& prepare) {
  ParsedValue none;
  if (symbols.size() > kMaxSymbols) return none;
  std::set<std::string> passing;  // distinct values (JSON text) that pass
  ParsedValue found;
  for (size_t i = 0; i < symbols.size(); ++i) {
    const auto& alternatives = symbols[i].alternatives;
    for (size_t k = 0; k < alternatives.size() && k < kMaxAlternativesPerSymbol; ++k) {
      std::string candidate;
      for (size_t j = 0; j < symbols.size(); ++j) candidate += j == i ? alternatives[k] : symbols[j].text;
      ParsedValue parsed = ParseValue(type, prepare(candidate), choices);
      if (!parsed.valid || parsed.blank) continue;
      if (passing.insert(parsed.value.dump()).second) {
        found = std::move(parsed);
        found.correction = (found.correction.empty() ? "" : found.correction + "; ") + "OCR候选字符：第" +
                           std::to_string(i + 1) + "位 " + symbols[i].text + "→" + alternatives[k];
      }
    }
  }
  return passing.size() == 1 ? found : none;
}

}  // namespace shenbao::extract
