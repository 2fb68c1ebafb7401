#include "store/local_file_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <openssl/evp.h>

namespace motcua::store {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string LocalFileStore::PathOf(const std::string& sha) const {
  return root_ + "/" + sha.substr(0, 2) + "/" + sha.substr(2, 2) + "/" + sha;
}

static bool IsHexDigest(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool LocalFileStore::Exists(const std::string& sha) {
  std::error_code ec;
  return IsHexDigest(sha) && std::filesystem::exists(PathOf(sha), ec);
}

Result<std::string> LocalFileStore::Put(std::string_view bytes) {
  std::string sha = Sha256Hex(bytes);
  if (Exists(sha)) return sha;  // same content, already durable
  std::string path = PathOf(sha);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) return Fail(ErrorCode::kUnavailable, "Không lưu được tệp, vui lòng thử lại.", "mkdir: " + ec.message());
  static std::atomic<unsigned long> counter{0};
  std::string tmp = fmt::format("{}.tmp.{}.{}", path, getpid(), ++counter);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return Fail(ErrorCode::kUnavailable, "Không lưu được tệp, vui lòng thử lại.", "open " + tmp);
  std::size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return Fail(ErrorCode::kUnavailable, "Không lưu được tệp, vui lòng thử lại.", "write " + tmp);
    }
    written += static_cast<std::size_t>(n);
  }
  bool ok = ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Fail(ErrorCode::kUnavailable, "Không lưu được tệp, vui lòng thử lại.", "fsync/rename " + path);
  }
  // Make the rename itself durable.
  int dir = ::open(std::filesystem::path(path).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return sha;
}

Result<std::string> LocalFileStore::Get(const std::string& sha) {
  if (!IsHexDigest(sha)) return Fail(ErrorCode::kNotFound, "Không tìm thấy tệp.", "bad digest");
  std::ifstream in(PathOf(sha), std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "Không tìm thấy tệp.", "missing file " + sha);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace motcua::store
