#include <malloc.h>

#include "main/cli.hpp"

namespace {

// glibc gives memory at the top of a thread's heap back to the kernel as soon
// as 128 KB of it are free, and the next allocation faults the pages in again.
// A list page of several agencies allocates and frees four of SQLite's ~86 KB
// temporary B-tree page caches per request, so every page paid madvise and
// page faults, and with both cores busy each madvise also flushed the other
// CPU's TLB: Sở Tư pháp's list at 64 connections ran at 1,319 pages/s, and
// 4,049 with these settings (docs/performance.md). Keeping up to 64 MB free
// per heap, and serving blocks below 4 MB from the heaps rather than from
// fresh mappings, stops the churn; the cost is memory kept, not used.
void TuneAllocator() {
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
}

}  // namespace

int main(int argc, char** argv) {
  TuneAllocator();
  return motcua::cli::Run(argc, argv);
}
