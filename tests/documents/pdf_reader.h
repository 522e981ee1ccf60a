// Reads a PDF with poppler-utils (pdftotext, pdfinfo, pdffonts): readers independent of the Cairo
// that wrote it, so a test sees what a person opening the file sees.
#pragma once

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace srm::testing {

// A PDF written to a temporary file for the poppler tools, removed at the end of the scope.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("srm-pdf-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".pdf"))
                .string();
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  // SRM_KEEP_PDF=1 keeps the files (to look at them).
  ~PdfFile() {
    if (!std::getenv("SRM_KEEP_PDF")) std::filesystem::remove(path_);
  }
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;

  // The text of page n (1-based), or of every page (n = 0), as pdftotext extracts it.
  std::string Text(int page = 0) const {
    const std::string range = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    return Run("pdftotext -enc UTF-8" + range + " '" + path_ + "' -");
  }
  // Page n as pdftotext -layout keeps it: what stands on one line stays on one line.
  std::string LayoutText(int page) const {
    return Run("pdftotext -layout -enc UTF-8 -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" +
               path_ + "' -");
  }
  // The page count pdfinfo reads.
  int Pages() const {
    const std::string info = Run("pdfinfo '" + path_ + "'");
    const size_t p = info.find("Pages:");
    if (p == std::string::npos) throw std::runtime_error("pdfinfo: no page count in: " + info);
    return std::stoi(info.substr(p + 6));
  }
  std::string Fonts() const { return Run("pdffonts '" + path_ + "'"); }
  const std::string& path() const { return path_; }

  static std::string Run(const std::string& cmd) {
    FILE* f = ::popen((cmd + " 2>/dev/null").c_str(), "r");
    if (!f) throw std::runtime_error("cannot run " + cmd);
    std::string out;
    std::array<char, 4096> buf;
    while (size_t n = std::fread(buf.data(), 1, buf.size(), f)) out.append(buf.data(), n);
    if (::pclose(f) != 0) throw std::runtime_error("failed: " + cmd);
    return out;
  }

 private:
  std::string path_;
};

}  // namespace srm::testing
