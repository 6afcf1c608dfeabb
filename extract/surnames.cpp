#include "extract/surnames.h"

#include <fstream>
#include <map>
#include <sstream>

#include "extract/lexicon.h"
#include "extract/template_loader.h"
#include "ocr/utf8.h"

namespace shenbao::extract {

Surnames Surnames::Parse(std::string_view text, const std::string& file, std::vector<TemplateProblem>* problems) {
  Surnames surnames;
  std::map<std::string, int> seen;  // name → line
  std::istringstream in{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (const size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    const std::string name = TrimBlanks(line);
    if (name.empty()) continue;
    const std::vector<std::string> characters = ocr::CodePoints(name);
    bool han = characters.size() == 1 || characters.size() == 2;
    for (const std::string& c : characters) han = han && IsHan(c);
    if (!han) {
      problems->push_back({file, number, "a family name is one or two Chinese characters, one a line: '" + name + "'"});
      continue;
    }
    if (const auto [it, fresh] = seen.emplace(name, number); !fresh) {
      problems->push_back({file, number, "'" + name + "' is listed twice (also line " + std::to_string(it->second) + ")"});
      continue;
    }
    surnames.names_.insert(name);
  }
  return surnames;
}

size_t Surnames::Length(const std::vector<std::string>& characters) const {
  if (characters.size() >= 2 && Has(characters[0] + characters[1])) return 2;
  return !characters.empty() && Has(characters[0]) ? 1 : 0;
}

Surnames LoadSurnamesFile(const std::filesystem::path& file, std::vector<TemplateProblem>* problems) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problems->push_back({file.string(), 0, "cannot read the surname file"});
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return Surnames::Parse(text.str(), file.string(), problems);
}

}  // namespace shenbao::extract
