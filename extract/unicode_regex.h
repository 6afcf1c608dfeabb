#pragma once
// A compiled regular expression over UTF-8 text with Unicode semantics (ICU), so
// that template authors can write [工厂车间] or \p{Han} and named groups (?<year>…).
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace shenbao::extract {

class UnicodeRegex {
 public:
  // Throws std::invalid_argument with ICU's reason and the offset when it does not compile.
  explicit UnicodeRegex(std::string_view pattern);
  ~UnicodeRegex();
  UnicodeRegex(const UnicodeRegex&) = delete;
  UnicodeRegex& operator=(const UnicodeRegex&) = delete;

  // True when the pattern matches somewhere in `text`; fills named groups if asked.
  bool Search(std::string_view text, std::map<std::string, std::string>* named_groups = nullptr) const;
  // Every match replaced by `replacement` ($1 … name groups), as ICU's replaceAll.
  std::string ReplaceAll(std::string_view text, std::string_view replacement) const;
  const std::string& pattern() const { return pattern_; }

 private:
  struct Impl;
  std::string pattern_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shenbao::extract
