#ifndef TROTTER_CCURL_SHIM_H
#define TROTTER_CCURL_SHIM_H
#include <curl/curl.h>

// Swift cannot call the variadic curl_easy_setopt/curl_easy_getinfo: one typed wrapper per argument type
// (the shape FoundationNetworking's CFURLSessionInterface uses). static inline because a system library
// target compiles no .c file.
static inline CURLcode trotter_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode trotter_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode trotter_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode trotter_easy_setopt_ptr(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode trotter_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
typedef size_t (*trotter_data_cb)(char *, size_t, size_t, void *);
static inline CURLcode trotter_easy_setopt_data_cb(CURL *h, CURLoption o, trotter_data_cb v) { return curl_easy_setopt(h, o, v); }
typedef int (*trotter_xfer_cb)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
static inline CURLcode trotter_easy_setopt_xfer_cb(CURL *h, CURLoption o, trotter_xfer_cb v) { return curl_easy_setopt(h, o, v); }

static inline CURLcode trotter_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode trotter_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode trotter_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode trotter_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode trotter_easy_getinfo_ptr(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }

static inline CURLMcode trotter_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

// Macros with casts do not import into Swift; give them names.
static inline long trotter_auth_digest(void) { return (long)CURLAUTH_DIGEST; }
static inline long trotter_auth_basic(void) { return (long)CURLAUTH_BASIC; }
static inline long trotter_auth_bearer(void) { return (long)CURLAUTH_BEARER; }
static inline long trotter_global_default(void) { return (long)CURL_GLOBAL_DEFAULT; }
static inline const char *trotter_curl_version(void) { return curl_version(); }

// The CURLMsg union's result member, which Swift sees awkwardly.
static inline CURLcode trotter_msg_result(CURLMsg *m) { return m->data.result; }
static inline CURL *trotter_msg_handle(CURLMsg *m) { return m->easy_handle; }
static inline int trotter_msg_is_done(CURLMsg *m) { return m->msg == CURLMSG_DONE; }
#endif
