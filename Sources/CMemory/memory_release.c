// See include/memory_release.h.
#include "memory_release.h"

#include <malloc.h>

int driftwatch_release_free_memory(void) { return malloc_trim(0); }
