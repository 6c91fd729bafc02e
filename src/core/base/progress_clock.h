#pragma once
/// When a long loop prints its next progress line: at most once per interval, and never for work
/// shorter than one interval, so quick runs stay quiet.
#include <chrono>

namespace macrodyn {

class ProgressClock {
public:
  explicit ProgressClock(double interval_seconds = 10.0)
      : interval_(interval_seconds), start_(Clock::now()), last_(start_) {}

  /// True when an interval has passed since the last true (or the start).
  bool due() {
    const auto now = Clock::now();
    if (std::chrono::duration<double>(now - last_).count() < interval_) return false;
    last_ = now;
    return true;
  }
  double elapsed_seconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

private:
  using Clock = std::chrono::steady_clock;
  double interval_;
  Clock::time_point start_, last_;
};

} // namespace macrodyn
