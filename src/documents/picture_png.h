// A Picture (export/picture.h) as PNG bytes, drawn by Cairo on an image surface with Pango laying
// out the text (Arabic shaped and ordered, as in the PDF). For slides: `scale` 2 gives a sharp image
// on a projector (a 640-pixel-wide picture becomes 1280 pixels). Thread-safe (no shared state).
#pragma once

#include <string>

#include "core/result.h"
#include "export/picture.h"

namespace srm::documents {

// scale: 0.5..4 (an error otherwise); the PNG is width*scale x height*scale pixels, 8-bit RGB.
Result<std::string> PicturePng(const exports::Picture& p, double scale);

}  // namespace srm::documents
