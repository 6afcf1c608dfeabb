#pragma once
// Small PDFs written by hand for tests: what a file's objects are decides how a
// reader takes it (hostile files, scanned pages).
#include <cstdio>
#include <string>
#include <vector>

namespace shenbao::testing {

// A well-formed PDF made of `objects` (numbered from 1, the first the catalog), with
// a correct cross-reference table; `trailer_extra` goes into the trailer dictionary.
inline std::string MakePdf(const std::vector<std::string>& objects, const std::string& trailer_extra = "") {
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " + trailer_extra +
         ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace shenbao::testing
