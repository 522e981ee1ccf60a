// Files srm writes beside its data are its own user's only, whatever the umask.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/private_files.h"

namespace srm {
namespace {

mode_t ModeOf(const std::string& path) {
  struct stat st{};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

struct Umask {  // a permissive umask for the test, restored after
  mode_t old;
  explicit Umask(mode_t m) : old(::umask(m)) {}
  ~Umask() { ::umask(old); }
};

TEST(PrivateFilesTest, DirectoryIs0700AndFilesAre0600UnderAPermissiveUmask) {
  Umask permissive(0);
  const auto base = std::filesystem::temp_directory_path() / ("srm-private-" + std::to_string(::getpid()));
  std::filesystem::remove_all(base);
  const std::string dir = (base / "data" / "uploads").string();
  auto path = WritePrivateFile(dir, "upload-", ".csv", "a,b\n1,2\n");
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_EQ(ModeOf(dir), 0700u);
  EXPECT_EQ(ModeOf(*path), 0600u);
  std::ifstream in(*path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "a,b\n1,2\n");
  EXPECT_EQ(std::filesystem::path(*path).parent_path(), std::filesystem::path(dir));
  EXPECT_TRUE(std::filesystem::path(*path).filename().string().starts_with("upload-"));

  // A second file never reuses the first one's name.
  auto other = WritePrivateFile(dir, "upload-", ".csv", "");
  ASSERT_TRUE(other);
  EXPECT_NE(*other, *path);

  // A directory that exists with wider rights is narrowed.
  std::filesystem::permissions(dir, std::filesystem::perms::all);
  ASSERT_TRUE(EnsurePrivateDirectory(dir));
  EXPECT_EQ(ModeOf(dir), 0700u);

  // An existing file made 0644 by someone else is narrowed too; a missing one is fine.
  const std::string loose = (base / "loose.db").string();
  std::ofstream(loose) << "x";
  std::filesystem::permissions(loose, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                          std::filesystem::perms::group_read | std::filesystem::perms::others_read);
  ASSERT_TRUE(RestrictToOwner(loose));
  EXPECT_EQ(ModeOf(loose), 0600u);
  EXPECT_TRUE(RestrictToOwner((base / "missing").string()));

  // A symbolic link where the directory should be is refused.
  const std::string link = (base / "link").string();
  std::filesystem::create_directory_symlink(base / "data", link);
  EXPECT_FALSE(EnsurePrivateDirectory(link));
  std::filesystem::remove_all(base);
}

}  // namespace
}  // namespace srm
