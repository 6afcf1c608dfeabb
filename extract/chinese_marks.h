#pragma once
// Marks of Chinese typesetting that OCR gets wrong in running text, put right in the
// values of `text` and `paragraph` fields (and a letter's title, addressee, body and
// attachments) — never in e-mails, codes, phones or URLs, which keep what was read.
// Input is already normalized (NormalizeText / NormalizeParagraph). Pure functions.
#include <string>
#include <string_view>

namespace shenbao::extract {

// Double quotation marks in Chinese text paired in order: Chinese print has “…”, the
// models read them as ASCII " or with the wrong curl (“5G+工业互联网", ”5G…", a
// closing ” read as “). Counted per sentence (up to 。！？ or a line break) that holds
// a Chinese character: an even count becomes “ ” “ ” …; an odd count is a quote
// genuinely open, or a mark lost, and is left as read — unless the sentence holds
// exactly one ASCII ' or lone _ beside a Chinese character (a ” read as an apostrophe,
// a “ read as an underscore): that is the missing mark.
std::string PairChineseQuotes(std::string_view text);

// An underscore the OCR sets beside a Chinese character or mark ("5G_基站",
// "场景_28个", "“_5G+") is no print: dropped, with the spaces around it. A run of
// underscores (a blank to fill in) and an underscore between Latin letters or digits
// (lying_zx15@…) stay.
std::string DropStrayUnderscores(std::string_view text);

// A document number cited in running text (（工信厅信管〔2022〕23号）) with its year
// brackets misread ([2022]、【2022 ]、〔[2022]、（2022）) gets the 〔〕 of GB/T 9704.
// Only a bracketed year after a Chinese character and followed by a number and 号.
std::string MendCitedDocNumbers(std::string_view text);

// An ASCII full stop after a Chinese character, ending the text or a line or before
// more Chinese ("措施可行.", "以上.。"), is the sentence's 。 (once). Dots between
// digits or Latin letters (1.5, www.gov.cn) and runs of dots stay.
std::string MendFullStops(std::string_view text);

// The four above, in the order they need each other: a text or paragraph value.
std::string TidyChineseValue(std::string_view text);

// A document number's year brackets restored (GB/T 9704): 鄂经信办函[2024]57号 /
// (2024) / 【2024】 / 【〔2024〕 → 〔2024〕; whitespace removed, half-width digits.
std::string NormalizeDocNumber(std::string_view raw);

}  // namespace shenbao::extract
