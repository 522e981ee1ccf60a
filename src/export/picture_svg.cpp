#include <cmath>
#include <cstdio>

#include "export/heatmap_svg.h"
#include "export/picture.h"

namespace srm::exports {

namespace {

std::string Num(double v) {
  if (std::abs(v - std::round(v)) < 1e-9) return std::to_string(static_cast<long long>(std::llround(v)));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string Color(std::optional<uint32_t> c) {
  if (!c) return "none";
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%06x", *c & 0xFFFFFFu);
  return buf;
}

std::string Paint(const Shape& s) {
  std::string a = " fill=\"" + Color(s.fill) + "\"";
  if (s.fill && s.fill_opacity < 1) a += " fill-opacity=\"" + Num(s.fill_opacity) + "\"";
  if (s.stroke) a += " stroke=\"" + Color(s.stroke) + "\" stroke-width=\"" + Num(s.stroke_width) + "\"";
  return a;
}

std::string Extras(const Shape& s) {
  std::string a;
  if (!s.css_class.empty()) a += " class=\"" + XmlEscape(s.css_class) + "\"";
  for (const auto& [k, v] : s.data) a += " data-" + XmlEscape(k) + "=\"" + XmlEscape(v) + "\"";
  if (s.clipped) a += " clip-path=\"url(#frame)\"";
  return a;
}

std::string PathData(const Shape& s) {
  std::string d;
  for (const auto& ring : s.rings) {
    for (size_t i = 0; i < ring.size(); ++i) d += (i == 0 ? "M" : "L") + Num(ring[i].x) + " " + Num(ring[i].y) + " ";
    if (s.closed && !ring.empty()) d += "Z ";
  }
  if (!d.empty()) d.pop_back();
  return d;
}

}  // namespace

std::string PictureSvg(const Picture& p) {
  std::string s;
  s.reserve(32 << 10);
  const std::string w = std::to_string(p.width), h = std::to_string(p.height);
  s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
       "\" font-family=\"DejaVu Sans, Noto Sans, Arial, sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"" +
       XmlEscape(p.title) + "\">\n";
  s += "<title>" + XmlEscape(p.title) + "</title>\n";
  if (p.clip)
    s += "<defs><clipPath id=\"frame\"><rect x=\"" + Num(p.clip->x) + "\" y=\"" + Num(p.clip->y) + "\" width=\"" +
         Num(p.clip->w) + "\" height=\"" + Num(p.clip->h) + "\"/></clipPath></defs>\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"" + Color(p.background) + "\"/>\n";
  for (const Shape& sh : p.shapes) {
    const std::string tip = sh.tooltip.empty() ? "" : "<title>" + XmlEscape(sh.tooltip) + "</title>";
    switch (sh.kind) {
      case Shape::Kind::kRect:
        s += "<rect x=\"" + Num(sh.x) + "\" y=\"" + Num(sh.y) + "\" width=\"" + Num(sh.w) + "\" height=\"" + Num(sh.h) + "\"" +
             Paint(sh) + Extras(sh);
        break;
      case Shape::Kind::kCircle:
        s += "<circle cx=\"" + Num(sh.x) + "\" cy=\"" + Num(sh.y) + "\" r=\"" + Num(sh.w) + "\"" + Paint(sh) + Extras(sh);
        break;
      case Shape::Kind::kPath:
        if (sh.rings.empty()) continue;
        s += "<path d=\"" + PathData(sh) + "\" fill-rule=\"evenodd\" stroke-linejoin=\"round\"" + Paint(sh) + Extras(sh);
        break;
      case Shape::Kind::kText: {
        const char* anchor = sh.anchor == Anchor::kStart ? "start" : sh.anchor == Anchor::kMiddle ? "middle" : "end";
        s += "<text x=\"" + Num(sh.x) + "\" y=\"" + Num(sh.y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" +
             Num(sh.font_size) + "\"" + (sh.bold ? " font-weight=\"bold\"" : "") + " fill=\"" + Color(sh.fill) + "\"" +
             Extras(sh) + ">" + tip + XmlEscape(sh.text) + "</text>\n";
        continue;
      }
    }
    s += tip.empty() ? "/>\n" : ">" + tip + "</" + (sh.kind == Shape::Kind::kRect ? "rect" : sh.kind == Shape::Kind::kCircle ? "circle" : "path") + ">\n";
  }
  s += "</svg>\n";
  return s;
}

}  // namespace srm::exports
