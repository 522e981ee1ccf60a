#include "documents/picture_png.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cmath>

namespace srm::documents {

namespace {

using exports::Anchor;
using exports::Shape;

void SetColor(cairo_t* cr, uint32_t c, double alpha = 1) {
  cairo_set_source_rgba(cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0, alpha);
}

// Fills and strokes the current path as the shape asks.
void Paint(cairo_t* cr, const Shape& s) {
  if (s.fill) {
    SetColor(cr, *s.fill, s.fill_opacity);
    cairo_fill_preserve(cr);
  }
  if (s.stroke) {
    SetColor(cr, *s.stroke);
    cairo_set_line_width(cr, s.stroke_width);
    cairo_stroke_preserve(cr);
  }
  cairo_new_path(cr);
}

void Text(cairo_t* cr, const Shape& s) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* fd = pango_font_description_new();
  pango_font_description_set_family_static(fd, "DejaVu Sans");
  // The picture's sizes are CSS pixels, as in the SVG; Pango's absolute size is in device units.
  pango_font_description_set_absolute_size(fd, s.font_size * PANGO_SCALE);
  pango_font_description_set_weight(fd, s.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, fd);
  pango_font_description_free(fd);
  pango_layout_set_text(layout, s.text.c_str(), static_cast<int>(s.text.size()));
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  const double width = static_cast<double>(logical.width) / PANGO_SCALE;
  const double baseline = static_cast<double>(pango_layout_get_baseline(layout)) / PANGO_SCALE;
  const double x = s.anchor == Anchor::kStart ? s.x : s.anchor == Anchor::kMiddle ? s.x - width / 2 : s.x - width;
  SetColor(cr, s.fill.value_or(0x000000));
  cairo_move_to(cr, x, s.y - baseline);
  pango_cairo_show_layout(cr, layout);
  g_object_unref(layout);
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> PicturePng(const exports::Picture& p, double scale) {
  if (!(scale >= 0.5 && scale <= 4)) return Invalid("out_of_range", "scale must be 0.5-4", "scale");
  if (p.width <= 0 || p.height <= 0) return Internal("empty picture");
  const int w = static_cast<int>(std::lround(p.width * scale)), h = static_cast<int>(std::lround(p.height * scale));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, scale, scale);
  SetColor(cr, p.background);
  cairo_paint(cr);
  for (const Shape& s : p.shapes) {
    cairo_save(cr);
    if (s.clipped && p.clip) {
      cairo_rectangle(cr, p.clip->x, p.clip->y, p.clip->w, p.clip->h);
      cairo_clip(cr);
    }
    switch (s.kind) {
      case Shape::Kind::kRect:
        cairo_rectangle(cr, s.x, s.y, s.w, s.h);
        Paint(cr, s);
        break;
      case Shape::Kind::kCircle:
        cairo_new_sub_path(cr);
        cairo_arc(cr, s.x, s.y, s.w, 0, 2 * M_PI);
        Paint(cr, s);
        break;
      case Shape::Kind::kPath:
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        for (const auto& ring : s.rings) {
          for (size_t i = 0; i < ring.size(); ++i)
            (i == 0 ? cairo_move_to : cairo_line_to)(cr, ring[i].x, ring[i].y);
          if (s.closed && !ring.empty()) cairo_close_path(cr);
        }
        if (!s.closed) {
          Shape line = s;
          line.fill.reset();  // an open line is only stroked
          Paint(cr, line);
        } else {
          Paint(cr, s);
        }
        break;
      case Shape::Kind::kText:
        Text(cr, s);
        break;
    }
    cairo_restore(cr);
  }
  cairo_destroy(cr);
  std::string png;
  const cairo_status_t st = cairo_surface_write_to_png_stream(surface, Append, &png);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) return Internal(std::string("PNG: ") + cairo_status_to_string(st));
  return png;
}

}  // namespace srm::documents
