// Reads the relay's Prometheus text from GET /metrics over plain HTTP, so
// the load tool can report what the relay itself counted during a run
// (for example envelopes per WAL sync, the group-commit batch size).
// Blocking POSIX sockets on purpose: called twice per run from the
// controlling thread, and it keeps Beast out of one more file.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace kollega::bench {

// Sample name (with labels, as written) -> value, from the relay's metrics
// listener on 127.0.0.1:`metrics_port` (its --metrics-port; /metrics is not
// on the public port). Empty on any failure.
std::map<std::string, double> ScrapeMetrics(uint16_t metrics_port);

// "name +delta" for every sample that changed, one per line, each with the
// change per `per` (e.g. per delivered message) when per > 0.
std::string DescribeDeltas(const std::map<std::string, double>& before,
                           const std::map<std::string, double>& after, double per);

}  // namespace kollega::bench
