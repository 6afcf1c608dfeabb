// Stamp zones: is the required seal there, where the form says it goes, and whose is it?
#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "extract/form_reader.h"
#include "extract/normalize.h"
#include "extract/seal_owner.h"

namespace shenbao::extract {
namespace {

struct Pick {
  const AnalyzedPage* page = nullptr;
  const ocr::SealCandidate* seal = nullptr;
  bool misplaced = false;  // found, but not where the template says it goes
};

const TextLine* FindLabelLine(const AnalyzedPage& page, const std::vector<std::string>& labels) {
  for (const TextLine& line : page.lines)
    for (const std::string& label : labels) {
      const std::string compact = RemoveWhitespace(line.text);
      const std::string key = RemoveWhitespace(label);
      if (compact.find(key) != std::string::npos) return &line;
      if (compact.size() >= key.size() && Similarity(compact.substr(0, key.size()), key) >= 0.7) return &line;
    }
  return nullptr;
}

const ocr::SealCandidate* Best(const std::vector<const ocr::SealCandidate*>& seals) {
  const ocr::SealCandidate* best = nullptr;
  for (const auto* s : seals)
    if (!best || s->confidence > best->confidence) best = s;
  return best;
}

Pick PickSeal(const StampSpec& spec, const std::vector<AnalyzedPage>& pages) {
  Pick pick;
  switch (spec.place) {
    case StampPlace::kLastPageBottom: {
      const AnalyzedPage& last = pages.back();
      std::vector<const ocr::SealCandidate*> below;
      const int table_bottom = last.tables.empty() ? 0 : last.tables.back().bbox.br().y;
      for (const auto& s : last.seals)
        if (s.center.y > std::min<double>(table_bottom, last.image.height() * 0.5)) below.push_back(&s);
      if (const auto* s = Best(below)) return {&last, s, false};
      break;
    }
    case StampPlace::kNearLabel: {
      for (const AnalyzedPage& page : pages) {
        const TextLine* label = FindLabelLine(page, spec.labels);
        if (!label) continue;
        std::vector<const ocr::SealCandidate*> near;
        for (const auto& s : page.seals) {
          const int reach = static_cast<int>(std::max(s.radius_x, s.radius_y));
          const cv::Rect zone(label->box.x - reach, label->box.y - reach, label->box.width + 2 * reach,
                              label->box.height + 2 * reach);
          if ((zone & s.bbox).area() > 0) near.push_back(&s);
        }
        if (const auto* s = Best(near)) return {&page, s, false};
      }
      break;
    }
    case StampPlace::kLabelCell:  // read with its label cell by the key-value reader
    case StampPlace::kAnywhere: break;
  }
  // Not where expected: any seal in the document still counts as present, flagged.
  for (const AnalyzedPage& page : pages) {
    std::vector<const ocr::SealCandidate*> all;
    for (const auto& s : page.seals) all.push_back(&s);
    if (const auto* s = Best(all)) return {&page, s, spec.place != StampPlace::kAnywhere};
  }
  return pick;
}

std::string FieldText(const Record& record, const std::string& id) {
  for (const auto& [fid, f] : record.fields)
    if (fid == id && f.value.is_string()) return f.value.get<std::string>();
  return {};
}

}  // namespace

void ReadStamps(const FormTemplate& form, std::vector<AnalyzedPage>& pages, ocr::OcrEngine& engine,
                const ReadOptions& options, Record& record) {
  for (const StampSpec& spec : form.stamps) {
    StampResult stamp;
    stamp.zone = spec.id;
    stamp.required = spec.required;
    const Pick pick = PickSeal(spec, pages);
    if (!pick.seal) {
      stamp.present = false;
      // Confidence that it is absent: lower on a grey page, where only shape can be seen.
      stamp.confidence = pages.back().image.has_color() ? 0.9 : 0.6;
      record.stamps.push_back(std::move(stamp));
      continue;
    }
    const ocr::SealCandidate& seal = *pick.seal;
    const AnalyzedPage& page = *pick.page;
    stamp.present = true;
    stamp.page = page.image.page;
    stamp.bbox = seal.bbox;
    stamp.color = seal.color;
    stamp.confidence = seal.confidence * (pick.misplaced ? 0.7 : 1.0);
    const cv::Mat& source = page.image.has_color() ? page.image.color : page.image.gray;
    if (!source.empty()) {
      const int pad = seal.bbox.width / 10;
      const cv::Rect area =
          cv::Rect(seal.bbox.x - pad, seal.bbox.y - pad, seal.bbox.width + 2 * pad, seal.bbox.height + 2 * pad) &
          cv::Rect(0, 0, source.cols, source.rows);
      stamp.crop = options.crop_prefix + "/" + spec.id + ".png";
      record.crops.push_back({stamp.crop, source(area).clone()});
      ReadSealOwner(page, seal, FieldText(record, spec.owner_field), spec.owner_kinds, engine, stamp, record);
    }
    if (pick.misplaced)
      record.validation.push_back({"warning", spec.id, "seal-place", "印章不在应盖章位置，请核对"});
    record.stamps.push_back(std::move(stamp));
  }
}

}  // namespace shenbao::extract
