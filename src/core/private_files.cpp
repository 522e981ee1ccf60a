#include "core/private_files.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace srm {
namespace {

std::string ErrnoText(int err) { return std::strerror(err); }

std::string RandomName() {
  unsigned char raw[12];
  size_t got = 0;
  while (got < sizeof raw) {
    const ssize_t n = ::getrandom(raw + got, sizeof raw - got, 0);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      break;
    }
    got += static_cast<size_t>(n);
  }
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < got; ++i) {
    out += kHex[raw[i] >> 4];
    out += kHex[raw[i] & 15];
  }
  return out;
}

}  // namespace

Status EnsurePrivateDirectory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Unavailable("cannot create directory " + dir + ": " + ec.message());
  struct stat st{};
  if (::lstat(dir.c_str(), &st) != 0) return Unavailable("cannot read directory " + dir + ": " + ErrnoText(errno));
  if (!S_ISDIR(st.st_mode)) return Unavailable(dir + " is not a directory");
  if ((st.st_mode & 07777) != 0700 && ::chmod(dir.c_str(), 0700) != 0)
    return Unavailable("cannot make " + dir + " private: " + ErrnoText(errno));
  return {};
}

Result<std::string> WritePrivateFile(const std::string& dir, std::string_view prefix, std::string_view suffix,
                                     std::string_view bytes) {
  SRM_TRY(EnsurePrivateDirectory(dir));
  for (int attempt = 0; attempt < 8; ++attempt) {
    const std::string name = std::string(prefix) + RandomName() + std::string(suffix);
    const std::string path = (std::filesystem::path(dir) / name).string();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      return Unavailable("cannot create " + path + ": " + ErrnoText(errno));
    }
    // 0600 whatever the umask (open() only ever narrows the mode by it, but be explicit).
    bool ok = true;
    int err = 0;
    if (::fchmod(fd, 0600) != 0) {
      err = errno;
      ok = false;
    }
    size_t done = 0;
    while (ok && done < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        err = errno;
        ok = false;
        break;
      }
      done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0 && ok) {
      err = errno;
      ok = false;
    }
    if (!ok) {
      ::unlink(path.c_str());
      return Unavailable("cannot write " + path + ": " + ErrnoText(err));
    }
    return path;
  }
  return Unavailable("cannot create a new file in " + dir);
}

Status RestrictToOwner(const std::string& path) {
  if (::chmod(path.c_str(), 0600) != 0 && errno != ENOENT)
    return Unavailable("cannot set the mode of " + path + ": " + ErrnoText(errno));
  return {};
}

Status PrepareOwnerOnlyDatabase(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return {};
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd >= 0) {
    const bool ok = ::fchmod(fd, 0600) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok) return Unavailable("cannot set the mode of " + path + ": " + ErrnoText(err));
    return {};
  }
  if (errno != EEXIST) return {};  // e.g. no such directory: the database library reports it
  // Existing files (an older install made them 0644): narrowed where we may. A file that belongs to
  // another user is left as it is rather than refusing to open the database.
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) (void)RestrictToOwner(path + suffix);
  return {};
}

}  // namespace srm
