// Shared declarations of the metallb_native addon (Node-API only, so one build serves every Node).
// Layout: netns.c switches namespaces and formats errors, args.c converts JS arguments, ifaces.c
// lists interfaces over netlink, sockets.c runs the receive threads (packets.c: AF_PACKET and UDP
// sockets on them), ipopts.c sets TTL/GTSM/TCP-MD5 options, tcp.c and tcp_connect.c make TCP
// sockets that node:net takes over, addon.c registers everything.
#ifndef METALLB_NATIVE_H
#define METALLB_NATIVE_H

#define NAPI_VERSION 8
#include <node_api.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/socket.h>

#define MLB_EXPORT __attribute__((visibility("default")))

/** What went wrong in one step: errno, the step ("bind to eth0"), an optional hint. */
typedef struct {
  int code;
  char step[192];
  const char *hint;
} nerr_t;

/** Records an error in e and returns -1. */
int nerr_set(nerr_t *e, int code, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** The symbolic name of an errno value ("EPERM"), or "E<number>". */
const char *errno_name(int code, char *buf, size_t n);

/** The Error throw_nerr throws, not thrown (NULL if it cannot be made). */
napi_value make_nerr(napi_env env, const char *what, const nerr_t *e);

/**
 * Throws a JS Error "<what>: <step>: <strerror> (<ENAME>)[: <hint>]" with .code = "ENAME" and
 * .errno = code. Returns NULL for convenient `return throw_nerr(...)`.
 */
napi_value throw_nerr(napi_env env, const char *what, const nerr_t *e);

/** Throws a TypeError (code ERR_INVALID_ARG_TYPE) and returns NULL. */
napi_value throw_type(napi_env env, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * The generic core: runs fn(ctx, e) with the calling thread inside network namespace `netns`
 * ("" or NULL: the current one; a name: /var/run/netns/<name>; an absolute path: that file), and
 * always moves the thread back before returning. Sockets fn creates keep that namespace.
 * Returns fn's result, or -1 with e filled when the namespace cannot be entered.
 */
typedef int (*ns_fn)(void *ctx, nerr_t *e);
int ns_run(const char *netns, ns_fn fn, void *ctx, nerr_t *e);

/**
 * Opens a socket inside `netns` (see ns_run) and calls setup(fd, ctx, e) there too (resolve an
 * interface, setsockopt, bind, connect...), so everything namespace-dependent happens inside.
 * On success r->fd is the socket; on failure it is closed and -1 returned with e filled.
 */
typedef int (*sock_setup_fn)(int fd, void *ctx, nerr_t *e);
typedef struct {
  int domain, type, protocol;  // as for socket(2); SOCK_CLOEXEC is added
  sock_setup_fn setup;         // may be NULL
  void *ctx;
  int fd;  // out
} ns_socket_t;
int ns_socket(const char *netns, ns_socket_t *r, nerr_t *e);
/** ns_socket, throwing "open <desc>: ..." on failure; 0, or -1 with an exception pending. */
int ns_socket_or_throw(napi_env env, const char *netns, ns_socket_t *r, const char *desc);

/**
 * Starts a thread with every signal blocked (signals stay with Node's threads) and the given
 * stack size; pthread_create's result (0 on success).
 */
int start_quiet_thread(pthread_t *thread, size_t stack, void *(*fn)(void *), void *arg);

/** " in netns <name>" or "" (for messages). */
const char *ns_suffix(const char *netns, char *buf, size_t n);

// ---- argument helpers (args.c); each throws a TypeError and returns -1 on bad input ----
int arg_string(napi_env env, napi_value v, const char *name, char *buf, size_t n, int optional);
int arg_int(napi_env env, napi_value v, const char *name, int min, int max, int *out);
int arg_function(napi_env env, napi_value v, const char *name);
/** A boolean; undefined is false. */
int arg_bool(napi_env env, napi_value v, const char *name, int *out);
int arg_bytes(napi_env env, napi_value v, const char *name, void **data, size_t *len);
/** Parses "192.0.2.1", "2001:db8::1" or "fe80::1%<ifindex>" with port into a sockaddr. */
int parse_sockaddr(const char *text, int port, struct sockaddr_storage *ss, socklen_t *len);
/** Formats a sockaddr as text (IPv4-mapped IPv6 as plain IPv4; a scope as %<ifindex>). */
int format_sockaddr(const struct sockaddr *sa, char *buf, size_t n, int *port);
/** An optional key argument: null/undefined (none) or a Uint8Array of 1..80 bytes (TCP_MD5SIG). */
int arg_key(napi_env env, napi_value v, const char *name, const void **data, size_t *len);
napi_value make_string(napi_env env, const char *s);
napi_value make_int(napi_env env, int v);
napi_value make_bytes(napi_env env, const void *data, size_t len);
int set_prop(napi_env env, napi_value obj, const char *key, napi_value v);

// ---- IP-level socket options (ipopts.c); each returns -1 with e filled on failure ----
/** IP_TTL (and IPV6_UNICAST_HOPS on AF_INET6 sockets, which send IPv4-mapped traffic with IP_TTL). */
int set_ttl(int fd, int family, int ttl, nerr_t *e);
/** IP_MINTTL (and IPV6_MINHOPCOUNT on AF_INET6 sockets): GTSM, RFC 5082. */
int set_min_ttl(int fd, int family, int min, nerr_t *e);
/**
 * Adds (key != NULL) or removes the TCP-MD5 key (RFC 2385) for `peer` on a TCP socket of
 * `family`; prefix < 0 means the exact address, else a prefix length (TCP_MD5SIG_EXT). Removing a
 * key that is not there succeeds. The key never appears in e.
 */
int set_md5(int fd, int family, const struct sockaddr_storage *peer, int prefix, const void *key,
            size_t keylen, nerr_t *e);
/** SO_DOMAIN of a TCP socket, or -1 with e filled (EBADF, ENOTSOCK, or EPROTOTYPE when not TCP). */
int tcp_family(int fd, nerr_t *e);

// ---- features ----
napi_value js_list_interfaces(napi_env env, napi_callback_info info);
napi_value js_open_packet(napi_env env, napi_callback_info info);
napi_value js_open_udp(napi_env env, napi_callback_info info);
napi_value js_send(napi_env env, napi_callback_info info);
napi_value js_send_to(napi_env env, napi_callback_info info);
napi_value js_close(napi_env env, napi_callback_info info);
napi_value js_tcp_connect(napi_env env, napi_callback_info info);
napi_value js_tcp_abort(napi_env env, napi_callback_info info);
napi_value js_tcp_listen(napi_env env, napi_callback_info info);
napi_value js_tcp_set_ttl(napi_env env, napi_callback_info info);
napi_value js_tcp_set_md5(napi_env env, napi_callback_info info);

#endif
