#include "store/audit_anchor.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "security/crypto.h"
#include "store/audit_checkpoint.h"
#include "core/thread_name.h"

namespace srm::store {
namespace {

std::string Errno() { return std::strerror(errno); }

std::string OctalMode(mode_t mode) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04o", static_cast<unsigned>(mode & 07777));
  return buffer;
}

// Creates the missing directories above `path` with mode 0700 (existing ones are left alone).
Status CreateParents(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return {};
  std::vector<std::filesystem::path> missing;
  std::error_code ec;
  for (auto dir = parent; !dir.empty() && !std::filesystem::exists(dir, ec); dir = dir.parent_path()) {
    missing.push_back(dir);
    if (dir == dir.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it)
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST)
      return Invalid("audit_anchor_path", "cannot create directory " + it->string() + ": " + Errno());
  return {};
}

void SyncDirectoryOf(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) parent = ".";
  const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

Status WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Internal(Errno());
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

// Parses a key file: '#' comment lines, then the seed as 64 hex characters.
Result<security::SigningKey> ParseKeyFile(const std::string& text, const std::string& path) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    auto key = security::SigningKey::FromSeedHex(line);
    if (!key) return Invalid("bad_signing_key", path + " holds no audit signing key (64 hexadecimal characters)");
    return key;
  }
  return Invalid("bad_signing_key", path + " holds no audit signing key (64 hexadecimal characters)");
}

Result<security::SigningKey> ReadKeyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return Invalid("unsafe_key_file", "cannot open the audit signing key " + path + ": " + Errno());
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Invalid("unsafe_key_file", "the audit signing key " + path + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return Invalid("unsafe_key_file", "the audit signing key " + path + " may be read by others (mode " +
                                          OctalMode(st.st_mode) + "); make it readable by its owner only: chmod 600 " +
                                          path);
  }
  std::string text;
  char buffer[512];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return Invalid("unsafe_key_file", "cannot read the audit signing key " + path + ": " + Errno());
    }
    text.append(buffer, static_cast<size_t>(n));
    if (text.size() > 4096) break;
  }
  ::close(fd);
  return ParseKeyFile(text, path);
}

std::string Hostname() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "srm";
  return name;
}

// "20261126T120000Z" for a file name.
std::string CompactUtc(int64_t millis) {
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &tm);
  return buffer;
}

}  // namespace

Result<security::SigningKey> LoadOrCreateSigningKey(const std::string& path) {
  if (path.empty()) return Invalid("audit_anchor_path", "no path for the audit signing key", "audit_key");
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return ReadKeyFile(path);
  if (errno != ENOENT) return Invalid("unsafe_key_file", "cannot inspect the audit signing key " + path + ": " + Errno());
  SRM_TRY(CreateParents(path));
  // Written beside it under a private name, then linked into place: another process creating the
  // key at the same moment either wins (its key is used) or loses (this one is), never half a file.
  const security::SigningKey key = security::SigningKey::Generate();
  const std::string temporary = path + ".new." + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Invalid("unsafe_key_file", "cannot create the audit signing key " + path + ": " + Errno());
  const std::string text = "# srm audit signing key (Ed25519 seed). Secret: keep it readable by the server only.\n"
                           "# public key " + key.public_key_hex() + "\n" + key.SeedHex() + "\n";
  Status written = WriteAll(fd, text);
  if (written && ::fsync(fd) != 0) written = Internal(Errno());
  ::close(fd);
  if (!written) {
    ::unlink(temporary.c_str());
    return Invalid("unsafe_key_file", "cannot write the audit signing key " + path + ": " + written.error().message);
  }
  const bool linked = ::link(temporary.c_str(), path.c_str()) == 0;
  const int link_errno = errno;
  ::unlink(temporary.c_str());
  if (!linked) {
    if (link_errno == EEXIST) return ReadKeyFile(path);
    errno = link_errno;
    return Invalid("unsafe_key_file", "cannot create the audit signing key " + path + ": " + Errno());
  }
  SyncDirectoryOf(path);
  return key;
}

// The flusher's pace: a checkpoint reaches the disk at most this long after it was written.
constexpr auto kFlushInterval = std::chrono::milliseconds(10);

// The checkpoint file as this process has it open.
struct AuditAnchor::File {
  int fd = -1;
  dev_t dev = 0;
  ino_t ino = 0;
  off_t known_size = -1;   // the size after this process's last append; -1 = unknown
  std::string last_digest; // digest of the file's last checkpoint, when known_size is current
  ~File() {
    if (fd >= 0) ::close(fd);
  }
};

AuditAnchor::AuditAnchor(AuditAnchorOptions options, security::SigningKey key, std::string server_id)
    : options_(std::move(options)), key_(std::move(key)), server_id_(std::move(server_id)) {}

AuditAnchor::~AuditAnchor() {
  {
    std::lock_guard lock(flush_mutex_);
    stopping_ = true;
  }
  flush_wanted_.notify_one();
  if (flusher_.joinable()) flusher_.join();
}

void AuditAnchor::Flusher() {
  std::unique_lock lock(flush_mutex_);
  auto last_flush = std::chrono::steady_clock::now() - kFlushInterval;
  while (true) {
    flush_wanted_.wait(lock, [&] { return to_flush_ != nullptr || stopping_; });
    // At most one flush per interval: under load the appends of the interval share it, and the
    // database's own commits keep the disk.
    flush_wanted_.wait_until(lock, last_flush + kFlushInterval, [&] { return stopping_; });
    last_flush = std::chrono::steady_clock::now();
    std::shared_ptr<File> file = std::move(to_flush_);
    to_flush_.reset();
    if (!file) return;  // stopping, nothing left to flush
    lock.unlock();
    // Every append made before this call is covered by it; appends made meanwhile set to_flush_
    // again and get the next one: one fdatasync per batch, whatever the number of writers.
    if (::fdatasync(file->fd) != 0 && options_.on_error)
      options_.on_error("the audit checkpoint file " + options_.checkpoint_path + " could not be synced: " + Errno());
    lock.lock();
  }
}

Result<std::unique_ptr<AuditAnchor>> AuditAnchor::Open(const AuditAnchorOptions& options) {
  SRM_TRY(security::InitCrypto());
  if (options.checkpoint_path.empty())
    return Invalid("audit_anchor_path", "no path for the audit checkpoint file", "audit_checkpoints");
  SRM_ASSIGN(key, LoadOrCreateSigningKey(options.key_path));
  std::string server_id = options.server_id;
  if (server_id.empty()) server_id = Hostname() + "-" + key.public_key_hex().substr(0, 8);
  AuditAnchorOptions kept = options;
  static const SystemClock kSystemClock;
  if (kept.clock == nullptr) kept.clock = &kSystemClock;
  std::unique_ptr<AuditAnchor> anchor(new AuditAnchor(std::move(kept), std::move(key), std::move(server_id)));
  anchor->flusher_ = std::thread([a = anchor.get()] {
    NameThisThread("srm-anchor");
    a->Flusher();
  });
  {
    std::lock_guard lock(anchor->mutex_);
    SRM_TRY(anchor->CurrentFile());  // created now, so a bad path or mode fails at start, not at the first write
  }
  return anchor;
}

std::string AuditAnchor::Now() const { return FormatTimestamp(options_.clock->NowMillis()); }

AuditCheckpoint AuditAnchor::Sign(int64_t seq, const std::string& head_hash, const std::string& at) const {
  AuditCheckpoint c;
  c.server_id = server_id_;
  c.seq = seq;
  c.head_hash = head_hash;
  c.at = at.empty() ? Now() : at;
  SignCheckpoint(&c, key_);
  return c;
}

Result<std::shared_ptr<AuditAnchor::File>> AuditAnchor::CurrentFile() {
  const std::string& path = options_.checkpoint_path;
  struct stat at_path {};
  const bool exists = ::stat(path.c_str(), &at_path) == 0;
  if (file_ && exists && at_path.st_dev == file_->dev && at_path.st_ino == file_->ino) return file_;
  if (file_) last_recorded_seq_ = 0;  // the file was retired meanwhile: a new series begins
  file_.reset();
  SRM_TRY(CreateParents(path));
  auto file = std::make_shared<File>();
  // Read access too: an append first reads the line it links to when another process wrote last.
  file->fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (file->fd < 0) return Invalid("audit_anchor_path", "cannot open the audit checkpoint file " + path + ": " + Errno());
  struct stat st {};
  if (::fstat(file->fd, &st) != 0 || !S_ISREG(st.st_mode))
    return Invalid("audit_anchor_path", "the audit checkpoint file " + path + " is not a regular file");
  if ((st.st_mode & 022) != 0)
    return Invalid("audit_anchor_path", "the audit checkpoint file " + path + " may be written by others (mode " +
                                            OctalMode(st.st_mode) + "): chmod 600 " + path);
  file->dev = st.st_dev;
  file->ino = st.st_ino;
  if (!exists) SyncDirectoryOf(path);
  file_ = file;
  return file;
}

namespace {

// With the flock held: the digest of the file's last checkpoint ("" when it has none or the last
// line is not one). A torn last line (a crash mid-append, never synced) is cut off; if the file
// cannot be cut (chattr +a), a newline is written after it so the next line stands on its own.
Result<std::string> LastDigest(int fd, off_t size) {
  if (size <= 0) return std::string();
  const off_t window = std::min<off_t>(size, 16384);
  std::string tail(static_cast<size_t>(window), '\0');
  if (::pread(fd, tail.data(), tail.size(), size - window) != static_cast<ssize_t>(window))
    return Internal("cannot read the end of the checkpoint file: " + Errno());
  if (tail.back() != '\n') {
    const size_t cut = tail.rfind('\n');
    const off_t keep = cut == std::string::npos ? size - window : size - window + static_cast<off_t>(cut) + 1;
    if (::ftruncate(fd, keep) != 0) SRM_TRY(WriteAll(fd, "\n"));
    tail.resize(cut == std::string::npos ? 0 : cut + 1);
  }
  if (tail.empty()) return std::string();
  tail.pop_back();  // the last newline
  const size_t start = tail.rfind('\n');
  auto last = ParseCheckpointLine(std::string_view(tail).substr(start == std::string::npos ? 0 : start + 1));
  return last ? CheckpointDigest(*last) : std::string();
}

}  // namespace

void AuditAnchor::Record(int64_t seq, const std::string& head_hash) {
  std::shared_ptr<File> file;
  std::string failure;
  {
    std::lock_guard lock(mutex_);
    if (seq <= last_recorded_seq_) {
      return;  // a later head is recorded already, and covers this one
    } else if (auto current = CurrentFile(); !current) {
      failure = current.error().message;
    } else {
      file = *current;
      // Other processes appending to the same file hold the same lock.
      while (::flock(file->fd, LOCK_EX) != 0 && errno == EINTR) {
      }
      struct stat st {};
      Status appended = [&]() -> Status {
        if (::fstat(file->fd, &st) != 0) return Internal(Errno());
        if (st.st_size != file->known_size) {
          SRM_ASSIGN(digest, LastDigest(file->fd, st.st_size));
          file->last_digest = std::move(digest);
          if (::fstat(file->fd, &st) != 0) return Internal(Errno());
        }
        AuditCheckpoint c;
        c.server_id = server_id_;
        c.seq = seq;
        c.head_hash = head_hash;
        c.at = Now();
        c.prev = file->last_digest;
        SignCheckpoint(&c, key_);
        const std::string line = CheckpointLine(c) + "\n";
        if (Status written = WriteAll(file->fd, line); !written) {
          file->known_size = -1;
          return written;
        }
        file->known_size = st.st_size + static_cast<off_t>(line.size());
        file->last_digest = CheckpointDigest(c);
        last_recorded_seq_ = seq;
        return {};
      }();
      ::flock(file->fd, LOCK_UN);
      if (!appended) {
        failure = appended.error().message;
        file.reset();
      }
    }
  }
  // In the file now (a crash of this process loses nothing); the flusher makes it durable.
  if (file) {
    {
      std::lock_guard lock(flush_mutex_);
      to_flush_ = file;
    }
    flush_wanted_.notify_one();
  }
  if (!failure.empty() && options_.on_error)
    options_.on_error("the audit checkpoint of entry " + std::to_string(seq) + " could not be written to " +
                      options_.checkpoint_path + ": " + failure);
}

Result<std::string> AuditAnchor::Retire() {
  std::lock_guard lock(mutex_);
  const std::string& path = options_.checkpoint_path;
  file_.reset();
  last_recorded_seq_ = 0;
  std::string retired;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    const std::string base = path + ".retired-" + CompactUtc(options_.clock->NowMillis());
    retired = base;
    for (int n = 2; ::access(retired.c_str(), F_OK) == 0; ++n) retired = base + "-" + std::to_string(n);
    if (::rename(path.c_str(), retired.c_str()) != 0)
      return Internal("cannot retire the audit checkpoint file " + path + ": " + Errno());
  }
  SRM_TRY(CurrentFile());
  SyncDirectoryOf(path);
  return retired;
}

}  // namespace srm::store
