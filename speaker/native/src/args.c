// JS argument conversion with TypeErrors on bad input, and socket address text conversion.
#define _GNU_SOURCE
#include "native.h"

#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int arg_string(napi_env env, napi_value v, const char *name, char *buf, size_t n, int optional) {
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok) return -1;
  if (optional && (t == napi_undefined || t == napi_null)) {
    buf[0] = 0;
    return 0;
  }
  if (t != napi_string) return throw_type(env, "%s must be a string", name), -1;
  size_t len = 0;
  if (napi_get_value_string_utf8(env, v, NULL, 0, &len) != napi_ok) return -1;
  if (len >= n) return throw_type(env, "%s is too long (at most %zu bytes)", name, n - 1), -1;
  if (napi_get_value_string_utf8(env, v, buf, n, &len) != napi_ok) return -1;
  if (strlen(buf) != len) return throw_type(env, "%s must not contain NUL characters", name), -1;
  return 0;
}

int arg_int(napi_env env, napi_value v, const char *name, int min, int max, int *out) {
  napi_valuetype t;
  double d;
  if (napi_typeof(env, v, &t) != napi_ok) return -1;
  if (t != napi_number || napi_get_value_double(env, v, &d) != napi_ok || d != floor(d) || d < min ||
      d > max)
    return throw_type(env, "%s must be an integer from %d to %d", name, min, max), -1;
  *out = (int)d;
  return 0;
}

int arg_bool(napi_env env, napi_value v, const char *name, int *out) {
  napi_valuetype t;
  bool b = false;
  if (napi_typeof(env, v, &t) != napi_ok) return -1;
  if (t != napi_undefined && (t != napi_boolean || napi_get_value_bool(env, v, &b) != napi_ok))
    return throw_type(env, "%s must be a boolean", name), -1;
  *out = b;
  return 0;
}

int arg_function(napi_env env, napi_value v, const char *name) {
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok) return -1;
  if (t != napi_function) return throw_type(env, "%s must be a function", name), -1;
  return 0;
}

int arg_bytes(napi_env env, napi_value v, const char *name, void **data, size_t *len) {
  bool is;
  napi_typedarray_type type;
  napi_value ab;
  size_t off;
  if (napi_is_typedarray(env, v, &is) != napi_ok) return -1;
  if (!is || napi_get_typedarray_info(env, v, &type, len, data, &ab, &off) != napi_ok ||
      type != napi_uint8_array)
    return throw_type(env, "%s must be a Uint8Array", name), -1;
  return 0;
}

int arg_key(napi_env env, napi_value v, const char *name, const void **data, size_t *len) {
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok) return -1;
  if (t == napi_undefined || t == napi_null) {
    *data = NULL;
    *len = 0;
    return 0;
  }
  void *p;
  if (arg_bytes(env, v, name, &p, len) < 0) return -1;
  // TCP_MD5SIG_MAXKEYLEN; the message gives the length only, never the key.
  if (*len < 1 || *len > 80) return throw_type(env, "%s must have 1 to 80 bytes, got %zu", name, *len), -1;
  *data = p;
  return 0;
}

int parse_sockaddr(const char *text, int port, struct sockaddr_storage *ss, socklen_t *len) {
  char host[INET6_ADDRSTRLEN + 16];
  if (strlen(text) >= sizeof host) return -1;
  strcpy(host, text);
  memset(ss, 0, sizeof *ss);
  struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
  if (inet_pton(AF_INET, host, &s4->sin_addr) == 1) {
    s4->sin_family = AF_INET;
    s4->sin_port = htons((unsigned short)port);
    *len = sizeof *s4;
    return 0;
  }
  struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
  char *pct = strchr(host, '%');
  if (pct) {
    char *end;
    *pct = 0;
    unsigned long scope = strtoul(pct + 1, &end, 10);
    if (pct[1] < '0' || pct[1] > '9' || *end || scope > 0xffffffffUL) return -1;
    s6->sin6_scope_id = (uint32_t)scope;
  }
  if (inet_pton(AF_INET6, host, &s6->sin6_addr) != 1) return -1;
  s6->sin6_family = AF_INET6;
  s6->sin6_port = htons((unsigned short)port);
  *len = sizeof *s6;
  return 0;
}

int format_sockaddr(const struct sockaddr *sa, char *buf, size_t n, int *port) {
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;
    *port = ntohs(s4->sin_port);
    return inet_ntop(AF_INET, &s4->sin_addr, buf, (socklen_t)n) ? 0 : -1;
  }
  if (sa->sa_family != AF_INET6) return -1;
  const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;
  *port = ntohs(s6->sin6_port);
  if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr))
    return inet_ntop(AF_INET, &s6->sin6_addr.s6_addr[12], buf, (socklen_t)n) ? 0 : -1;
  if (!inet_ntop(AF_INET6, &s6->sin6_addr, buf, (socklen_t)n)) return -1;
  if (s6->sin6_scope_id) {
    size_t used = strlen(buf);
    snprintf(buf + used, n - used, "%%%u", (unsigned)s6->sin6_scope_id);
  }
  return 0;
}

napi_value make_string(napi_env env, const char *s) {
  napi_value v = NULL;
  napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v);
  return v;
}

napi_value make_int(napi_env env, int i) {
  napi_value v = NULL;
  napi_create_int32(env, i, &v);
  return v;
}

napi_value make_bytes(napi_env env, const void *data, size_t len) {
  napi_value ab, arr;
  void *dst;
  if (napi_create_arraybuffer(env, len, &dst, &ab) != napi_ok) return NULL;
  if (len) memcpy(dst, data, len);
  if (napi_create_typedarray(env, napi_uint8_array, len, ab, 0, &arr) != napi_ok) return NULL;
  return arr;
}

int set_prop(napi_env env, napi_value obj, const char *key, napi_value v) {
  if (!v) return -1;
  return napi_set_named_property(env, obj, key, v) == napi_ok ? 0 : -1;
}
