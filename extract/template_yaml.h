#pragma once
// The checks of single values in a template file (template_loader.cpp): a key that
// is not allowed where it stands, a list where one value goes, a word where a number
// goes. Each mistake is collected with its file and line, not thrown, so the author
// sees all of them at once. Internal to shenbao_extract.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "extract/template_loader.h"

namespace shenbao::extract {

class YamlChecker {
 public:
  explicit YamlChecker(std::string file) : file_(std::move(file)) {}
  std::vector<TemplateProblem> problems;

  void Problem(const YAML::Node& node, const std::string& message);
  // Unknown keys are the commonest typo ("lable:"); says which key was meant.
  void CheckKeys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, const std::string& where);
  std::string String(const YAML::Node& node, const std::string& what);
  // A value or a list [a, b]; nothing when the key is absent or null.
  std::vector<std::string> Strings(const YAML::Node& node, const std::string& what);
  bool Bool(const YAML::Node& node, bool fallback, const std::string& what);
  int Int(const YAML::Node& node, int fallback, const std::string& what);

 protected:
  std::string file_;
};

}  // namespace shenbao::extract
