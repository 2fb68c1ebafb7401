#pragma once
// Runs the built `motcua` binary against a temporary SQLite database, with
// stdout and stderr captured: the fixture of the CLI end-to-end tests.

#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace motcua::testutil {

namespace fs = std::filesystem;

// The binary is built beside the test binary (build/motcua).
inline fs::path MotcuaBinary() {
  fs::path beside = fs::read_symlink("/proc/self/exe").parent_path() / "motcua";
  if (fs::exists(beside)) return beside;
  return fs::path(MOTCUA_SOURCE_DIR) / "build" / "motcua";
}

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = MotcuaBinary();
    ASSERT_TRUE(fs::exists(binary_)) << binary_ << " is missing: build the `motcua` target first";
    dir_ = fs::temp_directory_path() / ("motcua_cli_test_" + std::to_string(getpid()) + "_" +
                                        std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    url_ = "sqlite://" + (dir_ / "motcua.db").string();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Runs `motcua --db URL args...` with stdout and stderr captured in files.
  CliRun Motcua(const std::vector<std::string>& args, const std::string& url = {}) {
    std::vector<std::string> argv_storage = {binary_.string(), "--db", url.empty() ? url_ : url};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    pid_t pid = 0;
    CliRun run;
    int spawned = posix_spawn(&pid, binary_.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
      ADD_FAILURE() << "cannot run " << binary_;
      return run;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = Slurp(out);
    run.err = Slurp(err);
    return run;
  }

  void Migrate() { ASSERT_EQ(Motcua({"migrate"}).exit_code, 0); }

  fs::path binary_;
  fs::path dir_;
  std::string url_;
};

}  // namespace motcua::testutil
