// TCP listeners and the options of TCP sockets (tcp(7), RFC 2385, RFC 5082). Node cannot create a
// socket in another network namespace nor set TCP_MD5SIG or IP_MINTTL, so the socket is made here
// and node:net takes the file descriptor over; these functions then act on that descriptor.
#define _GNU_SOURCE
#include "tcp.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *bind_hint(int code) {
  return code == EACCES          ? "ports below 1024 need CAP_NET_BIND_SERVICE"
         : code == EADDRNOTAVAIL ? "the address is not on an interface of that namespace"
         : code == EADDRINUSE    ? "the port is taken"
                                 : NULL;
}

const char *connect_hint(int code) {
  return code == ECONNREFUSED    ? "nothing listens on that port"
         : code == ETIMEDOUT     ? "no answer: a wrong address, a filter, or a TCP-MD5 key mismatch "
                                   "(the kernel drops such segments)"
         : code == EHOSTUNREACH  ? "no neighbour answered for that address, or a route rejects it"
         : code == ENETUNREACH   ? "no route to that address in the namespace"
         : code == EADDRNOTAVAIL ? "the local address is not on an interface of that namespace"
                                 : NULL;
}

static int set_flag(int fd, int level, int opt, int v) { return setsockopt(fd, level, opt, &v, sizeof v); }

int tcp_setup(int fd, void *ctx, nerr_t *e) {
  tcp_setup_t *t = ctx;
  int family = t->remote_len ? t->remote.ss_family : t->local.ss_family;
  int listening = !t->remote_len;
  if (listening) {
    if (set_flag(fd, SOL_SOCKET, SO_REUSEADDR, 1) < 0) return nerr_set(e, errno, NULL, "set SO_REUSEADDR");
    const struct sockaddr_in6 *l6 = (const struct sockaddr_in6 *)&t->local;
    // '::' takes IPv4 peers too (as IPv4-mapped addresses), whatever net.ipv6.bindv6only says.
    if (family == AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(&l6->sin6_addr) &&
        set_flag(fd, IPPROTO_IPV6, IPV6_V6ONLY, 0) < 0)
      return nerr_set(e, errno, NULL, "clear IPV6_V6ONLY");
  }
  if (t->ttl && set_ttl(fd, family, t->ttl, e) < 0) return -1;
  if (t->min_ttl && set_min_ttl(fd, family, t->min_ttl, e) < 0) return -1;
  if (t->key && !listening && set_md5(fd, family, &t->remote, -1, t->key, t->keylen, e) < 0) return -1;
  if (t->key && listening) {
    // A listener's own key is for every peer: prefix length 0, per family (setMd5Key adds longer ones).
    struct sockaddr_storage any;
    memset(&any, 0, sizeof any);
    any.ss_family = (sa_family_t)family;
    if (set_md5(fd, family, &any, 0, t->key, t->keylen, e) < 0) return -1;
    any.ss_family = AF_INET;
    if (family == AF_INET6 && set_md5(fd, family, &any, 0, t->key, t->keylen, e) < 0) return -1;
  }
  if (t->local_len) {
    // Connecting from a fixed address: let connect() pick the port with the whole 4-tuple known.
    if (!listening) (void)set_flag(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1);
    if (bind(fd, (struct sockaddr *)&t->local, t->local_len) < 0)
      return nerr_set(e, errno, bind_hint(errno), "bind");
  }
  if (!listening) {
    if (connect(fd, (struct sockaddr *)&t->remote, t->remote_len) < 0 && errno != EINPROGRESS)
      return nerr_set(e, errno, connect_hint(errno), "connect");
    return 0;
  }
  if (listen(fd, t->backlog) < 0) return nerr_set(e, errno, NULL, "listen");
  struct sockaddr_storage bound;
  socklen_t len = sizeof bound;
  char text[INET6_ADDRSTRLEN + 16];
  if (getsockname(fd, (struct sockaddr *)&bound, &len) < 0 ||
      format_sockaddr((struct sockaddr *)&bound, text, sizeof text, &t->port) < 0)
    return nerr_set(e, errno, NULL, "getsockname");
  return 0;
}

int arg_tcp_opts(napi_env env, napi_value key, napi_value ttl, napi_value min_ttl, tcp_setup_t *t) {
  if (arg_key(env, key, "md5Key", &t->key, &t->keylen) < 0 || arg_int(env, ttl, "ttl", 0, 255, &t->ttl) < 0 ||
      arg_int(env, min_ttl, "minTtl", 0, 255, &t->min_ttl) < 0)
    return -1;
  return 0;
}

/** tcpListen(netns, address, port, backlog, key, ttl, minTtl): { fd, port }, the socket listening. */
napi_value js_tcp_listen(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  char netns[1024], addr[INET6_ADDRSTRLEN + 16], sfx[1100], what[1300];
  int port;
  tcp_setup_t t;
  memset(&t, 0, sizeof t);
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 7)
    return throw_type(env, "tcpListen(netns, address, port, backlog, key, ttl, minTtl) needs 7 arguments");
  if (arg_string(env, argv[0], "netns", netns, sizeof netns, 1) < 0 ||
      arg_string(env, argv[1], "address", addr, sizeof addr, 0) < 0 ||
      arg_int(env, argv[2], "port", 0, 65535, &port) < 0 ||
      arg_int(env, argv[3], "backlog", 1, 65535, &t.backlog) < 0 ||
      arg_tcp_opts(env, argv[4], argv[5], argv[6], &t) < 0)
    return NULL;
  if (parse_sockaddr(addr, port, &t.local, &t.local_len) < 0)
    return throw_type(env, "address must be an IPv4 or IPv6 address, got \"%s\"", addr);
  snprintf(what, sizeof what, "listen on TCP %s port %d%s", addr, port, ns_suffix(netns, sfx, sizeof sfx));
  ns_socket_t r = {
      .domain = t.local.ss_family, .type = SOCK_STREAM | SOCK_NONBLOCK, .setup = tcp_setup, .ctx = &t};
  nerr_t e = {0};
  if (ns_socket(netns, &r, &e) < 0) return throw_nerr(env, what, &e);
  napi_value o;
  if (napi_create_object(env, &o) != napi_ok || set_prop(env, o, "fd", make_int(env, r.fd)) < 0 ||
      set_prop(env, o, "port", make_int(env, t.port)) < 0) {
    close(r.fd);  // JS never saw it
    return NULL;
  }
  return o;
}

/** tcpSetTtl(fd, ttl, minTtl): 0 leaves one as it is; fd must be a TCP socket. */
napi_value js_tcp_set_ttl(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  int fd, ttl, min_ttl;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 3) return throw_type(env, "tcpSetTtl(fd, ttl, minTtl) needs 3 arguments");
  if (arg_int(env, argv[0], "fd", 0, 0x7fffffff, &fd) < 0 || arg_int(env, argv[1], "ttl", 0, 255, &ttl) < 0 ||
      arg_int(env, argv[2], "minTtl", 0, 255, &min_ttl) < 0)
    return NULL;
  nerr_t e = {0};
  int family = tcp_family(fd, &e);
  if (family < 0 || (ttl && set_ttl(fd, family, ttl, &e) < 0) ||
      (min_ttl && set_min_ttl(fd, family, min_ttl, &e) < 0))
    return throw_nerr(env, "set the TTL of a TCP socket", &e);
  return NULL;
}

/** tcpSetMd5(fd, remoteAddress, key | null): sets or removes the key for one peer address. */
napi_value js_tcp_set_md5(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  int fd;
  char addr[INET6_ADDRSTRLEN + 16], what[256];
  const void *key;
  size_t keylen;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 3) return throw_type(env, "tcpSetMd5(fd, remoteAddress, key) needs 3 arguments");
  if (arg_int(env, argv[0], "fd", 0, 0x7fffffff, &fd) < 0 ||
      arg_string(env, argv[1], "remoteAddress", addr, sizeof addr, 0) < 0 ||
      arg_key(env, argv[2], "md5Key", &key, &keylen) < 0)
    return NULL;
  struct sockaddr_storage peer;
  socklen_t len;
  if (parse_sockaddr(addr, 0, &peer, &len) < 0)
    return throw_type(env, "remoteAddress must be an IPv4 or IPv6 address, got \"%s\"", addr);
  snprintf(what, sizeof what, "TCP-MD5 key for %s", addr);
  nerr_t e = {0};
  int family = tcp_family(fd, &e);
  if (family < 0 || set_md5(fd, family, &peer, -1, key, keylen, &e) < 0) return throw_nerr(env, what, &e);
  return NULL;
}
