#ifndef DRIFTWATCH_MEMORY_RELEASE_H
#define DRIFTWATCH_MEMORY_RELEASE_H

/// Returns the allocator's free memory to the system: glibc's malloc_trim(0), which gives back
/// the free top of every arena and, since glibc 2.8, every whole free page inside them
/// (madvise(MADV_DONTNEED)). Live allocations are untouched. Returns 1 when memory was released.
/// (Swift's Glibc module does not export <malloc.h>, hence this shim.)
int driftwatch_release_free_memory(void);

#endif
