// `label-cell` stamp zones of a key–value form: a （盖章） block's seal sits over its
// signature and date, at the end of the label's value cell.
#include <algorithm>
#include <optional>

#include "extract/kv_labels.h"
#include "extract/kv_parts.h"
#include "extract/seal_owner.h"

namespace shenbao::extract {
namespace {

// A zone whose cells could not be found or hold no seal, while a seal between
// its neighbours' seals went to no zone (the cell lost to a misread label or a
// page break): the blocks follow the template's order down the pages, so that
// seal is this zone's.
void AssignLeftoverSeals(const std::vector<const AnalyzedPage*>& pages, std::vector<const ocr::SealCandidate*>& best,
                         std::vector<const AnalyzedPage*>& best_page) {
  struct Placed {
    int page;
    float y;
    const ocr::SealCandidate* seal;
    const AnalyzedPage* on;
  };
  auto place = [&](const AnalyzedPage* on, const ocr::SealCandidate* s) {
    const int index = static_cast<int>(std::find(pages.begin(), pages.end(), on) - pages.begin());
    return Placed{index, s->center.y, s, on};
  };
  auto before = [](const Placed& a, const Placed& b) { return a.page < b.page || (a.page == b.page && a.y < b.y); };
  std::vector<Placed> leftover;
  for (const AnalyzedPage* on : pages)
    for (const auto& s : on->seals)
      if (std::find(best.begin(), best.end(), &s) == best.end()) leftover.push_back(place(on, &s));
  std::sort(leftover.begin(), leftover.end(), before);
  for (size_t z = 0; z < best.size(); ++z) {
    if (best[z]) continue;
    std::optional<Placed> low, high;
    for (size_t k = z; k-- > 0;)
      if (best[k]) { low = place(best_page[k], best[k]); break; }
    for (size_t k = z + 1; k < best.size() && !high; ++k)
      if (best[k]) high = place(best_page[k], best[k]);
    for (auto it = leftover.begin(); it != leftover.end(); ++it) {
      if ((low && !before(*low, *it)) || (high && !before(*it, *high))) continue;
      best[z] = it->seal, best_page[z] = it->on;
      leftover.erase(it);
      break;
    }
  }
}

void FillStamp(const StampSpec& spec, const AnalyzedPage& page, const ocr::SealCandidate& seal,
               ocr::OcrEngine& engine, const ReadOptions& options, Record& record, StampResult& stamp) {
  stamp.present = true;
  stamp.page = page.image.page;
  stamp.bbox = seal.bbox;
  stamp.color = seal.color;
  stamp.confidence = seal.confidence;
  const cv::Mat& source = page.image.has_color() ? page.image.color : page.image.gray;
  if (source.empty()) return;
  const int pad = seal.bbox.width / 10;
  const cv::Rect area = cv::Rect(seal.bbox.x - pad, seal.bbox.y - pad, seal.bbox.width + 2 * pad,
                                 seal.bbox.height + 2 * pad) & cv::Rect(0, 0, source.cols, source.rows);
  stamp.crop = options.crop_prefix + "/" + spec.id + ".png";
  record.crops.push_back({stamp.crop, source(area).clone()});
  // The seal's arc text against the unit the form names.
  std::string owner;
  for (const auto& [id, f] : record.fields)
    if (id == spec.owner_field && f.value.is_string()) owner = f.value.get<std::string>();
  ReadSealOwner(page, seal, owner, spec.owner_kinds, engine, stamp, record);
}

}  // namespace

// The seal can reach out of the block's cell, which may run on over the next page,
// and the seal of the block below can touch it. So each seal goes to the zone whose
// cells hold most of it (a quarter at least, or its centre).
void ReadKvStampZones(const FormTemplate& form, const std::vector<KvCell>& cells, ocr::OcrEngine& engine,
                      const ReadOptions& options, Record& record) {
  std::vector<const StampSpec*> specs;
  std::vector<std::vector<int>> zone_cells;
  for (const StampSpec& spec : form.stamps) {
    if (spec.place != StampPlace::kLabelCell) continue;
    specs.push_back(&spec);
    const int label = FindLabelCell(form.fields, cells, spec.labels, 0, /*first_only=*/false);
    const int value = label >= 0 ? ValueCell(cells, label, ValueAt::kAuto) : -1;
    std::vector<int> zone;
    if (value >= 0) {
      zone.push_back(value);
      for (int c : Continuations(cells, value)) zone.push_back(c);
    }
    zone_cells.push_back(std::move(zone));
  }
  std::vector<const ocr::SealCandidate*> best(specs.size(), nullptr);
  std::vector<const AnalyzedPage*> best_page(specs.size(), nullptr);
  std::vector<const AnalyzedPage*> pages;
  for (const KvCell& c : cells)
    if (std::find(pages.begin(), pages.end(), c.page) == pages.end()) pages.push_back(c.page);
  for (const AnalyzedPage* page_of_cells : pages)
    for (const auto& s : page_of_cells->seals) {
      const AnalyzedPage& page = *page_of_cells;
      const cv::Point center(static_cast<int>(s.center.x), static_cast<int>(s.center.y));
      int zone = -1;
      double zone_score = 0;
      for (size_t z = 0; z < specs.size(); ++z) {
        double share = 0;
        bool centred = false;
        for (int c : zone_cells[z]) {
          if (cells[c].page != &page) continue;
          share += static_cast<double>((s.bbox & cells[c].box).area()) / std::max(1, s.bbox.area());
          centred = centred || cells[c].box.contains(center);
        }
        const double score = share + (centred ? 0.5 : 0);
        if ((share >= 0.25 || centred) && score > zone_score) zone = static_cast<int>(z), zone_score = score;
      }
      if (zone >= 0 && (!best[zone] || s.confidence > best[zone]->confidence)) best[zone] = &s, best_page[zone] = &page;
    }
  AssignLeftoverSeals(pages, best, best_page);
  for (size_t z = 0; z < specs.size(); ++z) {
    StampResult stamp;
    stamp.zone = specs[z]->id;
    stamp.required = specs[z]->required;
    if (!best[z]) {
      stamp.present = false;
      stamp.confidence = zone_cells[z].empty() ? 0.5 : 0.9;
    } else {
      FillStamp(*specs[z], *best_page[z], *best[z], engine, options, record, stamp);
    }
    record.stamps.push_back(std::move(stamp));
  }
}

}  // namespace shenbao::extract
