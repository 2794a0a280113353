// Profiling aid for scripts/bench/idle_sections.py (not part of
// driftwatch): splits the main executable's code mapping into one VMA per 4 KiB page (alternate
// pages get MADV_RANDOM, so neighbours never merge). The kernel's fault-around stays inside a
// VMA, so afterwards a present page in /proc/PID/pagemap means the page itself was touched.
// PTEs mapped before this constructor are dropped (MADV_DONTNEED of a clean private file
// mapping: they fault back from the page cache when touched again).
// It changes no page's content and only serves to measure: the split costs a VMA per page.
//
//   cc -O2 -shared -fPIC -o /tmp/split_text.so scripts/bench/split_text.c
//   LD_PRELOAD=/tmp/split_text.so driftwatch serve ...
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
__attribute__((constructor)) static void split(void) {
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return;
  exe[n] = 0;
  FILE *maps = fopen("/proc/self/maps", "r");
  if (!maps) return;
  char line[8192];
  unsigned long los[16], his[16];
  int count = 0;
  while (fgets(line, sizeof line, maps) && count < 16) {
    unsigned long lo, hi;
    char perms[8], path[4096] = "";
    if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %4095s", &lo, &hi, perms, path) >= 3 &&
        strcmp(path, exe) == 0 && perms[2] == 'x') {
      los[count] = lo; his[count] = hi; count++;
    }
  }
  fclose(maps);
  for (int m = 0; m < count; m++) {
    for (unsigned long p = los[m]; p < his[m]; p += 8192)
      madvise((void *)p, 4096, MADV_RANDOM);
    madvise((void *)los[m], his[m] - los[m], MADV_DONTNEED);
  }
}
