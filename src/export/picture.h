// A drawing described once and written twice (issue 17): as SVG text here (picture_svg.cpp, no
// Cairo) and as PNG by Cairo + Pango (documents/picture_png.h). The slides' images — the area map,
// the heatmap's PNG — are built as a Picture so the two formats cannot drift apart. Coordinates in
// CSS pixels, origin top left; text anchors are absolute (kStart = the left end), the bidirectional
// ordering of the words themselves is left to the renderer (browsers, Pango).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace srm::exports {

struct Point {
  double x = 0, y = 0;
};

enum class Anchor { kStart, kMiddle, kEnd };

struct Shape {
  enum class Kind { kRect, kPath, kCircle, kText };
  Kind kind = Kind::kRect;
  double x = 0, y = 0, w = 0, h = 0;  // rect: corner and size; circle: centre (x, y) and radius w; text: anchor, baseline
  std::vector<std::vector<Point>> rings;  // path: rings (filled even-odd: holes are holes)
  bool closed = true;                     // path: rings closed (an area) or open (a line)
  std::optional<uint32_t> fill = 0x000000, stroke;  // 0xRRGGBB; nullopt = none
  double fill_opacity = 1, stroke_width = 1;
  // Text.
  std::string text;
  double font_size = 12;
  bool bold = false;
  Anchor anchor = Anchor::kStart;
  // Drawn only inside the picture's clip rectangle (the map frame).
  bool clipped = false;
  // SVG only: class, data-* attributes (name without "data-") and a tooltip (<title>).
  std::string css_class, tooltip;
  std::vector<std::pair<std::string, std::string>> data;
};

struct Picture {
  int width = 0, height = 0;
  std::string title;  // the accessible name (SVG <title>, PNG metadata is not written)
  uint32_t background = 0xffffff;
  struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
  };
  std::optional<Rect> clip;  // where the shapes marked `clipped` may draw
  std::vector<Shape> shapes;  // painted in order

  Shape& Add(Shape s) {
    shapes.push_back(std::move(s));
    return shapes.back();
  }
};

// Shorthands for building pictures.
inline Shape RectShape(double x, double y, double w, double h, std::optional<uint32_t> fill,
                       std::optional<uint32_t> stroke = std::nullopt, double stroke_width = 1) {
  Shape s;
  s.kind = Shape::Kind::kRect;
  s.x = x, s.y = y, s.w = w, s.h = h, s.fill = fill, s.stroke = stroke, s.stroke_width = stroke_width;
  return s;
}
inline Shape TextShape(double x, double y, std::string text, double size = 12, Anchor anchor = Anchor::kStart,
                       bool bold = false, uint32_t color = 0x111827) {
  Shape s;
  s.kind = Shape::Kind::kText;
  s.x = x, s.y = y, s.text = std::move(text), s.font_size = size, s.anchor = anchor, s.bold = bold, s.fill = color;
  return s;
}
inline Shape CircleShape(double cx, double cy, double r, std::optional<uint32_t> fill,
                         std::optional<uint32_t> stroke = std::nullopt, double stroke_width = 1) {
  Shape s;
  s.kind = Shape::Kind::kCircle;
  s.x = cx, s.y = cy, s.w = r, s.fill = fill, s.stroke = stroke, s.stroke_width = stroke_width;
  return s;
}

// The picture as a standalone SVG document (UTF-8, XML-escaped text).
std::string PictureSvg(const Picture& p);

}  // namespace srm::exports
