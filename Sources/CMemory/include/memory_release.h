#ifndef DRIFTWATCH_MEMORY_RELEASE_H
#define DRIFTWATCH_MEMORY_RELEASE_H

/// Returns the allocator's free memory to the system: glibc's malloc_trim(0), which gives back
/// the free top of every arena and, since glibc 2.8, every whole free page inside them
/// (madvise(MADV_DONTNEED)). Live allocations are untouched. Returns 1 when memory was released.
/// (Swift's Glibc module does not export <malloc.h>, hence this shim.)
int driftwatch_release_free_memory(void);

/// Asks the kernel to reclaim the resident pages of the process's read-only file mappings: the
/// code and constant data of the binary and its libraries (and any file mapped read-only), which
/// an idle daemon does not run. madvise(MADV_PAGEOUT) on each mapping that is file-backed, not
/// writable and holds no private (copy-on-write) page, as /proc/self/smaps lists them.
///
/// Safe whatever happens meanwhile: MADV_PAGEOUT never discards data. It unmaps clean file pages
/// that no other process maps and drops them from the page cache (they are read back from the file
/// when next used), and it leaves pages shared with other processes alone. Should another thread
/// replace a listed mapping before the call, the advice only asks the kernel to swap or write back
/// what is there, never to zero it (MADV_DONTNEED would).
///
/// `only_path`: NULL for every such mapping; else only mappings of exactly that file (tests).
/// Returns the number of mappings advised (0 on kernels before 5.4, which lack MADV_PAGEOUT), or
/// -1 when /proc/self/smaps cannot be read.
int driftwatch_page_out_file_mappings(const char *only_path);

#endif
