// listInterfaces(netns): links (RTM_GETLINK) and addresses (RTM_GETADDR) of a namespace over
// rtnetlink; the netlink socket is opened inside the namespace, the JS objects built outside it.
#define _GNU_SOURCE
#include "native.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if_arp.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  int index, master;
  unsigned flags;
  char name[IF_NAMESIZE];
  unsigned char mac[6];
  int has_mac;
} link_t;

typedef struct {
  int index;
  char text[INET6_ADDRSTRLEN];
} addr_t;

typedef struct {
  link_t *links;
  size_t nlinks, caplinks;
  addr_t *addrs;
  size_t naddrs, capaddrs;
  int interrupted;
  long *buf;  // receive buffer, aligned for struct nlmsghdr
} iflist_t;

#define NL_BUF_SIZE 65536

static void *grow(void *p, size_t *cap, size_t n, size_t size) {
  if (n < *cap) return p;
  size_t c = *cap ? *cap * 2 : 16;
  void *q = realloc(p, c * size);
  if (q) *cap = c;
  return q;
}

static int on_link(struct nlmsghdr *h, iflist_t *l) {
  if (h->nlmsg_type != RTM_NEWLINK || h->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifinfomsg))) return 0;
  link_t *links = grow(l->links, &l->caplinks, l->nlinks, sizeof *links);
  if (!links) return -1;
  l->links = links;
  struct ifinfomsg *ifi = NLMSG_DATA(h);
  link_t *k = memset(&links[l->nlinks], 0, sizeof *k);
  k->index = ifi->ifi_index;
  k->flags = ifi->ifi_flags;
  int len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof *ifi));
  for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    size_t alen = RTA_PAYLOAD(a);
    if (a->rta_type == IFLA_IFNAME && alen > 0) {
      size_t n = alen < sizeof k->name ? alen : sizeof k->name - 1;
      memcpy(k->name, RTA_DATA(a), n);
      k->name[n] = 0;
    } else if (a->rta_type == IFLA_ADDRESS && alen == 6 && ifi->ifi_type == ARPHRD_ETHER) {
      memcpy(k->mac, RTA_DATA(a), 6);
      k->has_mac = 1;
    } else if (a->rta_type == IFLA_MASTER && alen >= 4) {
      k->master = (int)*(unsigned *)RTA_DATA(a);
    }
  }
  l->nlinks++;
  return 0;
}

static int on_addr(struct nlmsghdr *h, iflist_t *l) {
  if (h->nlmsg_type != RTM_NEWADDR || h->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifaddrmsg))) return 0;
  struct ifaddrmsg *ifa = NLMSG_DATA(h);
  if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6) return 0;
  const void *local = NULL, *address = NULL;
  int len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof *ifa));
  size_t want = ifa->ifa_family == AF_INET ? 4 : 16;
  for (struct rtattr *a = IFA_RTA(ifa); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    if (RTA_PAYLOAD(a) < want) continue;
    if (a->rta_type == IFA_LOCAL) local = RTA_DATA(a);
    if (a->rta_type == IFA_ADDRESS) address = RTA_DATA(a);
  }
  const void *ip = local ? local : address;  // IFA_ADDRESS is the peer on point-to-point links
  if (!ip) return 0;
  addr_t *addrs = grow(l->addrs, &l->capaddrs, l->naddrs, sizeof *addrs);
  if (!addrs) return -1;
  l->addrs = addrs;
  addr_t *x = &addrs[l->naddrs];
  x->index = (int)ifa->ifa_index;
  if (!inet_ntop(ifa->ifa_family, ip, x->text, sizeof x->text)) return 0;
  l->naddrs++;
  return 0;
}

/** One rtnetlink dump request, every reply message passed to on_link or on_addr. */
static int dump(int fd, int type, unsigned seq, iflist_t *l, nerr_t *e) {
  struct {
    struct nlmsghdr h;
    union {
      struct ifinfomsg link;
      struct ifaddrmsg addr;
    } u;
  } req;
  memset(&req, 0, sizeof req);
  size_t body = type == RTM_GETLINK ? sizeof req.u.link : sizeof req.u.addr;
  req.h.nlmsg_len = NLMSG_LENGTH(body);
  req.h.nlmsg_type = (unsigned short)type;
  req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  req.h.nlmsg_seq = seq;
  req.u.addr.ifa_family = AF_UNSPEC;  // same first byte as ifi_family
  const char *what = type == RTM_GETLINK ? "dump links over netlink" : "dump addresses over netlink";
  if (send(fd, &req, req.h.nlmsg_len, 0) < 0) return nerr_set(e, errno, NULL, "%s", what);
  for (;;) {
    ssize_t n = recv(fd, l->buf, NL_BUF_SIZE, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return nerr_set(e, errno, NULL, "%s", what);
    if (n == 0) return nerr_set(e, EIO, NULL, "%s (no reply)", what);
    int left = (int)n;
    for (struct nlmsghdr *h = (struct nlmsghdr *)l->buf; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
      if (h->nlmsg_seq != seq) continue;
      if (h->nlmsg_flags & NLM_F_DUMP_INTR) l->interrupted = 1;
      if (h->nlmsg_type == NLMSG_DONE) return 0;
      if (h->nlmsg_type == NLMSG_ERROR) {
        struct nlmsgerr *err = NLMSG_DATA(h);
        if (h->nlmsg_len >= NLMSG_LENGTH(sizeof *err) && err->error)
          return nerr_set(e, -err->error, NULL, "%s", what);
        continue;
      }
      int rc = type == RTM_GETLINK ? on_link(h, l) : on_addr(h, l);
      if (rc < 0) return nerr_set(e, ENOMEM, NULL, "%s", what);
    }
  }
}

static int list_fn(void *ctx, nerr_t *e) {
  iflist_t *l = ctx;
  int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd < 0) return nerr_set(e, errno, NULL, "open netlink socket");
  l->buf = malloc(NL_BUF_SIZE);
  if (!l->buf) {
    close(fd);
    return nerr_set(e, ENOMEM, NULL, "list interfaces");
  }
  int rc = 0;
  // A dump that raced with a change is marked interrupted: take it again (a few times).
  for (int attempt = 0; attempt < 4 && rc == 0; attempt++) {
    l->nlinks = l->naddrs = 0;
    l->interrupted = 0;
    rc = dump(fd, RTM_GETLINK, 2 * attempt + 1, l, e);
    if (rc == 0) rc = dump(fd, RTM_GETADDR, 2 * attempt + 2, l, e);
    if (rc == 0 && !l->interrupted) break;
  }
  close(fd);
  return rc;
}

static napi_value build(napi_env env, const iflist_t *l) {
  napi_value arr, nul;
  if (napi_create_array_with_length(env, l->nlinks, &arr) != napi_ok || napi_get_null(env, &nul) != napi_ok)
    return NULL;
  for (size_t i = 0; i < l->nlinks; i++) {
    const link_t *k = &l->links[i];
    napi_value o, addrs, b;
    if (napi_create_object(env, &o) != napi_ok || napi_create_array(env, &addrs) != napi_ok) return NULL;
    set_prop(env, o, "name", make_string(env, k->name));
    set_prop(env, o, "index", make_int(env, k->index));
    set_prop(env, o, "mac", k->has_mac ? make_bytes(env, k->mac, 6) : nul);
    const struct {
      const char *key;
      unsigned flag;
    } flags[] = {{"up", IFF_UP},          {"running", IFF_RUNNING}, {"loopback", IFF_LOOPBACK},
                 {"noarp", IFF_NOARP},    {"multicast", IFF_MULTICAST}};
    for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
      napi_get_boolean(env, (k->flags & flags[f].flag) != 0, &b);
      set_prop(env, o, flags[f].key, b);
    }
    napi_value master = nul;
    for (size_t j = 0; k->master && j < l->nlinks; j++)
      if (l->links[j].index == k->master) master = make_string(env, l->links[j].name);
    set_prop(env, o, "master", master);
    uint32_t n = 0;
    for (size_t j = 0; j < l->naddrs; j++)
      if (l->addrs[j].index == k->index) napi_set_element(env, addrs, n++, make_string(env, l->addrs[j].text));
    set_prop(env, o, "addresses", addrs);
    napi_set_element(env, arr, (uint32_t)i, o);
  }
  return arr;
}

/** listInterfaces(netns: string | null): NativeInterface[] */
napi_value js_list_interfaces(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char netns[4096], what[4200], sfx[4150];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 1) napi_get_undefined(env, &argv[0]);
  if (arg_string(env, argv[0], "netns", netns, sizeof netns, 1) < 0) return NULL;
  iflist_t l = {0};
  nerr_t e = {0};
  napi_value out = NULL;
  if (ns_run(netns, list_fn, &l, &e) < 0) {
    snprintf(what, sizeof what, "list interfaces%s", ns_suffix(netns, sfx, sizeof sfx));
    throw_nerr(env, what, &e);
  } else {
    out = build(env, &l);
  }
  free(l.links);
  free(l.addrs);
  free(l.buf);
  return out;
}
