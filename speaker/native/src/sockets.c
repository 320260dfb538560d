// Sockets with a receive thread each: AF_PACKET (ARP and IPv6 frames of one interface) and UDP.
// The thread blocks in poll() on the socket and an eventfd (written by close), and hands every
// frame or datagram to JS through a thread-safe function; close() joins it, so no callback runs
// after close() returns. An open socket keeps the process alive, like a Node socket.
#define _GNU_SOURCE
#include "sockets.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

static const napi_type_tag SOCK_TAG = {0x6d6c626e61746976ULL, 0x65736f636b657431ULL};

typedef struct {
  int err;  // errno of a receive error, else 0
  int port;
  int ttl;  // -1: not received (or not asked for)
  char from[INET6_ADDRSTRLEN + 16];
  char local[INET6_ADDRSTRLEN + 16];
  size_t len;
  unsigned char data[];
} msg_t;

static void unref(sock_t *s) {
  if (--s->refs == 0) free(s);
}

// ---- the receive thread ----

static void post(sock_t *s, msg_t *m) {
  if (napi_call_threadsafe_function(s->tsfn, m, napi_tsfn_nonblocking) != napi_ok) free(m);
}

static void post_error(sock_t *s, int code) {
  msg_t *m = calloc(1, sizeof *m);
  if (!m) return;
  m->err = code;
  post(s, m);
}

static void *receive(void *arg) {
  sock_t *s = arg;
  unsigned char *buf = malloc(RECV_BUF);
  if (!buf) {
    post_error(s, ENOMEM);
    return NULL;
  }
  struct pollfd p[2] = {{.fd = s->fd, .events = POLLIN}, {.fd = s->wake, .events = POLLIN}};
  for (;;) {
    if (poll(p, 2, -1) < 0) {
      if (errno == EINTR) continue;
      post_error(s, errno);
      break;
    }
    if (p[1].revents) break;  // close()
    if (!p[0].revents) continue;
    struct sockaddr_storage from;
    socklen_t fromlen = sizeof from;
    ssize_t n;
    int ttl = -1;
    char local[INET6_ADDRSTRLEN + 16] = "";
    if (s->meta) {
      union {
        struct cmsghdr align;
        unsigned char bytes[256];  // TTL + packet info of either family, with room to spare
      } ctl;
      struct iovec iov = {.iov_base = buf, .iov_len = RECV_BUF};
      struct msghdr mh = {.msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov, .msg_iovlen = 1,
                          .msg_control = ctl.bytes, .msg_controllen = sizeof ctl.bytes};
      n = recvmsg(s->fd, &mh, MSG_TRUNC | MSG_DONTWAIT);
      if (n >= 0) udp_meta(&mh, &ttl, local, sizeof local);
    } else {
      n = recvfrom(s->fd, buf, RECV_BUF, MSG_TRUNC | MSG_DONTWAIT, (struct sockaddr *)&from, &fromlen);
    }
    if (n < 0) {
      int code = errno;
      if (code == EAGAIN || code == EWOULDBLOCK || code == EINTR) continue;
      post_error(s, code);  // e.g. ENETDOWN when the interface goes down: keep listening
      if (code == EBADF || code == ENOTSOCK || code == EFAULT || code == EINVAL) break;
      usleep(10000);
      continue;
    }
    if (n > RECV_BUF) n = RECV_BUF;  // truncated
    if (s->kind == KIND_PACKET) {
      const struct sockaddr_ll *ll = (const struct sockaddr_ll *)&from;
      if (ll->sll_pkttype == PACKET_OUTGOING || n < ETH_HLEN) continue;
      int type = buf[12] << 8 | buf[13];
      if (type != ETH_P_ARP && type != ETH_P_IPV6) continue;
    }
    msg_t *m = malloc(sizeof *m + (size_t)n);
    if (!m) continue;
    m->err = 0;
    m->ttl = ttl;
    memcpy(m->local, local, sizeof local);
    m->len = (size_t)n;
    memcpy(m->data, buf, (size_t)n);
    if (s->kind != KIND_UDP || format_sockaddr((struct sockaddr *)&from, m->from, sizeof m->from, &m->port) < 0) {
      m->from[0] = 0;
      m->port = 0;
    }
    post(s, m);
  }
  free(buf);
  return NULL;
}

// ---- on the JS thread ----

/**
 * Delivers one message: cb(frame) for packet sockets, cb(data, address, port) for UDP (plus ttl and
 * destination address, each undefined when absent, with meta), cb(null, error).
 */
static void call_js(napi_env env, napi_value cb, void *context, void *data) {
  sock_t *s = context;
  msg_t *m = data;
  if (env && cb && !s->closed) {
    napi_value argv[5], undef;
    size_t argc = 1;
    napi_get_undefined(env, &undef);
    if (m->err) {
      char what[1300];
      nerr_t e = {.code = m->err, .hint = NULL};
      snprintf(what, sizeof what, "receive on %s", s->desc);
      napi_get_null(env, &argv[0]);
      argv[1] = make_nerr(env, what, &e);
      argc = 2;
    } else {
      argv[0] = make_bytes(env, m->data, m->len);
      if (s->kind == KIND_UDP) {
        argv[1] = make_string(env, m->from);
        argv[2] = make_int(env, m->port);
        argc = 3;
      }
      if (s->kind == KIND_UDP && s->meta) {
        argv[3] = m->ttl >= 0 ? make_int(env, m->ttl) : undef;
        argv[4] = m->local[0] ? make_string(env, m->local) : undef;
        argc = 5;
      }
    }
    int ok = 1;
    for (size_t i = 0; i < argc; i++) ok = ok && argv[i];
    if (ok) napi_call_function(env, undef, cb, argc, argv, NULL);
    bool pending = false;
    napi_value ex;
    if (napi_is_exception_pending(env, &pending) == napi_ok && pending &&
        napi_get_and_clear_last_exception(env, &ex) == napi_ok)
      napi_fatal_exception(env, ex);  // an uncaught exception, as from any other callback
  }
  free(m);
}

static void env_cleanup(void *arg);

static void close_sock(sock_t *s, int teardown) {
  if (s->closed) return;
  s->closed = 1;
  if (s->thread_started) {
    uint64_t one = 1;
    while (write(s->wake, &one, sizeof one) < 0 && errno == EINTR) {
    }
    pthread_join(s->thread, NULL);
  }
  close(s->fd);
  close(s->wake);
  s->fd = s->wake = -1;
  if (!s->tsfn_done) napi_release_threadsafe_function(s->tsfn, napi_tsfn_abort);
  if (!teardown) {
    napi_remove_env_cleanup_hook(s->env, env_cleanup, s);
    if (s->self) napi_delete_reference(s->env, s->self);
    s->self = NULL;
  }
}

static void env_cleanup(void *arg) { close_sock(arg, 1); }

static void tsfn_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  sock_t *s = data;
  s->tsfn_done = 1;
  unref(s);
}

static void handle_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  sock_t *s = data;
  close_sock(s, 1);
  unref(s);
}

napi_value sock_start(napi_env env, int kind, int fd, int family, int meta, const char *desc, napi_value cb) {
  nerr_t e = {0};
  char what[1300];
  sock_t *s = calloc(1, sizeof *s);
  int wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (!s || wake < 0) {
    nerr_set(&e, s ? errno : ENOMEM, NULL, "eventfd");
    snprintf(what, sizeof what, "open %s", desc);
    if (wake >= 0) close(wake);
    free(s);
    close(fd);
    return throw_nerr(env, what, &e);
  }
  *s = (sock_t){.kind = kind, .fd = fd, .wake = wake, .family = family, .meta = meta, .env = env};
  snprintf(s->desc, sizeof s->desc, "%s", desc);
  napi_value name = make_string(env, "metallb_native socket"), handle = NULL;
  if (napi_create_threadsafe_function(env, cb, NULL, name, QUEUE_MAX, 1, s, tsfn_finalize, s, call_js,
                                      &s->tsfn) != napi_ok) {
    s->closed = 1;
    close(fd);
    close(wake);
    free(s);
    return NULL;  // Node-API has thrown
  }
  s->refs = 1;
  s->thread_started = 0;
  if (napi_create_external(env, s, handle_finalize, NULL, &handle) != napi_ok) {
    close_sock(s, 1);
    return NULL;
  }
  s->refs++;
  if (napi_type_tag_object(env, handle, &SOCK_TAG) != napi_ok ||
      napi_create_reference(env, handle, 1, &s->self) != napi_ok) {
    close_sock(s, 1);
    return NULL;
  }
  int rc = start_quiet_thread(&s->thread, 256 * 1024, receive, s);
  if (rc != 0) {
    close_sock(s, 0);
    nerr_set(&e, rc, NULL, "start the receive thread");
    snprintf(what, sizeof what, "open %s", desc);
    return throw_nerr(env, what, &e);
  }
  s->thread_started = 1;
  napi_add_env_cleanup_hook(env, env_cleanup, s);
  return handle;
}

sock_t *sock_get(napi_env env, napi_value v) {
  napi_valuetype t;
  bool tagged = false;
  void *p = NULL;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_external ||
      napi_check_object_type_tag(env, v, &SOCK_TAG, &tagged) != napi_ok || !tagged ||
      napi_get_value_external(env, v, &p) != napi_ok || !p) {
    throw_type(env, "handle must be a socket handle of metallb_native");
    return NULL;
  }
  return p;
}

napi_value sock_result(napi_env env, napi_value handle, const char *key, int value) {
  napi_value o;
  if (!handle || napi_create_object(env, &o) != napi_ok) return NULL;
  set_prop(env, o, "handle", handle);
  set_prop(env, o, key, make_int(env, value));
  return o;
}

/** close(handle): stops the thread, closes the socket; harmless when already closed. */
napi_value js_close(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 1) return throw_type(env, "close(handle) needs 1 argument");
  sock_t *s = sock_get(env, argv[0]);
  if (s) close_sock(s, 0);
  return NULL;
}
