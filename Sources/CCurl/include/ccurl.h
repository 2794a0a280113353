#ifndef DRIFTWATCH_CCURL_H
#define DRIFTWATCH_CCURL_H

// libcurl for SMTP delivery, loaded with dlopen(3) the first time an email is sent instead of
// linked: linking it maps libcurl and the ~25 libraries it needs (OpenSSL, GnuTLS, Kerberos,
// LDAP, libssh2, ...) into every driftwatch process, about 3.5 MB resident in an idle daemon
// that may never send an email. Only the types and constants of <curl/curl.h> are used here;
// every call goes through the dw_curl_* functions below. Only DriftAlerts imports this module.
#include <curl/curl.h>
#include <stddef.h>

/// Loads the libcurl named `soname` (e.g. "libcurl.so.4") and resolves the functions below, then
/// runs curl_global_init(CURL_GLOBAL_DEFAULT). Once one call succeeded, later calls return 0 at
/// once whatever they name (cheap enough to call before every use; taking the lock also orders
/// the first load's writes before the caller's calls below). Thread-safe. Returns 0 on success;
/// otherwise -1 with a message in `error` (at most `error_size` bytes, NUL-terminated) and
/// nothing kept: a failure is not remembered, so a later call, e.g. once libcurl is installed,
/// may succeed.
int dw_curl_load(const char *soname, char *error, size_t error_size);

/// Opens `soname` and resolves the functions as dw_curl_load does, then closes it again without
/// initialising or keeping anything: whether dw_curl_load would find what it needs there.
/// Returns 0, or -1 with the same message dw_curl_load would give.
int dw_curl_check(const char *soname, char *error, size_t error_size);

// The libcurl functions the SMTP notifier calls. Call them only after dw_curl_load succeeded.
CURL *dw_curl_easy_init(void);
void dw_curl_easy_cleanup(CURL *handle);
CURLcode dw_curl_easy_perform(CURL *handle);
const char *dw_curl_easy_strerror(CURLcode code);
struct curl_slist *dw_curl_slist_append(struct curl_slist *list, const char *string);
void dw_curl_slist_free_all(struct curl_slist *list);

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
// wrapper per argument type the SMTP notifier passes.
CURLcode dw_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode dw_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode dw_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode dw_curl_setopt_read_function(CURL *handle, curl_read_callback callback);
CURLcode dw_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);

#endif
