// Fuzzes the bytes a relay reads before a WebSocket exists
// (server/src/http_server.cpp): the TLS-or-plain decision on the first byte
// and the HTTP request parser as the relay configures it (8 KiB of headers,
// 1 KiB of body), then the routing checks it applies to what parsed.
//
// The Detector and HttpSession classes live in an anonymous namespace and
// read from a socket, so this target restates their parser setup and
// decisions; a change there must be mirrored here (the constants are
// marked). The input is also fed in two pieces at a fuzzer-chosen split,
// as bytes arrive from a socket.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

namespace beast = boost::beast;
namespace http = beast::http;

// As http_server.cpp: kMaxHeaderBytes, kMaxBodyBytes.
constexpr uint32_t kMaxHeaderBytes = 8 * 1024;
constexpr uint64_t kMaxBodyBytes = 1024;

// Feeds `in` to a fresh parser as the relay sets it up, in two pieces.
void Parse(std::string_view in, size_t split) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(kMaxHeaderBytes);
  parser.body_limit(kMaxBodyBytes);
  beast::error_code ec;
  size_t used = 0;
  // First the bytes up to the split, then everything: what the parser did
  // not consume is offered again with what arrived since, as Beast's read
  // loop does with its flat_buffer.
  for (size_t end : {split, in.size()}) {
    while (used < end && !parser.is_done()) {
      const size_t n = parser.put(boost::asio::buffer(in.data() + used, end - used), ec);
      if (ec == http::error::need_more) {
        ec = {};
        break;
      }
      if (ec) return;  // the relay drops the socket
      if (n == 0) break;
      used += n;
    }
  }
  if (!parser.is_done()) {
    parser.put_eof(ec);
    if (ec || !parser.is_done()) return;
  }
  // HttpSession::OnRead and Respond: the decisions taken on a request.
  const auto& req = parser.get();
  if (beast::websocket::is_upgrade(req)) return;
  const bool known = req.target() == "/healthz" || req.target() == "/metrics";
  http::response<http::string_body> res;
  res.version(req.version());
  res.keep_alive(req.keep_alive());
  res.result(known ? http::status::ok : http::status::not_found);
  res.body() = known ? "ok\n" : "not found\n";
  res.prepare_payload();
  (void)res.need_eof();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const size_t split = data[0] % size;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  // Detector::OnReadable: 0x16 opens a TLS record; OpenSSL takes it from
  // there, so only plain requests reach the parser.
  if (static_cast<unsigned char>(in[0]) == 0x16) return 0;
  Parse(in, std::min(split, in.size()));
  return 0;
}
