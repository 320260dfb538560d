// The socket core shared by the socket kinds (sockets.c): a socket, its receive thread and its
// thread-safe function. packets.c opens AF_PACKET and UDP sockets on it; TCP will follow.
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
  int refs;  // the handle's and the thread-safe function's finalizers (both on the JS thread)
  pthread_t thread;
  napi_threadsafe_function tsfn;
  napi_ref self;  // keeps the handle alive while open
  napi_env env;
  char desc[1200];  // "AF_PACKET socket on eth0 in netns n1", for messages
} sock_t;

/** Wraps an open fd: thread-safe function, handle, receive thread. Returns the handle or throws. */
napi_value sock_start(napi_env env, int kind, int fd, int family, const char *desc, napi_value cb);
/** The socket behind a handle, or NULL having thrown a TypeError. */
sock_t *sock_get(napi_env env, napi_value v);
/** { handle, <key>: value }, or NULL when handle is NULL (an exception is pending). */
napi_value sock_result(napi_env env, napi_value handle, const char *key, int value);

#endif
