// IP-level socket options shared by UDP and TCP: the TTL of sent packets (ip(7), ipv6(7)), the
// minimum TTL of received ones (GTSM, RFC 5082) and TCP-MD5 signature keys (RFC 2385, tcp(7)).
#define _GNU_SOURCE
#include "native.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

static int set_int(int fd, int level, int opt, int v) { return setsockopt(fd, level, opt, &v, sizeof v); }

int set_ttl(int fd, int family, int ttl, nerr_t *e) {
  if (family == AF_INET6 && set_int(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, ttl) < 0)
    return nerr_set(e, errno, NULL, "set IPV6_UNICAST_HOPS to %d", ttl);
  // Also on AF_INET6 sockets: their IPv4-mapped traffic leaves with the IPv4 TTL.
  if (set_int(fd, IPPROTO_IP, IP_TTL, ttl) < 0) return nerr_set(e, errno, NULL, "set IP_TTL to %d", ttl);
  return 0;
}

int set_min_ttl(int fd, int family, int min, nerr_t *e) {
  if (family == AF_INET6 && set_int(fd, IPPROTO_IPV6, IPV6_MINHOPCOUNT, min) < 0)
    return nerr_set(e, errno, errno == ENOPROTOOPT ? "the kernel lacks IPV6_MINHOPCOUNT (Linux >= 2.6.35)"
                                                   : NULL,
                    "set IPV6_MINHOPCOUNT to %d", min);
  // IPv4-mapped segments reaching an AF_INET6 socket are checked against the IPv4 minimum.
  if (set_int(fd, IPPROTO_IP, IP_MINTTL, min) < 0)
    return nerr_set(e, errno, errno == ENOPROTOOPT ? "the kernel lacks IP_MINTTL (Linux >= 2.6.34)" : NULL,
                    "set IP_MINTTL to %d", min);
  return 0;
}

int set_md5(int fd, int family, const struct sockaddr_storage *peer, int prefix, const void *key,
            size_t keylen, nerr_t *e) {
  struct tcp_md5sig sig;
  memset(&sig, 0, sizeof sig);
  if (family == AF_INET6 && peer->ss_family == AF_INET) {
    // An AF_INET6 socket takes IPv4 peers as IPv4-mapped addresses (prefix still in IPv4 bits).
    const struct sockaddr_in *v4 = (const struct sockaddr_in *)peer;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&sig.tcpm_addr;
    v6->sin6_family = AF_INET6;
    v6->sin6_addr.s6_addr[10] = v6->sin6_addr.s6_addr[11] = 0xff;
    memcpy(&v6->sin6_addr.s6_addr[12], &v4->sin_addr, 4);
  } else if (family == AF_INET && peer->ss_family == AF_INET6) {
    return nerr_set(e, EAFNOSUPPORT, "an IPv4 socket has IPv4 peers only", "set the TCP-MD5 key");
  } else {
    memcpy(&sig.tcpm_addr, peer, sizeof *peer);
  }
  int opt = TCP_MD5SIG;
  if (prefix >= 0) {
    opt = TCP_MD5SIG_EXT;
    sig.tcpm_flags = TCP_MD5SIG_FLAG_PREFIX;
    sig.tcpm_prefixlen = (uint8_t)prefix;
  }
  if (key) {
    if (keylen < 1 || keylen > TCP_MD5SIG_MAXKEYLEN)
      return nerr_set(e, EINVAL, "keys have 1 to 80 bytes", "set the TCP-MD5 key");
    sig.tcpm_keylen = (uint16_t)keylen;
    memcpy(sig.tcpm_key, key, keylen);
  }
  int rc = setsockopt(fd, IPPROTO_TCP, opt, &sig, sizeof sig);
  int code = errno;
  explicit_bzero(&sig, sizeof sig);  // no copy of the key lingers on the stack
  if (rc < 0 && !key && code == ENOENT) return 0;  // removing a key that is not there
  if (rc < 0)
    return nerr_set(e, code,
                    code == ENOPROTOOPT ? "the kernel lacks TCP-MD5 (CONFIG_TCP_MD5SIG)"
                    : code == EPERM     ? "needs CAP_NET_ADMIN"
                                        : NULL,
                    "%s the TCP-MD5 key%s", key ? "set" : "remove", prefix == 0 ? " for any peer" : "");
  return 0;
}

int tcp_family(int fd, nerr_t *e) {
  int family = 0, proto = 0;
  socklen_t len = sizeof family;
  if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len) < 0)
    return nerr_set(e, errno, NULL, "find the socket of fd %d", fd);
  len = sizeof proto;
  if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &len) < 0)
    return nerr_set(e, errno, NULL, "find the protocol of fd %d", fd);
  if ((family != AF_INET && family != AF_INET6) || proto != IPPROTO_TCP)
    return nerr_set(e, EPROTOTYPE, "not a TCP socket", "check fd %d", fd);
  return family;
}
