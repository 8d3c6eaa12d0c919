// Creating an account against a relay that asks for a hard proof of work
// (docs/abuse.md, "Sign-up"): the client reports its progress as it solves,
// and closing the client stops the search instead of waiting for it.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <chrono>

#include "client_test_util.h"
#include "event_log.h"
#include "kollega/crypto/proof_of_work.h"

namespace kollega::testing {
namespace {

// 30 bits is about 2^30 hashes: minutes on this machine, so the search is
// still running when the test closes the client.
TEST(ClientSignUpProgressTest, ProgressIsReportedAndClosingStopsTheSearch) {
  TempDir tmp;
  auto relay = MakeRelay({"--pow-bits", "30"});
  ASSERT_TRUE(relay->Start());
  auto c = OpenClient(tmp.Sub("seeker"));
  ASSERT_TRUE(c);
  EventLog log(c.get());
  client::Async<Status> created = c->CreateAccount(relay->url());

  ASSERT_TRUE(log.WaitFor<client::SignUpProgress>(nullptr, kWait, 2))
      << "no progress while solving";
  const auto seen = log.All<client::SignUpProgress>();
  EXPECT_EQ(seen[0]->bits, 30u);
  EXPECT_EQ(seen[0]->expected, uint64_t{1} << 30);
  EXPECT_GT(seen[0]->tried, 0u);
  EXPECT_GT(seen[1]->tried, seen[0]->tried) << "the count does not move";
  EXPECT_FALSE(created.WaitFor(std::chrono::milliseconds(0)));

  const auto start = std::chrono::steady_clock::now();
  c.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3))
      << "closing waited for the proof of work";
  ASSERT_TRUE(created.WaitFor(std::chrono::milliseconds(0)));
  const Status status = created.Get();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable) << status.ToString();
}

// The solver finds what the check accepts, and reports in steps.
TEST(ClientSignUpProgressTest, TheSolverReportsInStepsAndItsSolutionChecks) {
  const std::string nonce(32, 'x');
  uint64_t last = 0;
  auto solution = crypto::SolveProofOfWork(nonce, 18, [&](uint64_t tried) {
    EXPECT_EQ(tried % crypto::kProofOfWorkProgressStep, 0u);
    EXPECT_GT(tried, last);
    last = tried;
    return true;
  });
  ASSERT_TRUE(solution);
  EXPECT_TRUE(crypto::CheckProofOfWork(nonce, *solution, 18));
  EXPECT_FALSE(crypto::CheckProofOfWork(nonce, *solution, 64));
  auto stopped = crypto::SolveProofOfWork(nonce, 40, [](uint64_t) { return false; });
  EXPECT_FALSE(stopped) << "a search told to stop went on";
}

}  // namespace
}  // namespace kollega::testing
