#include "ocr/pdf_scan_image.h"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <spdlog/spdlog.h>

namespace shenbao::ocr {
namespace {

// A PDF transformation matrix [a b c d e f] (row-vector convention of the spec).
struct Matrix {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
  // `m` applied first, then this: the CTM after a `cm` operator is m × CTM.
  Matrix After(const Matrix& m) const {
    return {m.a * a + m.b * c, m.a * b + m.b * d, m.c * a + m.d * c,
            m.c * b + m.d * d, m.e * a + m.f * c + e, m.e * b + m.f * d + f};
  }
};

// Walks a page's content stream and accepts only `q Q cm Do`: the picture of a
// page that draws one XObject and nothing else.
class OneXObjectContent : public QPDFObjectHandle::ParserCallbacks {
 public:
  void handleObject(QPDFObjectHandle object) override {
    if (!object.isOperator()) {
      operands_.push_back(object);
      return;
    }
    const std::string op = object.getOperatorValue();
    if (op == "q") {
      saved_.push_back(ctm_);
    } else if (op == "Q") {
      if (saved_.empty()) return Reject();
      ctm_ = saved_.back();
      saved_.pop_back();
    } else if (op == "cm" && operands_.size() == 6) {
      double v[6];
      for (int i = 0; i < 6; ++i) {
        if (!operands_[i].isNumber()) return Reject();
        v[i] = operands_[i].getNumericValue();
      }
      ctm_ = ctm_.After({v[0], v[1], v[2], v[3], v[4], v[5]});
    } else if (op == "Do" && operands_.size() == 1 && operands_[0].isName() && !name_) {
      name_ = operands_[0].getName();
      placement_ = ctm_;
    } else {
      return Reject();  // text, paths, a second image, inline images, colour changes…
    }
    operands_.clear();
  }
  void handleEOF() override {}

  // The XObject's name and where it is drawn, when the content was only that.
  std::optional<std::pair<std::string, Matrix>> Drawn() const {
    if (rejected_ || !name_) return std::nullopt;
    return std::make_pair(*name_, placement_);
  }

 private:
  void Reject() {
    rejected_ = true;
    terminateParsing();
  }
  std::vector<QPDFObjectHandle> operands_;
  std::vector<Matrix> saved_;
  Matrix ctm_, placement_;
  std::optional<std::string> name_;
  bool rejected_ = false;
};

// Channels of a JPEG image whose colours Poppler would show unchanged; 0 for any
// other colour space (CMYK, Lab, Indexed…), which Poppler converts its own way.
int PlainChannels(QPDFObjectHandle color_space) {
  if (color_space.isName()) {
    if (color_space.getName() == "/DeviceRGB") return 3;
    if (color_space.getName() == "/DeviceGray") return 1;
    return 0;
  }
  if (color_space.isArray() && color_space.getArrayNItems() == 2 && color_space.getArrayItem(0).isName() &&
      color_space.getArrayItem(0).getName() == "/ICCBased" && color_space.getArrayItem(1).isStream()) {
    QPDFObjectHandle n = color_space.getArrayItem(1).getDict().getKey("/N");
    if (n.isInteger() && (n.getIntValue() == 3 || n.getIntValue() == 1)) return static_cast<int>(n.getIntValue());
  }
  return 0;
}

bool IsPlainJpeg(QPDFObjectHandle dict) {
  QPDFObjectHandle filter = dict.getKey("/Filter");
  if (filter.isArray() && filter.getArrayNItems() == 1) filter = filter.getArrayItem(0);
  if (!filter.isName() || filter.getName() != "/DCTDecode") return false;
  QPDFObjectHandle params = dict.getKey("/DecodeParms");
  if (params.isArray() && params.getArrayNItems() == 1) params = params.getArrayItem(0);
  const bool no_params = params.isNull() || (params.isDictionary() && params.getKeys().empty());
  QPDFObjectHandle bits = dict.getKey("/BitsPerComponent");
  QPDFObjectHandle image_mask = dict.getKey("/ImageMask");
  return no_params && bits.isInteger() && bits.getIntValue() == 8 && !dict.hasKey("/SMask") &&
         !dict.hasKey("/Mask") && !dict.hasKey("/Decode") && !(image_mask.isBool() && image_mask.getBoolValue());
}

// True when the image drawn by `m` covers `box` (llx lly urx ury) upright, to
// within half a point: a scan placed over the whole page.
bool CoversPage(const Matrix& m, QPDFObjectHandle box) {
  if (!box.isArray() || box.getArrayNItems() != 4) return false;
  double v[4];
  for (int i = 0; i < 4; ++i) {
    if (!box.getArrayItem(i).isNumber()) return false;
    v[i] = box.getArrayItem(i).getNumericValue();
  }
  const double x0 = std::min(v[0], v[2]), x1 = std::max(v[0], v[2]);
  const double y0 = std::min(v[1], v[3]), y1 = std::max(v[1], v[3]);
  constexpr double kTolerance = 0.5;  // points
  return std::abs(m.b) < 1e-6 && std::abs(m.c) < 1e-6 && m.a > 0 && m.d > 0 &&
         std::abs(m.e - x0) < kTolerance && std::abs(m.f - y0) < kTolerance &&
         std::abs(m.e + m.a - x1) < kTolerance && std::abs(m.f + m.d - y1) < kTolerance;
}

}  // namespace

struct ScannedPdfPages::Impl {
  QPDF pdf;
  std::vector<QPDFPageObjectHelper> pages;
};

ScannedPdfPages::ScannedPdfPages(const std::filesystem::path& path) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->pdf.setSuppressWarnings(true);
    impl->pdf.processFile(path.c_str());
    if (impl->pdf.isEncrypted()) return;  // Poppler decrypts, or says it cannot
    // Warnings on opening are about the file's bookkeeping (pdfunite writes a wrong
    // /Size); Poppler has opened the file too. What counts is each image's own
    // stream, checked where it is read.
    for (const QPDFExc& warning : impl->pdf.getWarnings()) spdlog::debug("{}: qpdf: {}", path.string(), warning.what());
    impl->pages = QPDFPageDocumentHelper(impl->pdf).getAllPages();
    impl_ = std::move(impl);
  } catch (const std::exception& e) {
    spdlog::debug("{}: qpdf cannot parse it ({}); Poppler renders every page", path.string(), e.what());
  }
}

ScannedPdfPages::~ScannedPdfPages() = default;

ScannedPdfPages::Page ScannedPdfPages::Decode(int index) const {
  if (!impl_ || index < 0 || index >= static_cast<int>(impl_->pages.size())) return {};
  try {
    QPDFPageObjectHelper page = impl_->pages[index];
    QPDFObjectHandle page_dict = page.getObjectHandle();
    QPDFObjectHandle annots = page_dict.getKey("/Annots");
    if ((annots.isArray() && annots.getArrayNItems() > 0) || page_dict.hasKey("/UserUnit")) return {};
    OneXObjectContent content;
    page.parseContents(&content);
    const auto drawn = content.Drawn();
    if (!drawn) return {};
    const auto images = page.getImages();
    const auto image = images.find(drawn->first);
    if (image == images.end() || !CoversPage(drawn->second, page.getCropBox())) return {};
    QPDFObjectHandle stream = image->second;
    QPDFObjectHandle dict = stream.getDict();
    const int channels = PlainChannels(dict.getKey("/ColorSpace"));
    if (channels == 0 || !IsPlainJpeg(dict)) return {};

    std::shared_ptr<Buffer> jpeg = stream.getRawStreamData();
    if (impl_->pdf.anyWarnings()) {  // the image or its page needed repair: Poppler's reading is the one to trust
      impl_->pdf.getWarnings();
      return {};
    }
    const cv::Mat bytes(1, static_cast<int>(jpeg->getSize()), CV_8U, jpeg->getBuffer());
    // No EXIF turning: Poppler shows the JPEG's rows as stored.
    cv::Mat pixels = cv::imdecode(bytes, cv::IMREAD_ANYCOLOR | cv::IMREAD_IGNORE_ORIENTATION);
    QPDFObjectHandle width = dict.getKey("/Width"), height = dict.getKey("/Height");
    if (pixels.empty() || pixels.channels() != channels || !width.isInteger() || !height.isInteger() ||
        pixels.cols != width.getIntValue() || pixels.rows != height.getIntValue()) {
      return {};
    }
    QPDFObjectHandle rotate = page.getAttribute("/Rotate", false);
    const int degrees = rotate.isInteger() ? static_cast<int>(((rotate.getIntValue() % 360) + 360) % 360) : 0;
    if (degrees % 90 != 0) return {};
    if (degrees == 90) cv::rotate(pixels, pixels, cv::ROTATE_90_CLOCKWISE);
    if (degrees == 180) cv::rotate(pixels, pixels, cv::ROTATE_180);
    if (degrees == 270) cv::rotate(pixels, pixels, cv::ROTATE_90_COUNTERCLOCKWISE);
    const bool turned = degrees == 90 || degrees == 270;
    return {pixels, turned ? drawn->second.d : drawn->second.a, turned ? drawn->second.a : drawn->second.d};
  } catch (const std::exception& e) {
    spdlog::debug("page {}: not read as a scan ({}); Poppler renders it", index + 1, e.what());
    return {};
  }
}

}  // namespace shenbao::ocr
