#include "extract/unicode_regex.h"

#include <regex>
#include <stdexcept>

#include <unicode/regex.h>
#include <unicode/unistr.h>

namespace shenbao::extract {

struct UnicodeRegex::Impl {
  std::unique_ptr<icu::RegexPattern> compiled;
  std::vector<std::string> group_names;  // in group-number order; "" for unnamed groups
};

UnicodeRegex::UnicodeRegex(std::string_view pattern) : pattern_(pattern), impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  impl_->compiled.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), pattern.size())),
                                                   parse_error, status));
  if (U_FAILURE(status) || !impl_->compiled) {
    throw std::invalid_argument(std::string("bad regular expression (") + u_errorName(status) + " at character " +
                                std::to_string(parse_error.offset) + "): " + std::string(pattern));
  }
  // ICU 72 has no API to list group names; collect them from the pattern text.
  static const std::regex kGroup(R"(\(\?<([A-Za-z_][A-Za-z0-9_]*)>)");
  for (std::sregex_iterator it(pattern_.begin(), pattern_.end(), kGroup), end; it != end; ++it) {
    impl_->group_names.push_back((*it)[1]);
  }
}

UnicodeRegex::~UnicodeRegex() = default;

bool UnicodeRegex::Search(std::string_view text, std::map<std::string, std::string>* named_groups) const {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  std::unique_ptr<icu::RegexMatcher> matcher(impl_->compiled->matcher(input, status));
  if (U_FAILURE(status) || !matcher) return false;
  if (!matcher->find(status) || U_FAILURE(status)) return false;
  if (named_groups) {
    for (const std::string& name : impl_->group_names) {
      UErrorCode group_status = U_ZERO_ERROR;
      const int32_t number = impl_->compiled->groupNumberFromName(icu::UnicodeString::fromUTF8(name), group_status);
      if (U_FAILURE(group_status)) continue;
      icu::UnicodeString value = matcher->group(number, group_status);
      if (U_SUCCESS(group_status)) {
        std::string utf8;
        value.toUTF8String(utf8);
        (*named_groups)[name] = utf8;
      }
    }
  }
  return true;
}

std::string UnicodeRegex::ReplaceAll(std::string_view text, std::string_view replacement) const {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  std::unique_ptr<icu::RegexMatcher> matcher(impl_->compiled->matcher(input, status));
  if (U_FAILURE(status) || !matcher) return std::string(text);
  icu::UnicodeString result =
      matcher->replaceAll(icu::UnicodeString::fromUTF8(icu::StringPiece(replacement.data(), replacement.size())), status);
  if (U_FAILURE(status)) return std::string(text);
  std::string out;
  result.toUTF8String(out);
  return out;
}

}  // namespace shenbao::extract
