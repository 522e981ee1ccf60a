#include "export/heatmap_svg.h"

#include <cstdio>

#include "domain/level_colors.h"

namespace srm::exports {

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters other than tab/newline are not allowed in XML 1.0.
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') continue;
        out += ch;
    }
  }
  return out;
}

namespace {
std::string Hex(uint32_t rgb) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%06x", rgb & 0xFFFFFFu);
  return buf;
}
// The layout both the SVG and the picture (PNG) use.
constexpr int kN = domain::kScaleSize;
constexpr int kCellW = 96, kCellH = 56, kLeft = 150, kTop = 48, kBottom = 64, kRight = 16;
constexpr int kWidth = kLeft + kN * kCellW + kRight, kHeight = kTop + kN * kCellH + kBottom;
}  // namespace

std::string HeatmapSvg(const domain::MethodPack& m, const std::vector<std::pair<int, int>>& ratings,
                       const HeatmapText& text) {
  const int width = kWidth, height = kHeight;
  int count[kN][kN] = {};
  for (const auto& [l, i] : ratings)
    if (l >= 0 && l < kN && i >= 0 && i < kN) ++count[l][i];
  const bool rtl = text.right_to_left;
  // Column of impact i, counted from the reading side (the right in Arabic).
  auto col_x = [&](int i) { return rtl ? kRight + (kN - 1 - i) * kCellW : kLeft + i * kCellW; };
  const int label_x = rtl ? width - kLeft + 8 : 8;  // where the likelihood names start
  std::string s;
  s.reserve(16 << 10);
  s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" +
       std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) + "\"";
  s += rtl ? " direction=\"rtl\"" : "";
  s += " font-family=\"DejaVu Sans, Noto Sans, Arial, sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"" +
       XmlEscape(text.title) + "\">\n";
  s += "<title>" + XmlEscape(text.title) + "</title>\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  s += "<text x=\"" + std::to_string(width / 2) + "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">" +
       XmlEscape(text.title) + "</text>\n";
  for (int row = 0; row < kN; ++row) {
    const int l = kN - 1 - row;  // highest likelihood on top
    const int y = kTop + row * kCellH;
    s += "<text x=\"" + std::to_string(rtl ? width - 8 : label_x) + "\" y=\"" + std::to_string(y + kCellH / 2 + 4) +
         "\" text-anchor=\"start\">" + XmlEscape(text.likelihoods[l]) + "</text>\n";
    for (int i = 0; i < kN; ++i) {
      const int level = domain::RiskIndex(m, l, i);
      const domain::LevelColor c = domain::LevelColorOf(level);
      const int x = col_x(i);
      s += "<g class=\"cell\" data-likelihood=\"" + XmlEscape(m.likelihoods[l]) + "\" data-impact=\"" +
           XmlEscape(m.impacts[i]) + "\" data-level=\"" + XmlEscape(m.risk_levels[level]) + "\" data-count=\"" +
           std::to_string(count[l][i]) + "\">";
      s += "<title>" + XmlEscape(text.levels[level]) + " — " + XmlEscape(text.likelihoods[l]) + " × " +
           XmlEscape(text.impacts[i]) + ": " + std::to_string(count[l][i]) + "</title>";
      s += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(kCellW) +
           "\" height=\"" + std::to_string(kCellH) + "\" fill=\"" + Hex(c.fill) + "\" stroke=\"#ffffff\" stroke-width=\"2\"/>";
      if (count[l][i] > 0)
        s += "<text x=\"" + std::to_string(x + kCellW / 2) + "\" y=\"" + std::to_string(y + kCellH / 2 + 7) +
             "\" text-anchor=\"middle\" font-size=\"20\" font-weight=\"bold\" fill=\"" + Hex(c.text) + "\">" +
             std::to_string(count[l][i]) + "</text>";
      s += "</g>\n";
    }
  }
  const int axis_y = kTop + kN * kCellH;
  for (int i = 0; i < kN; ++i)
    s += "<text x=\"" + std::to_string(col_x(i) + kCellW / 2) + "\" y=\"" + std::to_string(axis_y + 18) +
         "\" text-anchor=\"middle\">" + XmlEscape(text.impacts[i]) + "</text>\n";
  const int grid_mid = (rtl ? kRight : kLeft) + kN * kCellW / 2;
  s += "<text x=\"" + std::to_string(grid_mid) + "\" y=\"" + std::to_string(axis_y + 44) +
       "\" text-anchor=\"middle\" font-weight=\"bold\">" + XmlEscape(text.impact_axis) + "</text>\n";
  s += "<text x=\"" + std::to_string(rtl ? width - 8 : 8) + "\" y=\"" + std::to_string(kTop - 8) +
       "\" text-anchor=\"start\" font-weight=\"bold\">" + XmlEscape(text.likelihood_axis) + "</text>\n";
  s += "</svg>\n";
  return s;
}

Picture HeatmapPicture(const domain::MethodPack& m, const std::vector<std::pair<int, int>>& ratings,
                       const HeatmapText& text) {
  int count[kN][kN] = {};
  for (const auto& [l, i] : ratings)
    if (l >= 0 && l < kN && i >= 0 && i < kN) ++count[l][i];
  const bool rtl = text.right_to_left;
  auto col_x = [&](int i) { return rtl ? kRight + (kN - 1 - i) * kCellW : kLeft + i * kCellW; };
  // Where HeatmapSvg starts a text with text-anchor="start" under direction="rtl", the right end.
  const Anchor start = rtl ? Anchor::kEnd : Anchor::kStart;
  Picture p;
  p.width = kWidth;
  p.height = kHeight;
  p.title = text.title;
  p.Add(TextShape(kWidth / 2.0, 22, text.title, 15, Anchor::kMiddle, true));
  for (int row = 0; row < kN; ++row) {
    const int l = kN - 1 - row;
    const int y = kTop + row * kCellH;
    p.Add(TextShape(rtl ? kWidth - 8 : 8, y + kCellH / 2 + 4, text.likelihoods[l], 12, start));
    for (int i = 0; i < kN; ++i) {
      const int level = domain::RiskIndex(m, l, i);
      const domain::LevelColor c = domain::LevelColorOf(level);
      const int x = col_x(i);
      Shape& cell = p.Add(RectShape(x, y, kCellW, kCellH, c.fill, 0xffffff, 2));
      cell.css_class = "cell";
      cell.data = {{"likelihood", m.likelihoods[l]}, {"impact", m.impacts[i]}, {"level", m.risk_levels[level]},
                   {"count", std::to_string(count[l][i])}};
      if (count[l][i] > 0)
        p.Add(TextShape(x + kCellW / 2.0, y + kCellH / 2 + 7, std::to_string(count[l][i]), 20, Anchor::kMiddle, true, c.text));
    }
  }
  const int axis_y = kTop + kN * kCellH;
  for (int i = 0; i < kN; ++i) p.Add(TextShape(col_x(i) + kCellW / 2.0, axis_y + 18, text.impacts[i], 12, Anchor::kMiddle));
  p.Add(TextShape((rtl ? kRight : kLeft) + kN * kCellW / 2.0, axis_y + 44, text.impact_axis, 12, Anchor::kMiddle, true));
  p.Add(TextShape(rtl ? kWidth - 8 : 8, kTop - 8, text.likelihood_axis, 12, start, true));
  return p;
}

}  // namespace srm::exports
