#include "jobs/deadline_job.hpp"

#include <spdlog/spdlog.h>

namespace motcua::jobs {

DeadlineJob::DeadlineJob(app::HandlingService& handling, std::chrono::seconds interval)
    : handling_(handling), interval_(interval) {}

DeadlineJob::~DeadlineJob() { Stop(); }

void DeadlineJob::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void DeadlineJob::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool DeadlineJob::RunOnce(app::HandlingService& handling, const std::string& request_id) {
  auto started = std::chrono::steady_clock::now();
  auto result = handling.ScanDeadlines(request_id);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  if (!result) {
    spdlog::warn("event=deadline_scan_failed error={} detail=\"{}\"", ErrorCodeName(result.error().code),
                 result.error().internal_message);
    return false;
  }
  spdlog::info("event=deadline_scan due_soon={} overdue={} notices={} ms={}", result->due_soon, result->overdue,
               result->notices, ms);
  return true;
}

void DeadlineJob::Loop() {
  long run = 0;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    RunOnce(handling_, "job-deadline-" + std::to_string(++run));
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace motcua::jobs
