// libcurl through dlopen(3). See include/ccurl.h for why.
//
// The function pointers are written once, under `load_lock`, by the first successful
// dw_curl_load, and never changed or unloaded afterwards (the library stays mapped for the life
// of the process). The wrappers read them without the lock: the caller learned of that success
// from dw_curl_load itself, which took the lock after the writes (DriftAlerts calls it before
// every email), so the writes happen before every read. A failed load writes nothing and is
// not remembered: the next call tries again.
#include "ccurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct functions {
  CURLcode (*global_init)(long flags);
  CURL *(*easy_init)(void);
  void (*easy_cleanup)(CURL *handle);
  CURLcode (*easy_perform)(CURL *handle);
  const char *(*easy_strerror)(CURLcode code);
  CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
  CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
  struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
  void (*slist_free_all)(struct curl_slist *list);
};

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static int loaded = 0;
static struct functions curl;

// Every function dw_curl_load needs: its name in libcurl and the field of `struct functions`
// that holds it. Each is looked up; a missing one refuses the library.
static const struct {
  const char *name;
  size_t offset;
} wanted[] = {
    {"curl_global_init", offsetof(struct functions, global_init)},
    {"curl_easy_init", offsetof(struct functions, easy_init)},
    {"curl_easy_cleanup", offsetof(struct functions, easy_cleanup)},
    {"curl_easy_perform", offsetof(struct functions, easy_perform)},
    {"curl_easy_strerror", offsetof(struct functions, easy_strerror)},
    {"curl_easy_setopt", offsetof(struct functions, easy_setopt)},
    {"curl_easy_getinfo", offsetof(struct functions, easy_getinfo)},
    {"curl_slist_append", offsetof(struct functions, slist_append)},
    {"curl_slist_free_all", offsetof(struct functions, slist_free_all)},
};

// Opens `soname` and resolves every function into `*found`. On failure writes the message,
// closes what it opened and returns NULL; on success returns the library's handle.
static void *open_library(const char *soname, struct functions *found, char *error,
                          size_t error_size) {
  // RTLD_LOCAL: curl's symbols stay out of the global namespace, so they cannot interpose on
  // anything else in the process.
  void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    const char *reason = dlerror();
    if (reason == NULL) {
      reason = "unknown error";
    }
    // glibc starts the text with "<soname>: "; drop it so the name is not said twice.
    size_t length = strlen(soname);
    if (strncmp(reason, soname, length) == 0 && strncmp(reason + length, ": ", 2) == 0) {
      reason += length + 2;
    }
    snprintf(error, error_size, "cannot load %s (%s)", soname, reason);
    return NULL;
  }
  // dlsym returns void *; POSIX guarantees it converts to a function pointer of the symbol's
  // real type, which is the one <curl/curl.h> declares and the struct field has. Every field is
  // a function pointer, so storing through a `void **` at its offset writes the whole field.
  for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
    void *symbol = dlsym(library, wanted[i].name);
    if (symbol == NULL) {
      snprintf(error, error_size, "%s has no function %s", soname, wanted[i].name);
      dlclose(library);
      return NULL;
    }
    *(void **)((char *)found + wanted[i].offset) = symbol;
  }
  return library;
}

int dw_curl_check(const char *soname, char *error, size_t error_size) {
  struct functions found;
  void *library = open_library(soname, &found, error, error_size);
  if (library == NULL) {
    return -1;
  }
  dlclose(library);
  return 0;
}

int dw_curl_load(const char *soname, char *error, size_t error_size) {
  pthread_mutex_lock(&load_lock);
  if (loaded) {
    pthread_mutex_unlock(&load_lock);
    return 0;
  }
  struct functions found;
  void *library = open_library(soname, &found, error, error_size);
  if (library == NULL) {
    pthread_mutex_unlock(&load_lock);
    return -1;
  }
  // curl_global_init is not thread-safe in older libcurl: run once, under the lock, before any
  // handle exists.
  CURLcode code = found.global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK) {
    snprintf(error, error_size, "curl_global_init of %s failed (code %d)", soname, (int)code);
    dlclose(library);
    pthread_mutex_unlock(&load_lock);
    return -1;
  }
  curl = found;
  loaded = 1;
  pthread_mutex_unlock(&load_lock);
  return 0;
}

CURL *dw_curl_easy_init(void) { return curl.easy_init(); }

void dw_curl_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }

CURLcode dw_curl_easy_perform(CURL *handle) { return curl.easy_perform(handle); }

const char *dw_curl_easy_strerror(CURLcode code) { return curl.easy_strerror(code); }

struct curl_slist *dw_curl_slist_append(struct curl_slist *list, const char *string) {
  return curl.slist_append(list, string);
}

void dw_curl_slist_free_all(struct curl_slist *list) { curl.slist_free_all(list); }

CURLcode dw_curl_setopt_long(CURL *handle, CURLoption option, long value) {
  return curl.easy_setopt(handle, option, value);
}

CURLcode dw_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return curl.easy_setopt(handle, option, value);
}

CURLcode dw_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return curl.easy_setopt(handle, option, value);
}

CURLcode dw_curl_setopt_read_function(CURL *handle, curl_read_callback callback) {
  return curl.easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

CURLcode dw_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return curl.easy_getinfo(handle, info, value);
}
