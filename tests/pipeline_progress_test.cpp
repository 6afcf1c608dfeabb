// The progress line's time estimate: by pages once files are opened, so a single
// long file gets one long before it is done.
#include <gtest/gtest.h>

#include "pipeline/progress.h"

namespace shenbao::pipeline {
namespace {

TEST(Progress, OneLongFileIsEstimatedByItsPages) {
  // One 1,000-page PDF, 100 pages read in 10 minutes: 900 pages at 10 a minute.
  EXPECT_EQ(SecondsLeft({1, 0, 1, 1000, 100}, 10.0), 90 * 60);
}

TEST(Progress, FilesNotYetOpenedCountAtTheMeanPageCount) {
  // 10 files; 2 opened with 3 and 5 pages; 6 pages read in 1 minute. Left: 2 pages
  // of the opened ones and 8 files × 4 pages = 34 pages at 6 a minute.
  EXPECT_EQ(SecondsLeft({10, 1, 2, 8, 6}, 1.0), 340);
}

TEST(Progress, UnknownUntilSomethingIsRead) {
  EXPECT_EQ(SecondsLeft({5, 0, 0, 0, 0}, 0.5), -1);
  EXPECT_EQ(SecondsLeft({5, 0, 1, 40, 0}, 0.0), -1);
}

TEST(Progress, WithoutPageCountsByFiles) {
  // Pages read but no file opened is impossible; files finished without a count
  // (all errors) fall back to files per minute: 2 done in 1 minute, 4 to go.
  EXPECT_EQ(SecondsLeft({6, 2, 0, 0, 0}, 1.0), 120);
}

}  // namespace
}  // namespace shenbao::pipeline
