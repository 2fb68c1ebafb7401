#pragma once
// LocalFileStore: content-addressed files under a directory
// (ROOT/ab/cd/abcdef...), written to a temporary file, fsynced and renamed
// into place, so a crash never leaves a partial file under a final name.
// Thread-safe (rename is atomic; equal content maps to the same name).

#include <string>

#include "app/dossier/ports.hpp"

namespace motcua::store {

class LocalFileStore final : public app::FileStore {
 public:
  explicit LocalFileStore(std::string root) : root_(std::move(root)) {}
  Result<std::string> Put(std::string_view bytes) override;
  Result<std::string> Get(const std::string& sha256) override;
  bool Exists(const std::string& sha256) override;

 private:
  std::string PathOf(const std::string& sha256) const;
  std::string root_;
};

// Hex SHA-256 of `bytes` (OpenSSL).
std::string Sha256Hex(std::string_view bytes);

}  // namespace motcua::store
