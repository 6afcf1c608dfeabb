// Corrections towards the domain's words (templates/lexicon.txt) only where the OCR's
// own evidence backs them, and Chinese punctuation put right where a misread broke it.
#include <algorithm>

#include <gtest/gtest.h>

#include "extract/lexicon.h"
#include "extract/normalize.h"
#include "extract/template_loader.h"
#include "ocr/utf8.h"

namespace shenbao::extract {
namespace {

struct Sym {
  std::string text;
  float confidence = 0.97f;
  std::vector<std::string> alternatives = {};
};

// One symbol per character of `text`, sure of each; `changed` overrides some.
std::vector<ocr::OcrSymbol> Symbols(const std::string& text, const std::vector<std::pair<size_t, Sym>>& changed = {}) {
  std::vector<ocr::OcrSymbol> out;
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    const int32_t start = i;
    const auto lead = static_cast<unsigned char>(text[i]);
    i += lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    out.push_back({text.substr(start, i - start), 0.97f, out.empty(), {}, {}});
  }
  for (const auto& [at, sym] : changed) {
    out.at(at).text = sym.text;
    out.at(at).confidence = sym.confidence;
    out.at(at).alternatives = sym.alternatives;
  }
  return out;
}

std::string Text(const std::vector<ocr::OcrSymbol>& symbols) {
  std::string s;
  for (const auto& sym : symbols) s += sym.text;
  return s;
}

Lexicon Terms(const std::string& text) {
  std::vector<TemplateProblem> problems;
  Lexicon lexicon = Lexicon::Parse(text, "test.txt", &problems);
  EXPECT_TRUE(problems.empty());
  return lexicon;
}

// The Chinese models' character sets lack 孪 (chi_sim and HanS alike).
bool CanReadAllButLuan(const std::string& c) { return c != "孪"; }

struct Corrected {
  std::string text;
  std::vector<std::string> changes;
};

Corrected Correct(const std::vector<ocr::OcrSymbol>& symbols, const std::string& terms) {
  Corrected c;
  c.text = Text(CorrectTowardsLexicon(symbols, Terms(terms), CanReadAllButLuan, &c.changes));
  return c;
}

TEST(Lexicon, ParsesOneTermALineWithComments) {
  std::vector<TemplateProblem> problems;
  const Lexicon lexicon = Lexicon::Parse("# words\n5G\n\n数字孪生   # 孪 is in no model\n　工业互联网　\n", "l.txt", &problems);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(lexicon.size(), 3u);
  EXPECT_EQ(lexicon.terms()[1], (std::vector<std::string>{"数", "字", "孪", "生"}));
  EXPECT_EQ(lexicon.terms()[2].size(), 5u);
}

TEST(Lexicon, NamesTheLineOfEachMistake) {
  std::vector<TemplateProblem> problems;
  const Lexicon lexicon = Lexicon::Parse("5G\n数字 孪生\n孪\n5G\n", "l.txt", &problems);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].ToString(), "l.txt:2: one term a line, without spaces: '数字 孪生'");
  EXPECT_EQ(problems[1].line, 3);
  EXPECT_EQ(problems[2].ToString(), "l.txt:4: '5G' is listed twice (also line 1)");
  EXPECT_EQ(lexicon.size(), 1u);
}

TEST(Lexicon, TheShippedLexiconChecksClean) {
  const std::string file = std::string(SHENBAO_SOURCE_DIR) + "/templates/lexicon.txt";
  EXPECT_TRUE(CheckTemplateFile(file).empty());
  EXPECT_TRUE(CheckTemplateFile(std::string(SHENBAO_SOURCE_DIR) + "/templates/places.txt").empty());
  // Every template of the summary and key-value forms reads with the words and the
  // place names (襄阳 as company names print it, 恩施土家族苗族自治州 whole).
  const auto templates = LoadTemplateDir(std::string(SHENBAO_SOURCE_DIR) + "/templates");
  for (const auto& t : templates) {
    if (t.layout == Layout::kLetter) continue;
    ASSERT_TRUE(t.lexicon && !t.lexicon->empty()) << t.id;
    const auto& terms = t.lexicon->terms();
    for (const char* word : {"赋能", "数字孪生", "襄阳", "襄阳市", "恩施土家族苗族自治州", "潜江"})
      EXPECT_NE(std::find(terms.begin(), terms.end(), ocr::CodePoints(word)), terms.end()) << t.id << " " << word;
  }
}

TEST(CorrectTowardsLexicon, ACharacterNoModelCanOutputIsRestoredFromTheRestOfTheTerm) {
  for (const char* stand_in : {"挛", "李", "迹", "这"}) {
    const Corrected c = Correct(Symbols(std::string("5G+数字") + stand_in + "生无人化轮胎工厂"), "数字孪生");
    EXPECT_EQ(c.text, "5G+数字孪生无人化轮胎工厂");
    ASSERT_EQ(c.changes.size(), 1u);
    EXPECT_EQ(c.changes[0], std::string("数字") + stand_in + "生→数字孪生");
  }
}

TEST(CorrectTowardsLexicon, ARealWordListedInTheLexiconIsKept) {
  EXPECT_EQ(Correct(Symbols("数字原生企业"), "数字孪生\n数字原生").text, "数字原生企业");
}

TEST(CorrectTowardsLexicon, AReadableCharacterNotAmongTheAlternativesIsKept) {
  // 工业物联网 is a real word one character from 工业互联网: the OCR read 物 and weighed nothing else.
  EXPECT_EQ(Correct(Symbols("工业物联网平台"), "工业互联网").text, "工业物联网平台");
  // The runner-up it weighed was another character, not the term's.
  EXPECT_EQ(Correct(Symbols("工业物联网平台", {{2, {"物", 0.6f, {"务"}}}}), "工业互联网").text, "工业物联网平台");
}

TEST(CorrectTowardsLexicon, ARunnerUpTheOcrWeighedCompletesTheTerm) {
  const Corrected c = Correct(Symbols("5G+工业互联网融雁应用园区", {{9, {"雁", 0.55f, {"合"}}}}), "融合应用");
  EXPECT_EQ(c.text, "5G+工业互联网融合应用园区");
  EXPECT_EQ(c.changes, std::vector<std::string>{"融雁应用→融合应用"});
}

TEST(CorrectTowardsLexicon, ADoubtfulOrDoubledExtraSymbolInsideATermIsDropped) {
  EXPECT_EQ(Correct(Symbols("56G赋能智慧锂电池车间", {{1, {"6", 0.45f}}}), "5G").text, "5G赋能智慧锂电池车间");
  EXPECT_EQ(Correct(Symbols("5G+AII精益生产浮法玻璃车间"), "5G\nAI").text, "5G+AI精益生产浮法玻璃车间");
  // The doubled I read as two glyphs of the same stroke (a clean A sample).
  EXPECT_EQ(Correct(Symbols("5G+AlI精益生产浮法玻璃车间"), "5G\nAI").text, "5G+AI精益生产浮法玻璃车间");
  EXPECT_EQ(Correct(Symbols("5G+A1I协同制造"), "5G\nAI").text, "5G+AI协同制造");
  EXPECT_EQ(Correct(Symbols("5G+AIl协同制造变电站巡检车间"), "5G\nAI").text, "5G+AI协同制造变电站巡检车间");
  // A sure letter of another shape stays: AMI is not AI.
  EXPECT_EQ(Correct(Symbols("5G+AMI协同制造"), "5G\nAI").text, "5G+AMI协同制造");
}

TEST(CorrectTowardsLexicon, ADoubtfulSymbolGluedToTheEndOfALatinTermIsDropped) {
  // 新建5G基站 read 新建5G6基站, the 6 one model alone read (a held-out D paragraph).
  EXPECT_EQ(Correct(Symbols("新建5G6基站", {{4, {"6", 0.68f}}}), "5G").text, "新建5G基站");
  // Sure of it, or a Latin token going on after it, or no Chinese text after it: kept.
  EXPECT_EQ(Correct(Symbols("新建5G6基站", {{4, {"6", 0.97f}}}), "5G").text, "新建5G6基站");
  EXPECT_EQ(Correct(Symbols("型号5G6A基站", {{4, {"6", 0.5f}}}), "5G").text, "型号5G6A基站");
  EXPECT_EQ(Correct(Symbols("新建5G6", {{4, {"6", 0.5f}}}), "5G").text, "新建5G6");
}

TEST(CorrectTowardsLexicon, ASureExtraSymbolOrOneOutsideALatinTokenIsKept) {
  // The OCR was sure of the 6: 56G is what it saw.
  EXPECT_EQ(Correct(Symbols("56G赋能", {{1, {"6", 0.96f}}}), "5G").text, "56G赋能");
  // 5G inside 256GB is no 5G.
  EXPECT_EQ(Correct(Symbols("存储256GB", {{3, {"5", 0.3f}}}), "5G").text, "存储256GB");
}

TEST(CorrectTowardsLexicon, TwoTermsThatDisagreeChangeNothing) {
  // The runner-ups back both 融合应用 and 融汇应用 at the same symbol: a guess.
  EXPECT_EQ(Correct(Symbols("融雁应用", {{1, {"雁", 0.5f, {"合", "汇"}}}}), "融合应用\n融汇应用").text, "融雁应用");
}

TEST(CorrectTowardsLexicon, ATwoCharacterWordNeedsTheOcrToHaveReadItsCharacter) {
  // The second model read 赋 where the first read 赔 (a hard A sample's 项目名称).
  const Corrected c = Correct(Symbols("5G赔能协同制造芯片封测车间", {{2, {"赔", 0.62f, {"赋"}}}}), "赋能");
  EXPECT_EQ(c.text, "5G赋能协同制造芯片封测车间");
  EXPECT_EQ(c.changes, std::vector<std::string>{"赔能→赋能"});
  // A place name, as a company's name begins with it (腾磊家用电器（裴阳）…: 襄 weighed).
  EXPECT_EQ(Correct(Symbols("腾磊家用电器(裴阳)股份有限公司", {{7, {"裴", 0.58f, {"襄"}}}}), "襄阳\n襄阳市").text,
            "腾磊家用电器(襄阳)股份有限公司");
  // Nothing weighed the word's character: a two-character word is too short to say.
  EXPECT_EQ(Correct(Symbols("5G赔能协同制造", {{2, {"赔", 0.62f}}}), "赋能").text, "5G赔能协同制造");
  // Nor is a character no model can output restored from one other character.
  EXPECT_EQ(Correct(Symbols("李生"), "孪生").text, "李生");
  // A listed word read as printed is not made another: 智能 stays beside 智慧.
  EXPECT_EQ(Correct(Symbols("智能车间", {{1, {"能", 0.7f, {"慧"}}}}), "智慧\n智能").text, "智能车间");
}

TEST(CorrectTowardsLexicon, NoCharacterIsDroppedInsideATwoCharacterChineseWord) {
  // 寿光光电子: the place 寿光, then the company's 光电子; the second 光 is no double read.
  EXPECT_EQ(Correct(Symbols("寿光光电子有限公司", {{2, {"光", 0.5f}}}), "寿光").text, "寿光光电子有限公司");
}

TEST(Lexicon, AddsTheTermsOfAnotherListOnce) {
  Lexicon words = Terms("5G\n赋能\n");
  words.Add(Terms("襄阳\n赋能\n"));
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words.terms()[2], (std::vector<std::string>{"襄", "阳"}));
}

TEST(TidyChinesePunctuation, OneMarkReadAsTwoIsOne) {
  EXPECT_EQ(NormalizeText("新技术类：；工业互联网与区块链融合"), "新技术类：工业互联网与区块链融合");
  EXPECT_EQ(NormalizeText("安全类;：安全公共服务平台"), "安全类：安全公共服务平台");
  EXPECT_EQ(NormalizeText("机器视觉，，远程运维"), "机器视觉，远程运维");
}

TEST(TidyChinesePunctuation, MismatchedBracketsFollowTheirPair) {
  EXPECT_EQ(NormalizeText("睿麟液压〈广东）有限责任公司"), "睿麟液压（广东）有限责任公司");
  EXPECT_EQ(NormalizeText("粤北生物医药（厦门》有限公司"), "粤北生物医药（厦门）有限公司");
  EXPECT_EQ(NormalizeText("江门晋晶酿酒（集团）》有限公司"), "江门晋晶酿酒（集团）有限公司");
  // Across the lines of a paragraph.
  EXPECT_EQ(NormalizeParagraph({"设备超过356万台〈", "套），服务企业"}), "设备超过356万台（套），服务企业");
}

TEST(TidyChinesePunctuation, TwoDifferentDashMarksAreOneDashPair) {
  EXPECT_EQ(NormalizeText("安全类—-工业控制系统安全"), "安全类——工业控制系统安全");
  EXPECT_EQ(NormalizeText("新技术类-一数字孪生工业应用"), "新技术类——数字孪生工业应用");
}

TEST(TidyChinesePunctuation, WhatIsPrintedThatWayIsKept) {
  for (const char* kept : {"载体类—工业互联网创新中心", "平台类——区域特色平台", "《5G全连接工厂建设指南》（工信厅信管〔2022〕23号）",
                           "一是专项政策制定及实施情况；二是5G网络覆盖情况", "从2023年—2025年遴选", "1.5G-A网络"})
    EXPECT_EQ(NormalizeText(kept), kept);
}

// Where two words meet, a character may be printed twice (寿光 + 光电子, 星通 + 通信设备):
// a Chinese character beside its twin is dropped only when the OCR doubted it.
TEST(Lexicon, AChineseCharacterBesideItsTwinIsKeptWhenReadSurely) {
  const Lexicon lexicon = Terms("光电子\n通信设备\n");
  std::vector<std::string> changes;
  const auto keep = [](const std::string&) { return true; };
  EXPECT_EQ(Text(CorrectTowardsLexicon(Symbols("寿光光电子有限公司"), lexicon, keep, &changes)), "寿光光电子有限公司");
  EXPECT_EQ(Text(CorrectTowardsLexicon(Symbols("鄂州星通通信设备"), lexicon, keep, &changes)), "鄂州星通通信设备");
  EXPECT_TRUE(changes.empty());
  EXPECT_EQ(Text(CorrectTowardsLexicon(Symbols("寿光光电子", {{2, {"光", 0.5f}}}), lexicon, keep, &changes)), "寿光电子");
}

// Which characters of a one-model reading are shown to the second model
// (CharactersMissingATerm): a listed word's but for one that fits no word of the dictionary.
bool MissesTermByOneCharacter(const std::vector<ocr::OcrSymbol>& symbols, const Lexicon& lexicon) {
  const std::vector<bool> missing = CharactersMissingATerm(symbols, lexicon);
  EXPECT_EQ(missing.size(), symbols.size());
  return std::find(missing.begin(), missing.end(), true) != missing.end();
}

TEST(CharactersMissingATerm, TheCharacterThatKeepsTheReadingFromAWord) {
  const std::vector<bool> missing = CharactersMissingATerm(Symbols("中国秦煌陶资有限公司"), Terms("陶瓷\n"));
  const std::vector<bool> only_zi = {false, false, false, false, false, true, false, false, false, false};
  EXPECT_EQ(missing, only_zi);
}

TEST(CharactersMissingATerm, AWordButForACharacterThatFitsNoWord) {
  const Lexicon lexicon = Terms("陶瓷\n潜江\n青岛\n");
  EXPECT_TRUE(MissesTermByOneCharacter(Symbols("中国秦煌陶资有限公司"), lexicon));
  EXPECT_TRUE(MissesTermByOneCharacter(Symbols("洪江信精电机有限公司"), lexicon));
  EXPECT_TRUE(MissesTermByOneCharacter(Symbols("青鸟维钢水泥有限公司"), lexicon));
}

TEST(CharactersMissingATerm, TheWordAsListedOrNoWordNearIsNotAMiss) {
  const Lexicon lexicon = Terms("陶瓷\n潜江\n");
  EXPECT_FALSE(MissesTermByOneCharacter(Symbols("中国秦煌陶瓷有限公司"), lexicon));
  EXPECT_FALSE(MissesTermByOneCharacter(Symbols("潜江信精电机有限公司"), lexicon));
  EXPECT_FALSE(MissesTermByOneCharacter(Symbols("武汉信精电机有限公司"), lexicon));
  EXPECT_FALSE(MissesTermByOneCharacter({}, lexicon));
}

// Chinese runs words together: a listed word is one character from countless spans
// of ordinary text. A span that is a word of the dictionary, or cuts into one, is text
// as printed: 制造 is not a misread 制糖, nor 基于工业 a misread 化工.
TEST(CharactersMissingATerm, AWordOfTheDictionaryOrASpanCuttingOneIsNoMiss) {
  const Lexicon lexicon = Terms("制糖\n化工\n石化\n");
  EXPECT_FALSE(MissesTermByOneCharacter(Symbols("智能制造示范工厂"), lexicon));
  EXPECT_FALSE(MissesTermByOneCharacter(Symbols("基于工业互联网平台"), lexicon));
  EXPECT_FALSE(MissesTermByOneCharacter(Symbols("数字化车间"), lexicon));
  EXPECT_TRUE(MissesTermByOneCharacter(Symbols("仙桃瑞磊化土有限公司"), lexicon));
}

// A place of the list and then a firm's own name (青岛 + 力维) is not 青岛市 misread.
TEST(CharactersMissingATerm, AListedWordAndOneMoreCharacterIsNoMiss) {
  EXPECT_FALSE(MissesTermByOneCharacter(Symbols("青岛力维电子有限公司"), Terms("青岛\n青岛市\n")));
  EXPECT_TRUE(MissesTermByOneCharacter(Symbols("青岛力维电子有限公司"), Terms("青岛市\n")));
}

// Latin terms have their own corrections (56G → 5G); only Chinese words ask a model.
TEST(CharactersMissingATerm, LatinTermsAreNotAsked) {
  EXPECT_FALSE(MissesTermByOneCharacter(Symbols("5H工厂"), Terms("5G\n")));
}

}  // namespace
}  // namespace shenbao::extract
