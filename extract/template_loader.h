#pragma once
// Reading and checking template files (YAML). A mistake names the file, the line
// and what is wrong, so a bureau's IT staff can fix it without a programmer.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "extract/form_template.h"

namespace shenbao::extract {

struct TemplateProblem {
  std::string file;
  int line = 0;          // 1-based; 0 when the whole file is concerned
  std::string message;
  std::string ToString() const;  // "file:line: message"
};

class TemplateError : public std::runtime_error {
 public:
  explicit TemplateError(std::vector<TemplateProblem> problems);
  const std::vector<TemplateProblem>& problems() const { return problems_; }

 private:
  std::vector<TemplateProblem> problems_;
};

// Loads one template; throws TemplateError listing every problem found.
FormTemplate LoadTemplateFile(const std::filesystem::path& file);

// Loads every *.yaml / *.yml in `dir` (sorted by name); throws TemplateError with the
// problems of all files, and for two templates with the same id.
std::vector<FormTemplate> LoadTemplateDir(const std::filesystem::path& dir);

// The problems of one file, empty when it is good (for `shenbao templates --check`).
std::vector<TemplateProblem> CheckTemplateFile(const std::filesystem::path& file);

}  // namespace shenbao::extract
