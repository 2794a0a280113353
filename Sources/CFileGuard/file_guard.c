// SIGBUS guard for memory-mapped input files. See include/file_guard.h.
//
// A file mapped with mmap(2) and then truncated by another process raises SIGBUS when a page past
// the new end is touched. The handler looks the faulting address up in a fixed table of guarded
// mappings (async-signal-safe: atomics only, no locks, no allocation); when it is one of ours it
// maps anonymous zero pages over the rest of that mapping with MAP_FIXED (mmap is a plain system
// call on Linux), flags the slot and returns, so the faulting load re-executes and reads 0. Any
// other SIGBUS goes to the handler that was installed before (the Swift runtime's backtracer) or
// to the default action, so real crashes still crash.
#define _GNU_SOURCE
#include "file_guard.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SLOTS 256

static _Atomic uintptr_t slot_start[SLOTS];
static _Atomic uintptr_t slot_end[SLOTS];
static _Atomic int slot_truncated[SLOTS];
static pthread_mutex_t slot_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static struct sigaction previous_action;
static int installed = 0;
static uintptr_t page_size = 4096;

static void forward(int sig, siginfo_t *info, void *context) {
  if (previous_action.sa_flags & SA_SIGINFO) {
    if (previous_action.sa_sigaction != NULL) {
      previous_action.sa_sigaction(sig, info, context);
      return;
    }
  } else if (previous_action.sa_handler != SIG_DFL && previous_action.sa_handler != SIG_IGN) {
    previous_action.sa_handler(sig);
    return;
  }
  // Default action: restore it and return; the faulting instruction runs again and the process
  // dies of SIGBUS as it would have without this guard.
  signal(sig, SIG_DFL);
}

static void on_sigbus(int sig, siginfo_t *info, void *context) {
  uintptr_t address = (uintptr_t)info->si_addr;
  for (int slot = 0; slot < SLOTS; slot++) {
    uintptr_t start = atomic_load(&slot_start[slot]);
    uintptr_t end = atomic_load(&slot_end[slot]);
    if (start == 0 || address < start || address >= end) continue;
    uintptr_t page = address & ~(page_size - 1);
    void *zeros = mmap((void *)page, end - page, PROT_READ,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (zeros == MAP_FAILED) break;
    atomic_store(&slot_truncated[slot], 1);
    return;
  }
  forward(sig, info, context);
}

static void install(void) {
  long size = sysconf(_SC_PAGESIZE);
  if (size > 0) page_size = (uintptr_t)size;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = on_sigbus;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGBUS, &action, &previous_action) == 0) installed = 1;
}

int driftwatch_file_guard_register(const void *start, size_t length) {
  pthread_once(&install_once, install);
  if (!installed || start == NULL || length == 0) return -1;
  pthread_mutex_lock(&slot_lock);
  int found = -1;
  for (int slot = 0; slot < SLOTS; slot++) {
    if (atomic_load(&slot_start[slot]) == 0) {
      atomic_store(&slot_truncated[slot], 0);
      atomic_store(&slot_end[slot], (uintptr_t)start + length);
      atomic_store(&slot_start[slot], (uintptr_t)start);
      found = slot;
      break;
    }
  }
  pthread_mutex_unlock(&slot_lock);
  return found;
}

int driftwatch_file_guard_truncated(int slot) {
  if (slot < 0 || slot >= SLOTS) return 0;
  return atomic_load(&slot_truncated[slot]);
}

void driftwatch_file_guard_unregister(int slot) {
  if (slot < 0 || slot >= SLOTS) return;
  pthread_mutex_lock(&slot_lock);
  atomic_store(&slot_start[slot], 0);
  atomic_store(&slot_end[slot], 0);
  pthread_mutex_unlock(&slot_lock);
}
