#pragma once
// Which form is this? Decided by the title line, as a person would, with the
// form's keywords as a tie-breaker. A page no template fits is not forced.
#include <map>
#include <string>
#include <vector>

#include "extract/form_template.h"
#include "extract/page_analysis.h"

namespace shenbao::extract {

struct TemplateMatch {
  const FormTemplate* form = nullptr;  // null: no template fits
  double score = 0;                    // 0..1
  int title_line = -1;                 // index into AnalyzedPage::lines
  std::string title_text;              // the title as read (possibly two lines joined)
  cv::Rect title_box;
  std::map<std::string, std::string> title_groups;  // named groups of the title pattern
};

// Minimum title similarity to accept a template.
inline constexpr double kMinTitleSimilarity = 0.72;

// Best template whose title appears near the top of the page.
TemplateMatch ClassifyPage(const AnalyzedPage& page, const std::vector<FormTemplate>& templates);

// 1 − edit distance / longer length, over code points.
double Similarity(std::string_view a, std::string_view b);

}  // namespace shenbao::extract
