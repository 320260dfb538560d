// UDP sockets on the socket core, opened inside a network namespace, and sending on them. For BFD
// (RFC 5881: TTL 255 out, TTL checked in, the destination address demultiplexes) a socket can set
// the TTL it sends with and receive each datagram's TTL and destination address (ip(7), ipv6(7)).
#define _GNU_SOURCE
#include "sockets.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  struct sockaddr_storage ss;  // in: bind address; out: the bound one
  int ttl;                     // 0: kernel default
  int meta, reuse;
} udp_ctx;

static int set_on(int fd, int level, int opt, const char *name, nerr_t *e) {
  int one = 1;
  if (setsockopt(fd, level, opt, &one, sizeof one) < 0) return nerr_set(e, errno, NULL, "set %s", name);
  return 0;
}

static int udp_setup(int fd, void *ctx, nerr_t *e) {
  udp_ctx *c = ctx;
  int family = c->ss.ss_family;
  if (c->reuse && set_on(fd, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR", e) < 0) return -1;
  if (family == AF_INET6) {
    // Dual stack whatever net.ipv6.bindv6only says: '::' must receive IPv4 too (BFD, gossip).
    int zero = 0;
    if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero) < 0)
      return nerr_set(e, errno, NULL, "clear IPV6_V6ONLY");
  }
  if (c->ttl && set_ttl(fd, family, c->ttl, e) < 0) return -1;
  if (c->meta) {
    // IPv4 datagrams reaching an AF_INET6 socket (IPv4-mapped) carry the IPv4 control messages,
    // so a dual-stack socket asks for both kinds; udp_meta reads whichever arrives.
    if (family == AF_INET6 && (set_on(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, "IPV6_RECVHOPLIMIT", e) < 0 ||
                               set_on(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, "IPV6_RECVPKTINFO", e) < 0))
      return -1;
    if (set_on(fd, IPPROTO_IP, IP_RECVTTL, "IP_RECVTTL", e) < 0 ||
        set_on(fd, IPPROTO_IP, IP_PKTINFO, "IP_PKTINFO", e) < 0)
      return -1;
  }
  socklen_t len = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
  if (bind(fd, (struct sockaddr *)&c->ss, len) < 0) {
    int code = errno;
    return nerr_set(e, code,
                    code == EACCES          ? "ports below 1024 need CAP_NET_BIND_SERVICE"
                    : code == EADDRNOTAVAIL ? "the address is not on an interface of that namespace"
                    : code == EADDRINUSE    ? "the port is taken, try another"
                                            : NULL,
                    "bind");
  }
  len = sizeof c->ss;
  if (getsockname(fd, (struct sockaddr *)&c->ss, &len) < 0) return nerr_set(e, errno, NULL, "getsockname");
  return 0;
}

void udp_meta(struct msghdr *mh, int *ttl, char *local, size_t n) {
  for (struct cmsghdr *cm = CMSG_FIRSTHDR(mh); cm; cm = CMSG_NXTHDR(mh, cm)) {
    const void *d = CMSG_DATA(cm);
    if ((cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_TTL) ||
        (cm->cmsg_level == IPPROTO_IPV6 && cm->cmsg_type == IPV6_HOPLIMIT)) {
      if (cm->cmsg_len >= CMSG_LEN(sizeof(int))) memcpy(ttl, d, sizeof(int));
    } else if (cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_PKTINFO &&
               cm->cmsg_len >= CMSG_LEN(sizeof(struct in_pktinfo))) {
      struct in_pktinfo pi;
      memcpy(&pi, d, sizeof pi);
      if (!inet_ntop(AF_INET, &pi.ipi_addr, local, (socklen_t)n)) local[0] = 0;  // the header's destination
    } else if (cm->cmsg_level == IPPROTO_IPV6 && cm->cmsg_type == IPV6_PKTINFO &&
               cm->cmsg_len >= CMSG_LEN(sizeof(struct in6_pktinfo))) {
      struct in6_pktinfo pi;
      memcpy(&pi, d, sizeof pi);
      struct sockaddr_in6 s6 = {.sin6_family = AF_INET6, .sin6_addr = pi.ipi6_addr};
      // A link-local destination is only meaningful with its interface (as format_sockaddr writes it).
      if (IN6_IS_ADDR_LINKLOCAL(&pi.ipi6_addr)) s6.sin6_scope_id = pi.ipi6_ifindex;
      int port;
      if (format_sockaddr((struct sockaddr *)&s6, local, n, &port) < 0) local[0] = 0;
    }
  }
}

/**
 * openUdp(netns, address, port, cb, ttl?, receiveTtl?, reuseAddress?): { handle, port }; ttl 0 or
 * undefined leaves the kernel default.
 */
napi_value js_open_udp(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  char netns[1024], addr[INET6_ADDRSTRLEN + 16], desc[1200], sfx[1100];
  int port, bound;
  udp_ctx c = {.ttl = 0};
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 4) return throw_type(env, "openUdp(netns, address, port, callback) needs 4 arguments");
  if (arg_string(env, argv[0], "netns", netns, sizeof netns, 1) < 0 ||
      arg_string(env, argv[1], "address", addr, sizeof addr, 0) < 0 ||
      arg_int(env, argv[2], "port", 0, 65535, &port) < 0 || arg_function(env, argv[3], "callback") < 0)
    return NULL;
  napi_valuetype t = napi_undefined;
  if (argc > 4 && (napi_typeof(env, argv[4], &t) != napi_ok ||
                   (t != napi_undefined && arg_int(env, argv[4], "ttl", 0, 255, &c.ttl) < 0)))
    return NULL;
  if ((argc > 5 && arg_bool(env, argv[5], "receiveTtl", &c.meta) < 0) ||
      (argc > 6 && arg_bool(env, argv[6], "reuseAddress", &c.reuse) < 0))
    return NULL;
  socklen_t sslen;
  if (parse_sockaddr(addr, port, &c.ss, &sslen) < 0)
    return throw_type(env, "address must be an IPv4 or IPv6 address, got \"%s\"", addr);
  int family = c.ss.ss_family;
  const char *in = ns_suffix(netns, sfx, sizeof sfx);
  snprintf(desc, sizeof desc, "UDP socket on %s port %d%s", addr, port, in);
  ns_socket_t r = {.domain = family, .type = SOCK_DGRAM | SOCK_NONBLOCK, .setup = udp_setup, .ctx = &c};
  if (ns_socket_or_throw(env, netns, &r, desc) < 0) return NULL;
  char text[INET6_ADDRSTRLEN + 16];
  if (format_sockaddr((struct sockaddr *)&c.ss, text, sizeof text, &bound) < 0) bound = port;
  snprintf(desc, sizeof desc, "UDP socket on %s port %d%s", addr, bound, in);
  return sock_result(env, sock_start(env, KIND_UDP, r.fd, family, c.meta, desc, argv[3]), "port", bound);
}

/** sendTo(handle, data: Uint8Array, address: string, port: number) on a UDP socket. */
napi_value js_send_to(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  void *data;
  size_t len;
  char addr[INET6_ADDRSTRLEN + 16];
  int port;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 4) return throw_type(env, "sendTo(handle, data, address, port) needs 4 arguments");
  sock_t *s = sock_for_send(env, argv[0], KIND_UDP);
  if (!s || arg_bytes(env, argv[1], "data", &data, &len) < 0 ||
      arg_string(env, argv[2], "address", addr, sizeof addr, 0) < 0 ||
      arg_int(env, argv[3], "port", 1, 65535, &port) < 0)
    return NULL;
  struct sockaddr_storage ss;
  socklen_t sslen;
  if (parse_sockaddr(addr, port, &ss, &sslen) < 0)
    return throw_type(env, "address must be an IPv4 or IPv6 address, got \"%s\"", addr);
  if (s->family == AF_INET6 && ss.ss_family == AF_INET) {  // dual-stack socket: IPv4-mapped
    struct sockaddr_in v4 = *(struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    memset(&ss, 0, sizeof ss);
    v6->sin6_family = AF_INET6;
    v6->sin6_port = v4.sin_port;
    v6->sin6_addr.s6_addr[10] = v6->sin6_addr.s6_addr[11] = 0xff;
    memcpy(&v6->sin6_addr.s6_addr[12], &v4.sin_addr, 4);
    sslen = sizeof *v6;
  } else if (s->family == AF_INET && ss.ss_family == AF_INET6) {
    return sock_send_failed(env, s, EAFNOSUPPORT);
  }
  if (sendto(s->fd, data, len, MSG_DONTWAIT, (struct sockaddr *)&ss, sslen) < 0)
    return sock_send_failed(env, s, errno);
  return NULL;
}

