// The socket core shared by the socket kinds (sockets.c): a socket, its receive thread and its
// thread-safe function. packets.c opens AF_PACKET sockets on it, udp.c UDP sockets. (TCP sockets
// belong to node:net once made: tcp.c.)
#ifndef METALLB_SOCKETS_H
#define METALLB_SOCKETS_H
#include "native.h"

#include <pthread.h>

#define RECV_BUF 65536
#define QUEUE_MAX 4096  // frames waiting for the JS thread; more are dropped, like a full socket buffer

enum { KIND_PACKET = 1, KIND_UDP = 2 };

typedef struct {
  int kind, fd, wake, family;
  int closed, thread_started, tsfn_done;
  int meta;  // UDP: recvmsg with the received TTL and destination address (udp_meta)
  int refs;  // the handle's and the thread-safe function's finalizers (both on the JS thread)
  pthread_t thread;
  napi_threadsafe_function tsfn;
  napi_ref self;  // keeps the handle alive while open
  napi_env env;
  char desc[1200];  // "AF_PACKET socket on eth0 in netns n1", for messages
} sock_t;

/**
 * Wraps an open fd: thread-safe function, handle, receive thread. Returns the handle or throws.
 * meta: receive UDP datagrams with recvmsg and deliver their TTL and destination (see udp_meta).
 */
napi_value sock_start(napi_env env, int kind, int fd, int family, int meta, const char *desc, napi_value cb);
/** The socket behind a handle, or NULL having thrown a TypeError. */
sock_t *sock_get(napi_env env, napi_value v);
/** { handle, <key>: value }, or NULL when handle is NULL (an exception is pending). */
napi_value sock_result(napi_env env, napi_value handle, const char *key, int value);

/** Sending helpers (packets.c): the socket of a handle if open and of `kind`, else NULL having thrown. */
sock_t *sock_for_send(napi_env env, napi_value v, int kind);
/** Throws the error of a failed send on s. */
napi_value sock_send_failed(napi_env env, sock_t *s, int code);

/**
 * The received TTL / hop limit (-1 when absent) and destination address (IPv6 link-local with
 * %<ifindex>; "" when absent) from the control messages of one datagram (udp.c).
 */
struct msghdr;
void udp_meta(struct msghdr *mh, int *ttl, char *local, size_t n);

#endif
