// Connecting without blocking the JS thread: the socket is made and a non-blocking connect()
// started inside the namespace (tcp_setup, options first), then a thread waits for the outcome
// (writable + SO_ERROR, tcp(7)), the deadline or an abort, and posts it to JS. The descriptor is
// ours until JS receives it: a failure, a timeout, an abort or the environment's teardown closes
// it, and after tcpAbort() returns no callback runs.
#define _GNU_SOURCE
#include "tcp.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

static const napi_type_tag CONN_TAG = {0x6d6c626e61746976ULL, 0x746370636f6e6e31ULL};

typedef struct {
  int fd, wake, timeout_ms;
  int result;  // set by the thread before it posts: 0 connected, else an errno
  int settled, thread_running;
  int refs;  // the handle's and the thread-safe function's finalizers (both on the JS thread)
  pthread_t thread;
  napi_threadsafe_function tsfn;
  napi_ref self;  // keeps the handle alive while the attempt is pending
  napi_env env;
  char desc[1300];  // "connect to 192.0.2.1 port 179 in netns n1", for messages
} conn_t;

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void *wait_connect(void *arg) {
  conn_t *c = arg;
  long deadline = now_ms() + c->timeout_ms;
  struct pollfd p[2] = {{.fd = c->fd, .events = POLLOUT}, {.fd = c->wake, .events = POLLIN}};
  int result = ETIMEDOUT;
  for (;;) {
    long left = deadline - now_ms();
    if (left <= 0) break;
    int n = poll(p, 2, (int)left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      result = errno;
      break;
    }
    if (n == 0) continue;  // the deadline, checked above
    if (p[1].revents) {
      result = ECANCELED;  // abort or teardown; nobody reads it
      break;
    }
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) err = errno;
    struct sockaddr_storage peer;
    len = sizeof peer;
    // Never hand over a socket that is not connected after all.
    if (!err && getpeername(c->fd, (struct sockaddr *)&peer, &len) < 0) err = errno;
    result = err;
    break;
  }
  c->result = result;
  napi_call_threadsafe_function(c->tsfn, NULL, napi_tsfn_nonblocking);  // unbounded queue: room enough
  return NULL;
}

// ---- on the JS thread ----

static void env_cleanup(void *arg);

static void unref(conn_t *c) {
  if (--c->refs == 0) free(c);
}

static void stop_thread(conn_t *c) {
  if (!c->thread_running) return;
  uint64_t one = 1;
  while (write(c->wake, &one, sizeof one) < 0 && errno == EINTR) {
  }
  pthread_join(c->thread, NULL);
  c->thread_running = 0;
}

/** Ends the attempt: thread joined, descriptor closed unless JS took it, nothing delivered later. */
static void finish(conn_t *c, int teardown) {
  if (c->settled) return;
  c->settled = 1;
  stop_thread(c);
  if (c->fd >= 0) close(c->fd);
  close(c->wake);
  c->fd = c->wake = -1;
  napi_release_threadsafe_function(c->tsfn, teardown ? napi_tsfn_abort : napi_tsfn_release);
  if (!teardown) {
    napi_remove_env_cleanup_hook(c->env, env_cleanup, c);
    if (c->self) napi_delete_reference(c->env, c->self);
    c->self = NULL;
  }
}

static void env_cleanup(void *arg) { finish(arg, 1); }

/** cb(null, fd) when connected, cb(error) otherwise. */
static void call_js(napi_env env, napi_value cb, void *context, void *data) {
  (void)data;
  conn_t *c = context;
  if (!env || !cb || c->settled) return;  // torn down, or aborted after the thread posted
  stop_thread(c);                         // it has posted: this only joins, and orders c->result
  int fd = -1;
  napi_value argv[2], undef;
  napi_get_undefined(env, &undef);
  if (c->result == 0) {
    fd = c->fd;
    c->fd = -1;  // JS owns it from here
    napi_get_null(env, &argv[0]);
    argv[1] = make_int(env, fd);
  } else {
    char step[64];
    if (c->result == ETIMEDOUT)
      snprintf(step, sizeof step, "connect (no answer within %d ms)", c->timeout_ms);
    else
      snprintf(step, sizeof step, "connect");
    nerr_t e = {.code = c->result, .hint = connect_hint(c->result)};
    snprintf(e.step, sizeof e.step, "%s", step);
    argv[0] = make_nerr(env, c->desc, &e);
    argv[1] = undef;
  }
  finish(c, 0);
  if (!argv[0] || !argv[1]) {
    if (fd >= 0) close(fd);
    return;
  }
  napi_call_function(env, undef, cb, 2, argv, NULL);
  bool pending = false;
  napi_value ex;
  if (napi_is_exception_pending(env, &pending) == napi_ok && pending &&
      napi_get_and_clear_last_exception(env, &ex) == napi_ok)
    napi_fatal_exception(env, ex);  // an uncaught exception, as from any other callback
}

static void tsfn_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  unref(data);
}

static void handle_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  finish(data, 1);  // only pending at teardown: the reference keeps it alive until settled
  unref(data);
}

static napi_value conn_start(napi_env env, int fd, int timeout_ms, const char *desc, napi_value cb) {
  nerr_t e = {0};
  conn_t *c = calloc(1, sizeof *c);
  int wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (!c || wake < 0) {
    nerr_set(&e, c ? errno : ENOMEM, NULL, "eventfd");
    if (wake >= 0) close(wake);
    free(c);
    close(fd);
    return throw_nerr(env, desc, &e);
  }
  *c = (conn_t){.fd = fd, .wake = wake, .timeout_ms = timeout_ms, .env = env};
  snprintf(c->desc, sizeof c->desc, "%s", desc);
  napi_value name = make_string(env, "metallb_native connect"), handle = NULL;
  if (napi_create_threadsafe_function(env, cb, NULL, name, 0, 1, c, tsfn_finalize, c, call_js, &c->tsfn) !=
      napi_ok) {
    close(fd);
    close(wake);
    free(c);
    return NULL;  // Node-API has thrown
  }
  c->refs = 1;
  if (napi_create_external(env, c, handle_finalize, NULL, &handle) != napi_ok) {
    finish(c, 1);
    return NULL;
  }
  c->refs++;
  if (napi_type_tag_object(env, handle, &CONN_TAG) != napi_ok ||
      napi_create_reference(env, handle, 1, &c->self) != napi_ok) {
    finish(c, 1);
    return NULL;
  }
  napi_add_env_cleanup_hook(env, env_cleanup, c);
  int rc = start_quiet_thread(&c->thread, 64 * 1024, wait_connect, c);
  if (rc != 0) {
    finish(c, 0);
    nerr_set(&e, rc, NULL, "start the connect thread");
    return throw_nerr(env, desc, &e);
  }
  c->thread_running = 1;
  return handle;
}

/**
 * tcpConnect(netns, address, port, localAddress | null, key | null, ttl, minTtl, timeoutMs, cb):
 * a handle for tcpAbort; cb(null, fd) once connected or cb(error), exactly once unless aborted.
 */
napi_value js_tcp_connect(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value argv[9];
  char netns[1024], addr[INET6_ADDRSTRLEN + 16], local[INET6_ADDRSTRLEN + 16], sfx[1100], desc[1300];
  int port, timeout;
  tcp_setup_t t;
  memset(&t, 0, sizeof t);
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 9)
    return throw_type(env, "tcpConnect(netns, address, port, localAddress, key, ttl, minTtl, timeoutMs, "
                           "callback) needs 9 arguments");
  if (arg_string(env, argv[0], "netns", netns, sizeof netns, 1) < 0 ||
      arg_string(env, argv[1], "address", addr, sizeof addr, 0) < 0 ||
      arg_int(env, argv[2], "port", 1, 65535, &port) < 0 ||
      arg_string(env, argv[3], "localAddress", local, sizeof local, 1) < 0 ||
      arg_tcp_opts(env, argv[4], argv[5], argv[6], &t) < 0 ||
      arg_int(env, argv[7], "timeoutMs", 1, 0x7fffffff, &timeout) < 0 ||
      arg_function(env, argv[8], "callback") < 0)
    return NULL;
  if (parse_sockaddr(addr, port, &t.remote, &t.remote_len) < 0)
    return throw_type(env, "address must be an IPv4 or IPv6 address, got \"%s\"", addr);
  if (local[0] && parse_sockaddr(local, 0, &t.local, &t.local_len) < 0)
    return throw_type(env, "localAddress must be an IPv4 or IPv6 address, got \"%s\"", local);
  if (local[0] && t.local.ss_family != t.remote.ss_family)
    return throw_type(env, "localAddress must be of the same address family as address");
  snprintf(desc, sizeof desc, "connect to %s port %d%s%s%s", addr, port, local[0] ? " from " : "", local,
           ns_suffix(netns, sfx, sizeof sfx));
  ns_socket_t r = {
      .domain = t.remote.ss_family, .type = SOCK_STREAM | SOCK_NONBLOCK, .setup = tcp_setup, .ctx = &t};
  nerr_t e = {0};
  if (ns_socket(netns, &r, &e) < 0) return throw_nerr(env, desc, &e);
  return conn_start(env, r.fd, timeout, desc, argv[8]);
}

/** tcpAbort(handle): true when the attempt was still pending (now closed, no callback), else false. */
napi_value js_tcp_abort(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  napi_valuetype t;
  bool tagged = false;
  void *p = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 1 || napi_typeof(env, argv[0], &t) != napi_ok || t != napi_external ||
      napi_check_object_type_tag(env, argv[0], &CONN_TAG, &tagged) != napi_ok || !tagged ||
      napi_get_value_external(env, argv[0], &p) != napi_ok || !p)
    return throw_type(env, "handle must be a connect handle of metallb_native");
  conn_t *c = p;
  bool pending = !c->settled;
  finish(c, 0);
  napi_get_boolean(env, pending, &out);
  return out;
}
