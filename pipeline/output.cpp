#include "pipeline/output.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include <openssl/evp.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <spdlog/spdlog.h>

namespace shenbao::pipeline {

namespace fs = std::filesystem;

void WriteFileAtomically(const fs::path& path, std::string_view content, Sync sync) {
  fs::create_directories(path.parent_path());
  const fs::path tmp = path.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  // fsync before rename: after a crash the new name must not point at empty data.
  if (int fd = sync == Sync::kNow ? ::open(tmp.c_str(), O_RDONLY) : -1; fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  fs::rename(tmp, path);
}

namespace {

// records/<name>.json for a file of one document, <name>-<n>.json for each of several.
std::string RecordFileName(const std::string& name, size_t documents_in_file, int document) {
  return documents_in_file == 1 ? name + ".json" : name + "-" + std::to_string(document) + ".json";
}

}  // namespace

std::string Sha256File(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), buffer.size());
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(in.gcount()));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  std::ostringstream hex;
  for (unsigned int i = 0; i < length; ++i) hex << std::hex << std::setw(2) << std::setfill('0') << static_cast<int>(digest[i]);
  return hex.str();
}

OutputDir::OutputDir(fs::path root, std::string fingerprint) : root_(std::move(root)), fingerprint_(std::move(fingerprint)) {
  fs::create_directories(root_ / "records");
  fs::create_directories(root_ / "crops");
  fs::create_directories(root_ / "state");
}

bool OutputDir::IsDone(const std::string& name, const std::string& sha256) const {
  std::ifstream in(root_ / "state" / (name + ".done"));
  if (!in) return false;
  try {
    const auto state = nlohmann::json::parse(in);
    if (state.value("sha256", "") != sha256 || state.value("fingerprint", "") != fingerprint_) return false;
    for (const auto& file : state.at("records"))
      if (!fs::exists(root_ / "records" / file.get<std::string>())) return false;
    return true;
  } catch (const std::exception&) {
    return false;  // a damaged marker means: do it again
  }
}

std::vector<std::string> OutputDir::WriteInput(const std::string& name, const std::string& sha256,
                                              const std::vector<extract::Record>& records) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& record : records) {
    WriteCrops(record);
    const std::string file = RecordFileName(name, records.size(), record.document);
    WriteFileAtomically(root_ / "records" / file, extract::ToJson(record).dump(2) + "\n");
    files.push_back(file);
  }
  WriteDoneMarker(name, sha256, files);
  return files.get<std::vector<std::string>>();
}

namespace {

// True when a colour crop shows no colour a person needs (no seal ink, no coloured
// print): a scan's paper and black text, with JPEG's chroma noise. Such a crop is
// written grey, a third of the pixels to compress.
bool LooksGrey(const cv::Mat& crop) {
  if (crop.channels() != 3) return true;
  constexpr int kSpread = 40;  // seal red and faded pink spread far wider; chroma noise less
  int64_t coloured = 0;
  for (int y = 0; y < crop.rows; ++y) {
    const uint8_t* p = crop.ptr<uint8_t>(y);
    for (int x = 0; x < crop.cols; ++x, p += 3) {
      if (std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]}) > kSpread) ++coloured;
    }
  }
  return coloured * 500 < static_cast<int64_t>(crop.total());  // under 0.2% of the pixels
}

}  // namespace

void OutputDir::WriteCrops(const extract::Record& record) const {
  bool wrote = false;
  for (const auto& crop : record.crops) {
    if (crop.pixels.empty()) continue;
    cv::Mat pixels = crop.pixels;
    if (pixels.channels() == 3 && LooksGrey(pixels)) cv::cvtColor(crop.pixels, pixels, cv::COLOR_BGR2GRAY);
    std::vector<unsigned char> png;
    // OpenCV's own speed setting (no parameters): deflate's fastest level with one
    // row filter (SUB) and run-length matching. A level given explicitly (1) left
    // libpng trying all five filters on every row, and zlib's default level before
    // that took 3% of a page's time. Measured on the benchmark's 195 crops: 1.8x
    // faster than level 1 alone, files 11% larger; the pixels are the same.
    cv::imencode(".png", pixels, png);
    WriteFileAtomically(root_ / crop.relative_path, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()),
                        Sync::kLater);
    wrote = true;
  }
  // On disk before the record that points at them (written and synced next).
  if (wrote) {
    if (int fd = ::open((root_ / "crops").c_str(), O_RDONLY | O_DIRECTORY); fd >= 0) {
      ::syncfs(fd);
      ::close(fd);
    }
  }
}

void OutputDir::WriteDoneMarker(const std::string& name, const std::string& sha256, const nlohmann::json& files) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const nlohmann::json state = {{"sha256", sha256}, {"fingerprint", fingerprint_}, {"records", files}};
  WriteFileAtomically(root_ / "state" / (name + ".done"), state.dump() + "\n");
}

void OutputDir::RemoveLeftovers() const {
  std::error_code ec;
  std::vector<fs::path> doomed;
  static const std::regex part_crops("~part[0-9]+-[0-9]+$");
  for (auto it = fs::recursive_directory_iterator(root_, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const std::string ext = it->path().extension().string();
    const std::string file = it->path().filename().string();
    const fs::path parent = it->path().parent_path();
    if (ext.rfind(".tmp", 0) == 0 && ext.find_first_not_of("0123456789", 4) == std::string::npos &&
        it->is_regular_file(ec))
      doomed.push_back(it->path());
    else if (parent == root_ / "state" && IsPartFile(file))
      doomed.push_back(it->path());
    else if (parent == root_ / "crops" && std::regex_search(file, part_crops))
      doomed.push_back(it->path());
  }
  for (const auto& path : doomed) fs::remove_all(path, ec);
}

namespace {

fs::path PartFile(const fs::path& root, const std::string& name, int part) {
  return root / "state" / (name + ".part" + std::to_string(part) + ".json");
}

// Every string in `j` that starts with `from` + "/" gets `to` + "/" instead.
void ReplacePrefix(nlohmann::ordered_json& j, const std::string& from, const std::string& to) {
  if (j.is_string()) {
    const std::string s = j.get<std::string>();
    if (s.size() > from.size() && s.compare(0, from.size(), from) == 0 && s[from.size()] == '/')
      j = to + s.substr(from.size());
  } else if (j.is_structured()) {
    for (auto& child : j) ReplacePrefix(child, from, to);
  }
}

}  // namespace

bool OutputDir::IsPartFile(const std::string& file) {
  const size_t dot = file.rfind(".part");
  return dot != std::string::npos && file.size() > 5 && file.compare(file.size() - 5, 5, ".json") == 0 &&
         file.find_first_not_of("0123456789", dot + 5) == file.size() - 5;
}

void OutputDir::WritePart(const std::string& name, const std::string& sha256, int part,
                          const std::vector<extract::Record>& records) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& record : records) {
    WriteCrops(record);
    list.push_back(extract::ToJson(record));
  }
  const nlohmann::ordered_json state = {{"sha256", sha256}, {"fingerprint", fingerprint_}, {"part", part}, {"records", list}};
  WriteFileAtomically(PartFile(root_, name, part), state.dump() + "\n");
}

std::vector<nlohmann::ordered_json> OutputDir::MergeParts(const std::string& name, const std::string& sha256, int parts) {
  std::vector<nlohmann::ordered_json> records;
  for (int k = 0; k < parts; ++k) {
    std::ifstream in(PartFile(root_, name, k));
    if (!in) throw std::runtime_error("part " + std::to_string(k) + " of " + name + " is missing");
    const auto state = nlohmann::ordered_json::parse(in);
    if (state.value("sha256", "") != sha256 || state.value("fingerprint", "") != fingerprint_)
      throw std::runtime_error("part " + std::to_string(k) + " of " + name + " is from another run");
    for (auto record : state.at("records")) {
      const int number = static_cast<int>(records.size()) + 1;
      const int local = record["source"].value("document", 0);
      record["source"]["document"] = number;
      if (k > 0) {
        // PartCropPrefix's names, without including process_document.h's world here.
        const std::string from = "crops/" + name + "~part" + std::to_string(k) + "-" + std::to_string(local);
        const std::string to = "crops/" + name + (number > 1 ? "-" + std::to_string(number) : "");
        std::error_code ec;
        if (fs::exists(root_ / from, ec)) {
          fs::remove_all(root_ / to, ec);
          fs::rename(root_ / from, root_ / to);
        }
        ReplacePrefix(record, from, to);
      }
      records.push_back(std::move(record));
    }
  }
  nlohmann::json files = nlohmann::json::array();
  for (const auto& record : records) {
    const std::string file = RecordFileName(name, records.size(), record["source"].value("document", 0));
    WriteFileAtomically(root_ / "records" / file, record.dump(2) + "\n");
    files.push_back(file);
  }
  WriteDoneMarker(name, sha256, files);
  std::error_code ec;
  for (int k = 0; k < parts; ++k) fs::remove(PartFile(root_, name, k), ec);
  return records;
}

std::vector<nlohmann::ordered_json> OutputDir::RebuildJsonl() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<fs::path> markers;
  for (const auto& entry : fs::directory_iterator(root_ / "state"))
    if (entry.path().extension() == ".done") markers.push_back(entry.path());
  std::sort(markers.begin(), markers.end());
  std::vector<nlohmann::ordered_json> records;
  std::string jsonl;
  for (const auto& marker : markers) {
    try {
      std::ifstream in(marker);
      const auto state = nlohmann::json::parse(in);
      for (const auto& file : state.at("records")) {
        std::ifstream record_in(root_ / "records" / file.get<std::string>());
        auto record = nlohmann::ordered_json::parse(record_in);
        jsonl += record.dump() + "\n";
        records.push_back(std::move(record));
      }
    } catch (const std::exception& e) {
      spdlog::warn("skipping damaged state {}: {}", marker.string(), e.what());
    }
  }
  WriteFileAtomically(root_ / "records.jsonl", jsonl);
  return records;
}

}  // namespace shenbao::pipeline
