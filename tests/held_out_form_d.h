#pragma once
// A page of the held-out generated 先导区 form (form D): `generate.py --seed 11
// --per-level 2 --forms D --levels LEVEL`, the set the evaluation notes call
// held-out, written under the temporary folder `shenbao-<tag>-gen-d-<level>` (one
// folder per caller: ctest runs tests side by side).
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "ocr/document_source.h"

namespace shenbao {

// Page `index` of `file` (e.g. "hard-02.pdf") as rendered for reading; nothing when
// the generator cannot run here (python3, PIL or the fonts missing).
inline std::optional<ocr::PageImage> HeldOutFormDPage(const std::string& tag, const std::string& level,
                                                      const std::string& file, int index) {
  const std::filesystem::path out = std::filesystem::temp_directory_path() / ("shenbao-" + tag + "-gen-d-" + level);
  const std::string command = "/usr/bin/python3 " + std::string(SHENBAO_SOURCE_DIR) +
                              "/samples/gen/generate.py --out " + out.string() +
                              " --seed 11 --per-level 2 --forms D --levels " + level + " >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) return std::nullopt;
  return ocr::OpenDocument(out / "5g-iiot-pilot-zone-application" / file, ocr::RasterOptions{})->Render(index);
}

}  // namespace shenbao
