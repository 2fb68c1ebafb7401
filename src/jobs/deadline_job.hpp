#pragma once
// The lateness job (rules.md §3 "Late"): every `interval`, flags dossiers
// that are due soon or overdue and notifies the responsible officers, by
// calling HandlingService::ScanDeadlines, the same use case as
// `motcua jobs run-once`. Runs on its own thread inside `serve`.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/handling/handling_service.hpp"

namespace motcua::jobs {

class DeadlineJob {
 public:
  DeadlineJob(app::HandlingService& handling, std::chrono::seconds interval);
  ~DeadlineJob();  // stops and joins
  DeadlineJob(const DeadlineJob&) = delete;
  DeadlineJob& operator=(const DeadlineJob&) = delete;

  // Starts the thread: a first scan at once, then one per interval.
  void Start();
  void Stop();

  // One scan, logged; returns false if it failed (the next one retries).
  static bool RunOnce(app::HandlingService& handling, const std::string& request_id);

 private:
  void Loop();

  app::HandlingService& handling_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace motcua::jobs
