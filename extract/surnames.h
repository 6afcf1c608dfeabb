#pragma once
// The family names a person's name begins with (templates/surnames.txt), kept as data
// a bureau can edit. A name read with a first character that is no family name (虽飞伟,
// 间晶华, 蛇霞静: 吕, 闫 and 孟 misread) is where the OCR most often errs in a name that
// no word list can check: extract/near_miss.h looks at it again.
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace shenbao::extract {

struct TemplateProblem;

class Surnames {
 public:
  // Parses a surname file's text: one family name a line (one or two Chinese
  // characters), '#' starts a comment, blank lines ignored. Each problem (anything but
  // one or two Chinese characters, a name given twice) is appended to `problems` with
  // `file` and the line; the good names are kept.
  static Surnames Parse(std::string_view text, const std::string& file, std::vector<TemplateProblem>* problems);

  bool empty() const { return names_.empty(); }
  // Whether `name` is listed.
  bool Has(const std::string& name) const { return names_.count(name) > 0; }
  // How many of `characters` (a name, one character each) its family name takes: 2
  // for a listed two-character name (欧阳), else 1 for a listed one-character name, else 0.
  size_t Length(const std::vector<std::string>& characters) const;

 private:
  std::set<std::string> names_;
};

// Reads and parses `file`; a file that cannot be read is a problem too.
Surnames LoadSurnamesFile(const std::filesystem::path& file, std::vector<TemplateProblem>* problems);

}  // namespace shenbao::extract
