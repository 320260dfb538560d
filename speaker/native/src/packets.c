// AF_PACKET sockets (the ARP and IPv6 frames of one interface), opened inside a network namespace
// on the socket core, and sending on them.
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
  if (ns_socket_or_throw(env, netns, &r, desc) < 0) return NULL;
  return sock_result(env, sock_start(env, KIND_PACKET, r.fd, AF_PACKET, 0, desc, argv[2]), "ifindex", c.ifindex);
}

// ---- sending (udp.c sends on UDP sockets with these helpers too) ----

napi_value sock_send_failed(napi_env env, sock_t *s, int code) {
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

sock_t *sock_for_send(napi_env env, napi_value v, int kind) {
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
  sock_t *s = sock_for_send(env, argv[0], KIND_PACKET);
  if (!s || arg_bytes(env, argv[1], "frame", &data, &len) < 0) return NULL;
  if (send(s->fd, data, len, MSG_DONTWAIT) < 0) return sock_send_failed(env, s, errno);
  return NULL;
}
