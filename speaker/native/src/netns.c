// Network namespace switching (the generic "do this inside netns X" core) and error formatting.
#define _GNU_SOURCE
#include "native.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int nerr_set(nerr_t *e, int code, const char *hint, const char *fmt, ...) {
  va_list ap;
  e->code = code;
  e->hint = hint;
  va_start(ap, fmt);
  vsnprintf(e->step, sizeof e->step, fmt, ap);
  va_end(ap);
  return -1;
}

const char *errno_name(int code, char *buf, size_t n) {
  switch (code) {
#define N(x) \
  case x:    \
    return #x;
    N(EPERM) N(ENOENT) N(ESRCH) N(EINTR) N(EIO) N(ENXIO) N(EBADF) N(EAGAIN) N(ENOMEM) N(EACCES)
    N(EFAULT) N(EBUSY) N(EEXIST) N(ENODEV) N(ENOTDIR) N(EINVAL) N(ENFILE) N(EMFILE) N(ENOSPC)
    N(ERANGE) N(ENAMETOOLONG) N(ENOSYS) N(ELOOP) N(ENOTSOCK) N(EDESTADDRREQ) N(EMSGSIZE)
    N(EPROTOTYPE) N(ENOPROTOOPT) N(EPROTONOSUPPORT) N(EOPNOTSUPP) N(EAFNOSUPPORT) N(EADDRINUSE)
    N(EADDRNOTAVAIL) N(ENETDOWN) N(ENETUNREACH) N(ECONNABORTED) N(ECONNRESET) N(ENOBUFS)
    N(EISCONN) N(ENOTCONN) N(ETIMEDOUT) N(ECONNREFUSED) N(EHOSTDOWN) N(EHOSTUNREACH) N(EALREADY)
    N(EINPROGRESS)
#undef N
  }
  snprintf(buf, n, "E%d", code);
  return buf;
}

napi_value make_nerr(napi_env env, const char *what, const nerr_t *e) {
  char msg[768], nbuf[16];
  const char *name = errno_name(e->code, nbuf, sizeof nbuf);
  snprintf(msg, sizeof msg, "%s%s%s: %s (%s)%s%s", what, e->step[0] ? ": " : "", e->step,
           strerror(e->code), name, e->hint ? ": " : "", e->hint ? e->hint : "");
  napi_value code, text, err;
  if (napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &code) != napi_ok ||
      napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &text) != napi_ok ||
      napi_create_error(env, code, text, &err) != napi_ok)
    return NULL;
  set_prop(env, err, "errno", make_int(env, e->code));
  return err;
}

napi_value throw_nerr(napi_env env, const char *what, const nerr_t *e) {
  napi_value err = make_nerr(env, what, e);
  if (err) napi_throw(env, err);
  return NULL;
}

napi_value throw_type(napi_env env, const char *fmt, ...) {
  char msg[384];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", msg);
  return NULL;
}

const char *ns_suffix(const char *netns, char *buf, size_t n) {
  if (!netns || !*netns)
    buf[0] = 0;
  else
    snprintf(buf, n, " in netns %s", netns);
  return buf;
}

/** /var/run/netns/<name> for a name; an absolute path as is. */
static int netns_path(const char *netns, char *out, size_t n, nerr_t *e) {
  size_t len = strlen(netns);
  if (netns[0] == '/') {
    if (len >= n) return nerr_set(e, ENAMETOOLONG, NULL, "network namespace path %.64s...", netns);
    memcpy(out, netns, len + 1);
    return 0;
  }
  if (strchr(netns, '/') || !strcmp(netns, ".") || !strcmp(netns, "..") || len > NAME_MAX)
    return nerr_set(e, EINVAL, "a name as given to ip netns add", "network namespace name \"%.64s\"",
                    netns);
  snprintf(out, n, "/var/run/netns/%s", netns);
  return 0;
}

int ns_run(const char *netns, ns_fn fn, void *ctx, nerr_t *e) {
  if (!netns || !*netns) return fn(ctx, e);
  char path[PATH_MAX];
  if (netns_path(netns, path, sizeof path, e) < 0) return -1;
  // The thread's own namespace, to return to (usually the process's; thread-self is exact).
  int self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (self < 0) self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (self < 0) return nerr_set(e, errno, NULL, "open /proc/thread-self/ns/net");
  int target = open(path, O_RDONLY | O_CLOEXEC);
  if (target < 0) {
    int code = errno;
    close(self);
    return nerr_set(e, code,
                    code == ENOENT ? "no such network namespace (see ip netns list)"
                    : code == EACCES ? "needs root"
                                     : NULL,
                    "open %s", path);
  }
  if (setns(target, CLONE_NEWNET) < 0) {
    int code = errno;
    close(target);
    close(self);
    return nerr_set(e, code,
                    code == EPERM   ? "needs CAP_SYS_ADMIN"
                    : code == EINVAL ? "not a network namespace"
                                     : NULL,
                    "enter network namespace %s", path);
  }
  close(target);
  int rc = fn(ctx, e);
  int saved = errno;
  if (setns(self, CLONE_NEWNET) < 0) {
    // Carrying on in the wrong namespace would send the process's own traffic (e.g. to the
    // apiserver) astray; this cannot happen with the capability that let us leave.
    napi_fatal_error("metallb_native", NAPI_AUTO_LENGTH,
                     "cannot return to the original network namespace", NAPI_AUTO_LENGTH);
  }
  close(self);
  errno = saved;
  return rc;
}

static int socket_fn(void *ctx, nerr_t *e) {
  ns_socket_t *r = ctx;
  r->fd = socket(r->domain, r->type | SOCK_CLOEXEC, r->protocol);
  if (r->fd < 0) {
    int code = errno;
    int raw = r->domain == AF_PACKET || r->type == SOCK_RAW;
    return nerr_set(e, code, (code == EPERM || code == EACCES) && raw ? "needs CAP_NET_RAW" : NULL, "%s", "");
  }
  if (r->setup && r->setup(r->fd, r->ctx, e) < 0) {
    int code = errno;
    close(r->fd);
    r->fd = -1;
    errno = code;
    return -1;
  }
  return 0;
}

int ns_socket(const char *netns, ns_socket_t *r, nerr_t *e) {
  r->fd = -1;
  return ns_run(netns, socket_fn, r, e);
}

int ns_socket_or_throw(napi_env env, const char *netns, ns_socket_t *r, const char *desc) {
  nerr_t e = {0};
  if (ns_socket(netns, r, &e) == 0) return 0;
  char what[1300];
  snprintf(what, sizeof what, "open %s", desc);
  throw_nerr(env, what, &e);
  return -1;
}

int start_quiet_thread(pthread_t *thread, size_t stack, void *(*fn)(void *), void *arg) {
  sigset_t all, old;
  pthread_attr_t attr;
  sigfillset(&all);
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  int rc = pthread_create(thread, &attr, fn, arg);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  pthread_attr_destroy(&attr);
  return rc;
}
