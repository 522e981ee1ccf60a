// The colour of each risk level, as the web UI paints it (web/src/styles.css --lvl-0..5 and the
// .lvl-N text colours), so a heatmap or a level cell looks the same on screen, in the Excel
// register, in the SVG heatmap and in the PDF. Indexed by the pack's risk-level index (0 = lowest).
#pragma once

#include <array>
#include <cstdint>

namespace srm::domain {

struct LevelColor {
  uint32_t fill;  // 0xRRGGBB
  uint32_t text;  // 0xRRGGBB, readable on `fill`
};

inline constexpr std::array<LevelColor, 6> kLevelColors{{
    {0x7cc47f, 0x0b2e0f},
    {0xcde8a8, 0x233b08},
    {0xffe27a, 0x3d3000},
    {0xffa552, 0x3d1a00},
    {0xd9363e, 0xffffff},
    {0x4a1551, 0xffffff},
}};
// A cell without a level (no rating yet).
inline constexpr LevelColor kNoLevelColor{0xe6e9ee, 0x3b4350};

inline constexpr LevelColor LevelColorOf(int level_index) {
  return level_index >= 0 && level_index < static_cast<int>(kLevelColors.size()) ? kLevelColors[level_index]
                                                                                  : kNoLevelColor;
}

}  // namespace srm::domain
