// The 5×5 heatmap of an SRA as a standalone SVG (for slides and documents): likelihood rows from
// highest to lowest, impact columns from lowest to highest, each cell painted in its level's
// colour (domain/level_colors.h, as the UI paints it) with the number of scenarios rated there and
// a <title> naming the level for readers that show tooltips. The words come in already
// translated; Arabic is laid out right to left (the impact axis runs from the right).
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "domain/method.h"
#include "export/picture.h"

namespace srm::exports {

struct HeatmapText {
  std::string title, likelihood_axis, impact_axis;
  std::array<std::string, domain::kScaleSize> likelihoods, impacts;  // the scale names, index 0 = lowest
  std::array<std::string, domain::kRiskLevels> levels;
  bool right_to_left = false;
};

// ratings: (likelihood index, impact index) of each rated scenario, 0..4 each; others are ignored.
std::string HeatmapSvg(const domain::MethodPack& m, const std::vector<std::pair<int, int>>& ratings,
                       const HeatmapText& text);

// The same heatmap, cell for cell at the same coordinates, as a Picture: its PNG for slides
// (documents/picture_png.h). Cells carry the same data-* attributes as the SVG's.
Picture HeatmapPicture(const domain::MethodPack& m, const std::vector<std::pair<int, int>>& ratings,
                       const HeatmapText& text);

// The text escaped for XML character data and attribute values.
std::string XmlEscape(std::string_view s);

}  // namespace srm::exports
