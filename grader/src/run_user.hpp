// A user of its own for one run of student code, when the grader is root.
//
// The kernel counts RLIMIT_NPROC per user, and a process may signal or ptrace the
// processes of its own user: had every run the same user (nobody), one
// submission's fork bomb would leave no process for another submission graded at
// the same time, and a plain run could reach another's processes. Each RunUser
// holds one user id of a pool (kFirstRunUid, kFirstRunUid + 1, ...) that no other
// run on this machine holds while it lives, by an flock on a file of a folder only
// root may write (/run/backprop-lab-users, or /tmp/backprop-lab-users where /run
// is not writable); a grader that dies frees its ids with its descriptors.
// The ids need no entry in /etc/passwd.
#pragma once

#include <sys/types.h>

namespace grader {

// Debian leaves 65000-65533 unallocated ("reserved"): no package or person has them.
inline constexpr uid_t kFirstRunUid = 65000;
inline constexpr int kRunUids = 500;

class RunUser {
 public:
  RunUser();   // as root; waits while every id of the pool is held
  ~RunUser();  // kills every process still running as the user, then frees it
  RunUser(const RunUser&) = delete;
  RunUser& operator=(const RunUser&) = delete;
  uid_t uid() const { return uid_; }

 private:
  uid_t uid_ = 0;
  int lock_fd_ = -1;
};

}  // namespace grader
