#include "documents/pdf_flow.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdio>

namespace srm::documents {

namespace {

// DejaVu Sans (fonts-dejavu-core) covers Latin and Arabic; fontconfig falls back for anything else.
constexpr const char* kFontFamily = "DejaVu Sans";
constexpr Rgb kMarkingColor{0.62, 0.07, 0.07};
constexpr Rgb kGrey{0.35, 0.35, 0.35};
constexpr Rgb kRule{0.75, 0.75, 0.75};
constexpr Rgb kHeaderFill{0.90, 0.92, 0.95};

double Pt(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }

void SetColor(cairo_t* cr, const Rgb& c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

std::string Replace(std::string s, const std::string& token, const std::string& value) {
  if (size_t p = s.find(token); p != std::string::npos) s.replace(p, token.size(), value);
  return s;
}

}  // namespace

TextLayouts::TextLayouts(bool rtl) : rtl_(rtl) {
  // The thread's own font map: fontconfig's set is loaded once per thread, not once per document.
  PangoFontMap* map = pango_cairo_font_map_get_default();
  pango_ = pango_font_map_create_context(map);
  // Metrics as the PDF will have them: no hinting to a pixel grid.
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango_, fo);
  cairo_font_options_destroy(fo);
  pango_context_set_base_dir(pango_, rtl_ ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
}

TextLayouts::~TextLayouts() {
  for (auto& [key, layout] : cache_) g_object_unref(layout);
  g_object_unref(pango_);
}

void TextLayouts::Attach(cairo_t* cr) { pango_cairo_update_context(cr, pango_); }

PangoLayout* TextLayouts::Get(const std::string& text, const TextStyle& style, double width, Align align) {
  char params[64];
  std::snprintf(params, sizeof params, "\x1f%.2f/%d%d/%.2f/%d", style.size, style.bold, style.italic, width,
                static_cast<int>(align));
  std::string key = text + params;
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  PangoLayout* l = pango_layout_new(pango_);
  PangoFontDescription* fd = pango_font_description_new();
  pango_font_description_set_family_static(fd, kFontFamily);
  pango_font_description_set_size(fd, static_cast<int>(style.size * PANGO_SCALE));
  pango_font_description_set_weight(fd, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  if (style.italic) pango_font_description_set_style(fd, PANGO_STYLE_OBLIQUE);
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);
  // Every paragraph takes the document's direction (an English title in an Arabic document is still
  // set right to left as a paragraph); the bidi algorithm orders the runs inside it.
  pango_layout_set_auto_dir(l, FALSE);
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  if (width > 0) pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
  // Pango mirrors LEFT and RIGHT only for paragraphs whose direction it guessed (auto_dir), so the
  // start of a right-to-left document is said here.
  const bool right = align == Align::kEnd ? !rtl_ : rtl_;
  pango_layout_set_alignment(l, align == Align::kCenter ? PANGO_ALIGN_CENTER : right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
  cache_.emplace(std::move(key), l);
  return l;
}

PdfFlow::PdfFlow(cairo_t* cr, PageDecor decor, TextLayouts& layouts, bool draw)
    : cr_(cr), decor_(std::move(decor)), layouts_(layouts), rtl_(layouts.Rtl()), draw_(draw) {
  layouts_.Attach(cr_);
}

PdfFlow::~PdfFlow() = default;

void PdfFlow::Begin() {
  page_ = 0;
  NewPage();
}

void PdfFlow::NewPage() {
  if (page_open_ && draw_) cairo_show_page(cr_);
  ++page_;
  y_ = kTop;
  page_open_ = true;
  Decorate();
}

void PdfFlow::Finish() {
  if (page_open_ && draw_) cairo_show_page(cr_);
  page_open_ = false;
}

void PdfFlow::Decorate() {
  if (!draw_) return;
  if (!decor_.draft_word.empty()) {
    // A watermark under the content, so a printed draft cannot pass for the approved document.
    cairo_save(cr_);
    cairo_translate(cr_, kPageWidth / 2, kPageHeight / 2);
    cairo_rotate(cr_, -0.9);
    PangoLayout* l = Layout(decor_.draft_word, {.size = 96, .bold = true}, 0, Align::kCenter);
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    cairo_set_source_rgba(cr_, 0.85, 0.2, 0.2, 0.13);
    cairo_move_to(cr_, -Pt(w) / 2, -Pt(h) / 2);
    pango_cairo_show_layout(cr_, l);
    cairo_restore(cr_);
  }
  std::string marking = decor_.marking;
  if (!decor_.draft_word.empty()) marking += "  \u2022  " + decor_.draft_word;
  const TextStyle mark{.size = 9, .bold = true, .color = kMarkingColor};
  TextAt(marking, Left(), 30, Width(), mark, Align::kCenter);
  SetColor(cr_, kRule);
  cairo_set_line_width(cr_, 0.5);
  cairo_move_to(cr_, Left(), 48);
  cairo_line_to(cr_, Left() + Width(), 48);
  cairo_move_to(cr_, Left(), kPageHeight - 52);
  cairo_line_to(cr_, Left() + Width(), kPageHeight - 52);
  cairo_stroke(cr_);
  const TextStyle small{.size = 7.5, .color = kGrey};
  const double fy = kPageHeight - 47;
  std::string number = Replace(decor_.page_label, "{n}", std::to_string(page_));
  if (decor_.total_pages > 0) number += " " + decor_.of_word + " " + std::to_string(decor_.total_pages);
  TextAt(decor_.generated, ColumnX(0, Width() * 0.7), fy, Width() * 0.7, small, Align::kStart);
  TextAt(number, ColumnX(Width() * 0.7, Width() * 0.3), fy, Width() * 0.3, small, Align::kEnd);
  TextAt(marking, Left(), kPageHeight - 34, Width(), mark, Align::kCenter);
}

void PdfFlow::Need(double h) {
  if (y_ + h > Bottom() && y_ > kTop) NewPage();
}

void PdfFlow::Space(double points) { y_ = std::min(y_ + points, Bottom()); }

double PdfFlow::TextAt(const std::string& text, double x, double y, double w, const TextStyle& style, Align align) {
  PangoLayout* l = Layout(text, style, w, align);
  int lw = 0, lh = 0;
  pango_layout_get_size(l, &lw, &lh);
  if (draw_) {
    SetColor(cr_, style.color);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
  }
  return Pt(lh);
}

Anchor PdfFlow::Heading(const std::string& text, int level) {
  const TextStyle style{.size = level == 1 ? 15.0 : level == 2 ? 11.5 : 10.0, .bold = true,
                        .color = level == 1 ? Rgb{0.05, 0.25, 0.5} : Rgb{}};
  PangoLayout* l = Layout(text, style, Width(), Align::kStart);
  int lw = 0, lh = 0;
  pango_layout_get_size(l, &lw, &lh);
  // Keep a heading with the start of what follows it.
  Need(Pt(lh) + 40);
  if (y_ > kTop) y_ += level == 1 ? 10 : 6;
  const Anchor at{page_, y_};
  if (draw_) {
    SetColor(cr_, style.color);
    cairo_move_to(cr_, Left(), y_);
    pango_cairo_show_layout(cr_, l);
  }
  y_ += Pt(lh) + (level == 1 ? 6 : 3);
  return at;
}

void PdfFlow::Paragraph(const std::string& text, const TextStyle& style, double space_after) {
  if (text.empty()) return;
  PangoLayout* l = Layout(text, style, Width(), Align::kStart);
  int lw = 0, lh = 0;
  pango_layout_get_size(l, &lw, &lh);
  if (y_ + Pt(lh) <= Bottom()) {
    if (draw_) {
      SetColor(cr_, style.color);
      cairo_move_to(cr_, Left(), y_);
      pango_cairo_show_layout(cr_, l);
    }
    y_ += Pt(lh);
  } else {
    // Longer than what is left of the page: line by line, continuing on the next pages.
    PangoLayoutIter* it = pango_layout_get_iter(l);
    double shift = y_;  // page y of the layout's top for the lines on this page
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      double top = shift + Pt(logical.y);
      if (top + Pt(logical.height) > Bottom() && top > kTop) {
        NewPage();
        shift = y_ - Pt(logical.y);
        top = y_;
      }
      if (draw_) {
        SetColor(cr_, style.color);
        cairo_move_to(cr_, Left() + Pt(logical.x), shift + Pt(pango_layout_iter_get_baseline(it)));
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      }
      y_ = top + Pt(logical.height);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }
  y_ += space_after;
}

void PdfFlow::Field(const std::string& label, const std::string& value) {
  const double label_w = Width() * 0.3;
  const TextStyle bold{.size = 9.5, .bold = true};
  PangoLayout* a = Layout(label, bold, label_w - 6, Align::kStart);
  PangoLayout* b = Layout(value, {}, Width() - label_w, Align::kStart);
  int w = 0, ha = 0, hb = 0;
  pango_layout_get_size(a, &w, &ha);
  pango_layout_get_size(b, &w, &hb);
  const double h = std::max(Pt(ha), Pt(hb));
  Need(h);
  if (draw_) {
    SetColor(cr_, {});
    cairo_move_to(cr_, ColumnX(0, label_w), y_);
    pango_cairo_show_layout(cr_, a);
    cairo_move_to(cr_, ColumnX(label_w, Width() - label_w), y_);
    pango_cairo_show_layout(cr_, b);
  }
  y_ += h + 3;
}

void PdfFlow::Table(const std::vector<double>& widths, const std::vector<TableCell>& header,
                    const std::vector<std::vector<TableCell>>& rows, double font_size) {
  constexpr double kPad = 3;
  std::vector<double> offsets, cols;
  double off = 0;
  for (double f : widths) {
    offsets.push_back(off);
    cols.push_back(f * Width());
    off += f * Width();
  }
  // Lays out one row; draws it at y_ when `paint`; returns its height.
  auto row_height_and_paint = [&](const std::vector<TableCell>& row, bool is_header, bool paint) {
    std::vector<PangoLayout*> cells;
    double h = 0;
    for (size_t i = 0; i < cols.size(); ++i) {
      const TableCell empty;
      const TableCell& c = i < row.size() ? row[i] : empty;
      PangoLayout* l = Layout(c.text, {.size = font_size, .bold = c.bold || is_header}, cols[i] - 2 * kPad,
                              Align::kStart);
      int w = 0, lh = 0;
      pango_layout_get_size(l, &w, &lh);
      h = std::max(h, Pt(lh) + 2 * kPad);
      cells.push_back(l);
    }
    if (paint && draw_) {
      for (size_t i = 0; i < cols.size(); ++i) {
        const double x = ColumnX(offsets[i], cols[i]);
        std::optional<Rgb> fill = i < row.size() ? row[i].fill : std::nullopt;
        if (is_header) fill = kHeaderFill;
        if (fill) {
          SetColor(cr_, *fill);
          cairo_rectangle(cr_, x, y_, cols[i], h);
          cairo_fill(cr_);
        }
        SetColor(cr_, kRule);
        cairo_set_line_width(cr_, 0.4);
        cairo_rectangle(cr_, x, y_, cols[i], h);
        cairo_stroke(cr_);
        SetColor(cr_, i < row.size() && !is_header ? row[i].color : Rgb{});
        cairo_move_to(cr_, x + kPad, y_ + kPad);
        pango_cairo_show_layout(cr_, cells[i]);
      }
    }
    return h;
  };
  const double header_h = row_height_and_paint(header, true, false);
  auto paint_header = [&] { y_ += row_height_and_paint(header, true, true); };
  Need(header_h + 20);
  paint_header();
  for (const auto& row : rows) {
    const double h = row_height_and_paint(row, false, false);
    if (y_ + h > Bottom()) {
      NewPage();
      paint_header();
    }
    y_ += row_height_and_paint(row, false, true);
  }
  y_ += 8;
}

void PdfFlow::Block(double height, const std::function<void(cairo_t*, double, double, double)>& paint) {
  Need(height);
  if (draw_) {
    cairo_save(cr_);
    paint(cr_, Left(), y_, Width());
    cairo_restore(cr_);
  }
  y_ += height;
}

void PdfFlow::LinkTo(const Anchor& target, double x, double y, double w, double h) {
  if (!draw_ || target.page < 1) return;
  char attrs[160];
  std::snprintf(attrs, sizeof attrs, "rect=[%.1f %.1f %.1f %.1f] page=%d pos=[%.1f %.1f]", x, y, w, h, target.page,
                Left(), target.y);
  cairo_tag_begin(cr_, CAIRO_TAG_LINK, attrs);
  cairo_tag_end(cr_, CAIRO_TAG_LINK);
}

}  // namespace srm::documents
