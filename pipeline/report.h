#pragma once
// A static HTML page (report.html) a person opens from disk: every document with
// its status, what needs review with the crop beside the value read, and the seals.
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

namespace shenbao::pipeline {

void WriteReport(const std::filesystem::path& out_dir, const std::vector<nlohmann::ordered_json>& records);

}  // namespace shenbao::pipeline
