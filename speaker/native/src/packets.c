// AF_PACKET sockets (the ARP and IPv6 frames of one interface) and UDP sockets, opened inside a
// network namespace on the socket core, and sending on them.
#define _GNU_SOURCE
#include "sockets.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

// ---- AF_PACKET ----

typedef struct {
  const char *ifname;
  int ifindex;
} packet_ctx;

static int packet_setup(int fd, void *ctx, nerr_t *e) {
  packet_ctx *c = ctx;
  unsigned idx = if_nametoindex(c->ifname);  // inside the namespace
  if (!idx) return nerr_set(e, errno == ENXIO ? ENODEV : errno, "no such interface", "find interface");
  c->ifindex = (int)idx;
  // Only ARP and IPv6 frames reach the socket; outgoing ones are skipped (kernel and below).
  struct sock_filter code[] = {
      BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_ARP, 2, 0),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IPV6, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, 0),
      BPF_STMT(BPF_RET | BPF_K, 0x40000),
  };
  struct sock_fprog prog = {.len = sizeof code / sizeof code[0], .filter = code};
  if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) < 0)
    return nerr_set(e, errno, NULL, "attach the ARP/IPv6 filter");
  int one = 1;
  (void)setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);  // Linux >= 4.20
  // All-multicast, so neighbor solicitations to solicited-node groups arrive.
  struct packet_mreq mr = {.mr_ifindex = (int)idx, .mr_type = PACKET_MR_ALLMULTI};
  if (setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr) < 0)
    return nerr_set(e, errno, NULL, "enable all-multicast");
  // Created with protocol 0 (nothing received); frames start flowing here, already filtered.
  struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL), .sll_ifindex = (int)idx};
  if (bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) return nerr_set(e, errno, NULL, "bind");
  return 0;
}

/** openPacket(netns: string | null, ifname: string, cb): { handle, ifindex } */
napi_value js_open_packet(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  char netns[1024], ifname[IF_NAMESIZE], desc[1200], sfx[1100];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 3) return throw_type(env, "openPacket(netns, ifname, callback) needs 3 arguments");
  if (arg_string(env, argv[0], "netns", netns, sizeof netns, 1) < 0 ||
      arg_string(env, argv[1], "ifname", ifname, sizeof ifname, 0) < 0 ||
      arg_function(env, argv[2], "callback") < 0)
    return NULL;
  if (!ifname[0]) return throw_type(env, "ifname must not be empty");
  snprintf(desc, sizeof desc, "AF_PACKET socket on %s%s", ifname, ns_suffix(netns, sfx, sizeof sfx));
  packet_ctx c = {.ifname = ifname};
  ns_socket_t r = {.domain = AF_PACKET, .type = SOCK_RAW | SOCK_NONBLOCK, .setup = packet_setup, .ctx = &c};
  nerr_t e = {0};
  if (ns_socket(netns, &r, &e) < 0) {
    char what[1300];
    snprintf(what, sizeof what, "open %s", desc);
    return throw_nerr(env, what, &e);
  }
  return sock_result(env, sock_start(env, KIND_PACKET, r.fd, AF_PACKET, desc, argv[2]), "ifindex", c.ifindex);
}

// ---- UDP ----

static int udp_setup(int fd, void *ctx, nerr_t *e) {
  struct sockaddr_storage *ss = ctx;
  socklen_t len = ss->ss_family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
  if (bind(fd, (struct sockaddr *)ss, len) < 0) {
    int code = errno;
    return nerr_set(e, code,
                    code == EACCES          ? "ports below 1024 need CAP_NET_BIND_SERVICE"
                    : code == EADDRNOTAVAIL ? "the address is not on an interface of that namespace"
                                            : NULL,
                    "bind");
  }
  len = sizeof *ss;
  if (getsockname(fd, (struct sockaddr *)ss, &len) < 0) return nerr_set(e, errno, NULL, "getsockname");
  return 0;
}

/** openUdp(netns: string | null, address: string, port: number, cb): { handle, port } */
napi_value js_open_udp(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  char netns[1024], addr[INET6_ADDRSTRLEN + 16], desc[1200], sfx[1100];
  int port, bound;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 4) return throw_type(env, "openUdp(netns, address, port, callback) needs 4 arguments");
  if (arg_string(env, argv[0], "netns", netns, sizeof netns, 1) < 0 ||
      arg_string(env, argv[1], "address", addr, sizeof addr, 0) < 0 ||
      arg_int(env, argv[2], "port", 0, 65535, &port) < 0 || arg_function(env, argv[3], "callback") < 0)
    return NULL;
  struct sockaddr_storage ss;
  socklen_t sslen;
  if (parse_sockaddr(addr, port, &ss, &sslen) < 0)
    return throw_type(env, "address must be an IPv4 or IPv6 address, got \"%s\"", addr);
  const char *in = ns_suffix(netns, sfx, sizeof sfx);
  snprintf(desc, sizeof desc, "UDP socket on %s port %d%s", addr, port, in);
  ns_socket_t r = {.domain = ss.ss_family, .type = SOCK_DGRAM | SOCK_NONBLOCK, .setup = udp_setup, .ctx = &ss};
  nerr_t e = {0};
  if (ns_socket(netns, &r, &e) < 0) {
    char what[1300];
    snprintf(what, sizeof what, "open %s", desc);
    return throw_nerr(env, what, &e);
  }
  char text[INET6_ADDRSTRLEN + 16];
  if (format_sockaddr((struct sockaddr *)&ss, text, sizeof text, &bound) < 0) bound = port;
  snprintf(desc, sizeof desc, "UDP socket on %s port %d%s", addr, bound, in);
  return sock_result(env, sock_start(env, KIND_UDP, r.fd, ss.ss_family, desc, argv[3]), "port", bound);
}

// ---- send and close ----

static napi_value send_failed(napi_env env, sock_t *s, int code) {
  char what[1300];
  nerr_t e = {.code = code};
  e.hint = code == EAGAIN || code == EWOULDBLOCK || code == ENOBUFS ? "send buffer full, try again"
           : code == EMSGSIZE                                      ? "larger than the interface MTU"
           : code == ENETDOWN                                      ? "the interface is down"
           : code == ENXIO || code == ENODEV                       ? "the interface is gone"
                                                                   : NULL;
  snprintf(what, sizeof what, "send on %s", s->desc);
  return throw_nerr(env, what, &e);
}

static sock_t *open_sock(napi_env env, napi_value v, int kind) {
  sock_t *s = sock_get(env, v);
  if (!s) return NULL;
  if (s->closed) {
    char msg[1300];
    snprintf(msg, sizeof msg, "send on closed %s", s->desc);
    napi_throw_error(env, "ERR_SOCKET_CLOSED", msg);
    return NULL;
  }
  if (s->kind != kind) {
    throw_type(env, kind == KIND_UDP ? "sendTo needs a UDP socket" : "send needs a packet socket");
    return NULL;
  }
  return s;
}

/** send(handle, frame: Uint8Array): a whole Ethernet frame out of the packet socket's interface. */
napi_value js_send(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  void *data;
  size_t len;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 2) return throw_type(env, "send(handle, frame) needs 2 arguments");
  sock_t *s = open_sock(env, argv[0], KIND_PACKET);
  if (!s || arg_bytes(env, argv[1], "frame", &data, &len) < 0) return NULL;
  if (send(s->fd, data, len, MSG_DONTWAIT) < 0) return send_failed(env, s, errno);
  return NULL;
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
  sock_t *s = open_sock(env, argv[0], KIND_UDP);
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
    return send_failed(env, s, EAFNOSUPPORT);
  }
  if (sendto(s->fd, data, len, MSG_DONTWAIT, (struct sockaddr *)&ss, sslen) < 0) return send_failed(env, s, errno);
  return NULL;
}

