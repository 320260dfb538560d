// TCP sockets made inside a network namespace and handed to node:net as file descriptors:
// tcp.c sets their options and listens, tcp_connect.c connects without blocking the JS thread.
#ifndef METALLB_TCP_H
#define METALLB_TCP_H
#include "native.h"

/** What tcp_setup does on a fresh socket (the ctx of ns_socket). */
typedef struct {
  int ttl, min_ttl;  // 0: the kernel default
  const void *key;   // TCP-MD5 key or NULL; for `remote` when connecting, for any peer when listening
  size_t keylen;
  struct sockaddr_storage local;  // bind address
  socklen_t local_len;            // 0: no bind (connect from the routed source)
  struct sockaddr_storage remote;
  socklen_t remote_len;  // > 0: connect to it (non-blocking); 0: listen
  int backlog;
  int port;  // out: the bound port of a listener
} tcp_setup_t;

/** A sock_setup_fn: options first (MD5 must precede the SYN), then bind, then listen or connect. */
int tcp_setup(int fd, void *ctx, nerr_t *e);

/** Why a connect may have failed, for the error message, or NULL. */
const char *connect_hint(int code);

/** Reads (key, ttl, minTtl) arguments into t: key null or 1..80 bytes, TTLs 0 (unset) or 1..255. */
int arg_tcp_opts(napi_env env, napi_value key, napi_value ttl, napi_value min_ttl, tcp_setup_t *t);

#endif
