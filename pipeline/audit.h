#pragma once
// The seal audit of a finished run: stamps.csv, stamps.json and stamps.html with
// one row per stamp zone of every document (document, zone, present, owner text,
// match, page, bbox, crop), for an auditor to scan in seconds.
#include <filesystem>

namespace shenbao::pipeline {

void WriteStampAudit(const std::filesystem::path& out_dir);

}  // namespace shenbao::pipeline
