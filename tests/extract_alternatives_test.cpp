// A code that fails its check is corrected from the OCR's own runner-up characters
// only when exactly one candidate passes.
#include <gtest/gtest.h>

#include "extract/alternatives.h"
#include "extract/normalize.h"

namespace shenbao::extract {
namespace {

// Symbols of `text` (ASCII), with `alternatives` at the given positions.
std::vector<ocr::OcrSymbol> Symbols(const std::string& text,
                                    const std::vector<std::pair<size_t, std::vector<std::string>>>& alternatives = {}) {
  std::vector<ocr::OcrSymbol> symbols;
  for (char c : text) symbols.push_back({std::string(1, c), 0.9f, symbols.empty(), {}, {}});
  for (const auto& [i, alts] : alternatives) symbols[i].alternatives = alts;
  return symbols;
}

std::string Prepare(const std::string& s) { return RemoveWhitespace(s); }

TEST(TryAlternatives, FixesAUsccWhoseCheckDigitFailsWhenOneRunnerUpPasses) {
  // 91110000600037341L with its 8th character (a 0) misread as 8; the model's runner-ups there: 0 and 6.
  const auto symbols = Symbols("91110008600037341L", {{7, {"0", "6"}}});
  ASSERT_FALSE(ParseValue(FieldType::kUscc, "91110008600037341L", {}).valid);
  const ParsedValue fixed = TryAlternatives(symbols, FieldType::kUscc, {}, Prepare);
  ASSERT_TRUE(fixed.valid);
  EXPECT_EQ(fixed.value, "91110000600037341L");
  EXPECT_NE(fixed.correction.find("第8位 8→0"), std::string::npos) << fixed.correction;
}

TEST(TryAlternatives, FixesAMobileWithALetterForADigit) {
  const auto symbols = Symbols("1342771l735", {{7, {"1", "I"}}});
  const ParsedValue fixed = TryAlternatives(symbols, FieldType::kPhone, {}, Prepare);
  ASSERT_TRUE(fixed.valid) << fixed.error;
  EXPECT_EQ(fixed.value, "13427711735");
}

TEST(TryAlternatives, RefusesWhenTwoDifferentValuesWouldPass) {
  // Either runner-up makes an 11-digit mobile: which one was printed is a guess.
  const auto two_at_once = Symbols("1342771l735", {{7, {"1", "7"}}});
  EXPECT_FALSE(TryAlternatives(two_at_once, FieldType::kPhone, {}, Prepare).valid);
}

TEST(TryAlternatives, GivesNothingWithoutAlternativesOrWhenNoneHelps) {
  EXPECT_FALSE(TryAlternatives(Symbols("91110008600037341L"), FieldType::kUscc, {}, Prepare).valid);
  EXPECT_FALSE(TryAlternatives(Symbols("91110008600037341L", {{2, {"7"}}}), FieldType::kUscc, {}, Prepare).valid);
  EXPECT_FALSE(TryAlternatives({}, FieldType::kUscc, {}, Prepare).valid);
}

TEST(HasStrongCheck, OnlyCodesWhoseCheckRarelyPassesByChance) {
  EXPECT_TRUE(HasStrongCheck(FieldType::kUscc));
  EXPECT_TRUE(HasStrongCheck(FieldType::kPhone));
  EXPECT_FALSE(HasStrongCheck(FieldType::kInt));
  EXPECT_FALSE(HasStrongCheck(FieldType::kEmail));
}

}  // namespace
}  // namespace shenbao::extract
