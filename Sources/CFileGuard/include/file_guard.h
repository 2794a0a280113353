#ifndef DRIFTWATCH_FILE_GUARD_H
#define DRIFTWATCH_FILE_GUARD_H

#include <stddef.h>

/// Registers a read-only file mapping [start, start + length) so that a SIGBUS on one of its
/// pages (the file was truncated under the mapping) replaces the rest of the mapping with zeros
/// and marks the slot, instead of killing the process. Installs the SIGBUS handler on first use.
/// Returns the slot, or -1 when every slot is taken or the handler cannot be installed (read
/// the file instead of mapping it).
int driftwatch_file_guard_register(const void *start, size_t length);

/// Whether a page of the slot's mapping faulted since it was registered (its bytes from that
/// page on read as zeros, so whatever was parsed from them must be discarded).
int driftwatch_file_guard_truncated(int slot);

/// Frees the slot; call before munmap.
void driftwatch_file_guard_unregister(int slot);

#endif
