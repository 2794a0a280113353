// See include/memory_release.h.
#include "memory_release.h"

#include <ctype.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21  // Linux 5.4
#endif

int driftwatch_release_free_memory(void) { return malloc_trim(0); }

/// One mapping of /proc/self/smaps that may be paged out.
struct candidate {
  unsigned long start;
  unsigned long end;
};

/// Whether a mapping's header qualifies: file-backed (an absolute path), not writable, and of
/// `only_path` when one is given. `line` is "start-end perms offset dev inode [path]".
static int header_qualifies(const char *line, const char *only_path, unsigned long *start,
                            unsigned long *end) {
  char perms[8] = {0};
  unsigned long long inode = 0;
  int consumed = 0;
  if (sscanf(line, "%lx-%lx %7s %*s %*s %llu %n", start, end, perms, &inode, &consumed) < 4) {
    return 0;
  }
  if (strchr(perms, 'w') != NULL || inode == 0) return 0;
  const char *path = line + consumed;
  if (path[0] != '/') return 0;
  if (only_path == NULL) return 1;
  size_t length = strlen(only_path);
  // The path runs to the end of the line (it may hold spaces).
  return strncmp(path, only_path, length) == 0 && (path[length] == '\n' || path[length] == 0);
}

int driftwatch_page_out_file_mappings(const char *only_path) {
  FILE *smaps = fopen("/proc/self/smaps", "re");
  if (smaps == NULL) return -1;
  struct candidate *candidates = NULL;
  size_t count = 0, capacity = 0;
  // The mapping being read: qualifies so far (its header did), until its Anonymous line says
  // it holds private copies (relocated read-only data, say), which the advice must not touch.
  int open = 0;
  unsigned long start = 0, end = 0;
  char line[4352];  // a header with a path of up to PATH_MAX (4096) bytes
  while (fgets(line, sizeof line, smaps) != NULL) {
    size_t length = strlen(line);
    int whole = length > 0 && line[length - 1] == '\n';
    if (strncmp(line, "Anonymous:", 10) == 0) {
      if (open && strtoul(line + 10, NULL, 10) == 0) {
        if (count == capacity) {
          size_t grown = capacity == 0 ? 64 : capacity * 2;
          struct candidate *larger = realloc(candidates, grown * sizeof *candidates);
          if (larger == NULL) break;
          candidates = larger;
          capacity = grown;
        }
        candidates[count].start = start;
        candidates[count].end = end;
        count += 1;
      }
      open = 0;
    } else if (isxdigit((unsigned char)line[0]) && !isupper((unsigned char)line[0])) {
      // A mapping's header ("start-end perms ..."); field lines start with a capitalised name.
      open = header_qualifies(line, only_path, &start, &end);
    }
    // A header longer than the buffer: skip the rest of it (the mapping stays unqualified).
    while (!whole && fgets(line, sizeof line, smaps) != NULL) {
      length = strlen(line);
      whole = length > 0 && line[length - 1] == '\n';
      open = 0;
    }
  }
  fclose(smaps);
  int advised = 0;
  for (size_t index = 0; index < count; index++) {
    if (madvise((void *)candidates[index].start, candidates[index].end - candidates[index].start,
                MADV_PAGEOUT) == 0) {
      advised += 1;
    }
  }
  free(candidates);
  return advised;
}
