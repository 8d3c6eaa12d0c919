// The client dials ws:// only to loopback (docs/abuse.md, "Cleartext
// refused"); wss:// anywhere.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <string>

#include "kollega/client-core/relay_connection.h"

namespace kollega::client {
namespace {

constexpr char kRefusal[] = "refusing cleartext ws://";

// The outcome of dialling `url` with a short timeout; nothing listens on
// port 1, so an allowed dial fails to connect instead.
Status Dial(const std::string& url) {
  Result<RelayEndpoint> endpoint = RelayEndpoint::Parse(url);
  EXPECT_TRUE(endpoint.ok()) << url;
  if (!endpoint.ok()) return endpoint.status();
  RelayConnection::Options options;
  options.connect_timeout = std::chrono::milliseconds(500);
  Result<std::unique_ptr<RelayConnection>> connection =
      RelayConnection::Connect(*endpoint, std::move(options));
  EXPECT_FALSE(connection.ok()) << url << " connected to nothing";
  return connection.ok() ? Status::Ok() : connection.status();
}

TEST(ClientCleartextTest, RefusesWsToAnyHostButLoopback) {
  for (const char* url : {"ws://example.org", "ws://example.org:8420/v1/websocket",
                          "ws://10.0.0.1:1", "ws://[2001:db8::1]:1", "ws://127.0.0.1.nip.io:1"}) {
    Status status = Dial(url);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << url;
    EXPECT_NE(status.message().find(kRefusal), std::string::npos)
        << url << ": " << status.ToString();
  }
}

TEST(ClientCleartextTest, AllowsWsToLoopback) {
  for (const char* url : {"ws://127.0.0.1:1", "ws://127.3.2.1:1", "ws://localhost:1",
                          "ws://LOCALHOST:1", "ws://[::1]:1"}) {
    Status status = Dial(url);
    EXPECT_EQ(status.message().find(kRefusal), std::string::npos)
        << url << ": " << status.ToString();
  }
}

TEST(ClientCleartextTest, AllowsWssAnywhere) {
  // Refused for another reason (nothing answers), never for cleartext.
  Status status = Dial("wss://127.0.0.1:1");
  EXPECT_EQ(status.message().find(kRefusal), std::string::npos) << status.ToString();
}

}  // namespace
}  // namespace kollega::client
