// Module registration of metallb_native and status(). The TypeScript wrapper (../index.ts) is the
// API; these functions check their arguments again so that no input can crash the process.
#define _GNU_SOURCE
#include "native.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/** status(): null when raw sockets can be opened here, else the reason. */
static napi_value js_status(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);  // protocol 0: receives nothing
  if (fd >= 0) {
    close(fd);
    napi_get_null(env, &out);
    return out;
  }
  int code = errno;
  char msg[256], nbuf[16];
  snprintf(msg, sizeof msg, "cannot open an AF_PACKET socket: %s (%s)%s", strerror(code),
           errno_name(code, nbuf, sizeof nbuf),
           code == EPERM || code == EACCES ? ": needs CAP_NET_RAW" : "");
  return make_string(env, msg);
}

MLB_EXPORT napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"status", NULL, js_status, NULL, NULL, NULL, napi_enumerable, NULL},
      {"listInterfaces", NULL, js_list_interfaces, NULL, NULL, NULL, napi_enumerable, NULL},
      {"openPacket", NULL, js_open_packet, NULL, NULL, NULL, napi_enumerable, NULL},
      {"openUdp", NULL, js_open_udp, NULL, NULL, NULL, napi_enumerable, NULL},
      {"send", NULL, js_send, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sendTo", NULL, js_send_to, NULL, NULL, NULL, napi_enumerable, NULL},
      {"close", NULL, js_close, NULL, NULL, NULL, napi_enumerable, NULL},
      {"tcpConnect", NULL, js_tcp_connect, NULL, NULL, NULL, napi_enumerable, NULL},
      {"tcpAbort", NULL, js_tcp_abort, NULL, NULL, NULL, napi_enumerable, NULL},
      {"tcpListen", NULL, js_tcp_listen, NULL, NULL, NULL, napi_enumerable, NULL},
      {"tcpSetTtl", NULL, js_tcp_set_ttl, NULL, NULL, NULL, napi_enumerable, NULL},
      {"tcpSetMd5", NULL, js_tcp_set_md5, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  return exports;
}

MLB_EXPORT int32_t node_api_module_get_api_version_v1(void) { return NAPI_VERSION; }
