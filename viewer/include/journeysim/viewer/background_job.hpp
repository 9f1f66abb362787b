// Work on a background thread, with progress and cancel: the viewer's
// simulations, report exports and sweeps. The UI thread starts a job,
// polls its progress each frame and takes the finished result as an
// immutable shared value, so drawing never waits for the engine. One job
// at a time per BackgroundJob: starting another cancels the one under way.
// A job that shows results as it goes publishes them in a LatestValue.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "journeysim/sim/simulation.hpp"

namespace journeysim::viewer {

// Lowers the calling thread's scheduling priority, and so that of the
// threads it starts (on Linux the nice value is the thread's, and inherited):
// on a machine with few cores the UI thread still builds its frames at once.
// Results do not depend on scheduling, only how soon they come.
void lower_this_threads_priority();

template <class Result>
class BackgroundJob {
 public:
  // The work: reports progress through the callback, stops early (with a
  // result saying so) when the flag is set.
  using Work = std::function<Result(const ProgressCallback& progress, const std::atomic<bool>& cancel)>;

  BackgroundJob() = default;
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;
  ~BackgroundJob() {
    cancel();
    join();
  }

  void start(Work work) {
    cancel();
    join();
    cancel_.store(false);
    done_.store(0);
    total_.store(1);
    running_.store(true);
    worker_ = std::thread([this, work = std::move(work)] {
      lower_this_threads_priority();
      const ProgressCallback progress = [this](std::uint64_t done, std::uint64_t total) {
        done_.store(done);
        total_.store(total);
      };
      auto result = std::make_shared<const Result>(work(progress, cancel_));
      {
        std::lock_guard lock(mutex_);
        finished_ = std::move(result);
      }
      running_.store(false);
    });
  }
  void cancel() { cancel_.store(true); }
  bool running() const { return running_.load(); }
  // Blocks until the job under way (if any) has finished or been cancelled:
  // for callers that need its result before going on (tests, screenshots),
  // so that none of them waits on a clock.
  void wait() { join(); }
  double progress() const {
    const double total = static_cast<double>(std::max<std::uint64_t>(total_.load(), 1));
    return std::min(1.0, static_cast<double>(done_.load()) / total);
  }
  // The newest finished result not taken yet, or null.
  std::shared_ptr<const Result> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(finished_, nullptr);
  }

 private:
  void join() {
    if (worker_.joinable()) worker_.join();
  }

  std::thread worker_;
  std::atomic<bool> running_{false};
  std::atomic<bool> cancel_{false};
  std::atomic<std::uint64_t> done_{0};
  std::atomic<std::uint64_t> total_{1};
  std::mutex mutex_;
  std::shared_ptr<const Result> finished_;
};

// The newest of a value a job publishes while it runs (a ranking so far),
// read by the UI thread: set and get swap a shared immutable value.
template <class T>
class LatestValue {
 public:
  void set(T value) {
    auto shared = std::make_shared<const T>(std::move(value));
    std::lock_guard lock(mutex_);
    value_ = std::move(shared);
  }
  std::shared_ptr<const T> get() const {
    std::lock_guard lock(mutex_);
    return value_;
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const T> value_;
};

}  // namespace journeysim::viewer
