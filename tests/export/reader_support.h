// Reads files the exports wrote with readers independent of the writers: Python's zipfile +
// xml.etree for .xlsx (xlsx_reader.py), Python's csv module for CSV (csv_reader.py), xml.etree for
// SVG (svg_reader.py) and zlib for PNG (png_reader.py).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace srm::testing {

inline std::string ExportScript(const char* name) {
  const char* src = std::getenv("SRM_SOURCE_DIR");
  return std::string(src != nullptr ? src : ".") + "/tests/export/" + name;
}

// Runs `python3 script file` and parses what it prints.
inline nlohmann::json ReadWith(const char* script, const std::string& file) {
  const std::string cmd = "python3 '" + ExportScript(script) + "' '" + file + "'";
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) throw std::runtime_error("cannot run " + cmd);
  std::string out;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int rc = ::pclose(p);
  if (rc != 0) throw std::runtime_error(cmd + " failed: " + out);
  return nlohmann::json::parse(out);
}
inline nlohmann::json ReadXlsx(const std::string& file) { return ReadWith("xlsx_reader.py", file); }
inline nlohmann::json ReadCsv(const std::string& file) { return ReadWith("csv_reader.py", file); }
// svg_reader.py (xml.etree): viewBox, title, texts, shapes with their boxes.
inline nlohmann::json ReadSvg(const std::string& file) { return ReadWith("svg_reader.py", file); }
// png_reader.py (zlib): size, and the colour at each "x,y" in `points` (space-separated).
inline nlohmann::json ReadPng(const std::string& file, const std::string& points = "") {
  return ReadWith("png_reader.py", file + "' " + points + " '");
}

// The sheet of that name in ReadXlsx's answer (null when absent).
inline nlohmann::json Sheet(const nlohmann::json& book, const std::string& name) {
  for (const auto& s : book["sheets"])
    if (s["name"] == name) return s;
  return nullptr;
}

}  // namespace srm::testing
