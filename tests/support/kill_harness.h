#pragma once
// Crash-safety tests: a child process opens a file and appends records until it is killed with
// SIGKILL after `delay_ms`; the parent learns how many appends completed (reported by the child
// through a pipe after each one) and can then check that the file holds at least that many.
#include <chrono>
#include <csignal>
#include <functional>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace macrodyn::testing {

/// `open` runs in the child and returns the append function; append(k) writes record k.
inline int appends_before_kill(const std::function<std::function<void(int)>()> &open,
                               int delay_ms) {
  int pipe_fd[2];
  if (pipe(pipe_fd) != 0) return -1;
  const pid_t child = fork();
  if (child == 0) {
    close(pipe_fd[0]);
    const auto append = open();
    for (int k = 0;; ++k) {
      append(k);
      const int done = k + 1;
      if (write(pipe_fd[1], &done, sizeof done) != sizeof done) _exit(1);
    }
  }
  close(pipe_fd[1]);
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  int completed = 0, value;
  while (read(pipe_fd[0], &value, sizeof value) == sizeof value)
    completed = value;
  close(pipe_fd[0]);
  return completed;
}

} // namespace macrodyn::testing
