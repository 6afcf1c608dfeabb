#pragma once
// Second looks at a Chinese value that spells a lexicon term but for one character
// (陶资 for 陶瓷, 滩坊 for 潍坊, 座拟 for 虚拟). The lexicon (extract/lexicon.h) takes a
// term only where the OCR itself offered its character for that symbol; these looks
// gather such offers where one reading did not: the other model's reading, and both
// models' readings of the image at other sizes. Nothing they read is put in the
// text here: what they offer becomes the characters' runner-ups, and
// CorrectTowardsLexicon decides.
#include <opencv2/core.hpp>

#include "extract/lexicon.h"
#include "extract/surnames.h"
#include "ocr/ocr_engine.h"

namespace shenbao::extract {

// A near-miss character read below this (after any vote) is looked at again at other
// sizes; one both models read surely (a firm's 达卓 near the city 达州) is taken as printed.
inline constexpr float kNearMissDoubtfulBelow = 0.90f;

// The image sizes, relative to the cell's, a persisting doubtful near-miss is read at,
// in order, until a reading offers the term's character. The models' misreadings of a
// rare character change from one size to the next (a 襄 read 训 at one size is read 襄
// at another), while a printed character mostly stays what it is.
inline constexpr double kNearMissScales[] = {0.8, 1.25, 0.6, 1.5};

// `text`, `crop`'s reading as one line (RecognizeLines), with runner-ups from second
// looks where it misses a term of `lexicon` by one character:
//   - read by one model alone: the second model reads windows around the characters
//     that keep it from the term (ocr/recheck_window.h), surely read or not — the fast
//     model reads 陶资 at 0.99;
//   - where such a doubtful character still has no runner-up spelling the term, both
//     models read those windows again at kNearMissScales, stopping at the first size
//     whose readings offer it, or at which both read those characters as before.
// The text stays `text`'s; where a look's offer is taken as a runner-up the character
// is as doubtful as a vote makes it. Returns `text` when there is nothing to look at.
ocr::OcrText LookAgainAtNearMisses(const cv::Mat& crop, const ocr::OcrText& text, const Lexicon& lexicon,
                                   ocr::OcrEngine& engine);

// A person's name (`person: true`), read as one line of `crop` (`text`), that begins
// with no family name of `surnames`: 吕飞伟 read 虽飞伟, 闫 read 间, 孟 read 蛇. The first
// character's runner-up (the other model's reading where the two differed) and both
// models' readings of the name at kNearMissScales are the offers; a listed family name
// two of them offer, and no other, is taken, as a correction a person sees.
struct SurnameLook {
  ocr::OcrText text;       // `text`, its first character the family name taken, if one was
  std::string correction;  // "姓氏：虽→吕" when one was taken
  bool unlisted = false;   // begins with no listed family name, and none was offered
};
SurnameLook LookAgainAtSurname(const cv::Mat& crop, const ocr::OcrText& text, const Surnames& surnames,
                               ocr::OcrEngine& engine);

}  // namespace shenbao::extract
