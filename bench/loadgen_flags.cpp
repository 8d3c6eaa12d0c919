// SPDX-License-Identifier: GPL-3.0-or-later
#include "loadgen_flags.h"

#include <cstdlib>
#include <sstream>

namespace kollega::bench {

namespace {

bool ParseNumber(const std::string& text, double min, double max, double* out) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || v < min || v > max) return false;
  *out = v;
  return true;
}

bool ParseList(const std::string& text, std::vector<int>* out) {
  out->clear();
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    double v;
    if (!ParseNumber(item, 2, 1'000'000, &v)) return false;
    out->push_back(static_cast<int>(v));
  }
  return !out->empty();
}

}  // namespace

bool ParseFlags(int argc, char** argv, Flags* f, std::string* error) {
  for (int i = 1; i < argc; ++i) {
    std::string name = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    auto number = [&](double min, double max, double* out) {
      std::string text;
      return value(&text) && ParseNumber(text, min, max, out);
    };
    double n = 0;
    std::string text;
    bool ok = true;
    if (name == "--help" || name == "-h") {
      f->help = true;
    } else if (name == "--relay-bin") {
      ok = value(&f->relay_bin);
    } else if (name == "--relay-port") {
      ok = number(1, 65535, &n);
      f->relay_port = static_cast<uint16_t>(n);
    } else if (name == "--relay-metrics-port") {
      ok = number(1, 65535, &n);
      f->relay_metrics_port = static_cast<uint16_t>(n);
    } else if (name == "--relay-pid") {
      ok = number(1, 1e9, &n);
      f->relay_pid = static_cast<pid_t>(n);
    } else if (name == "--relay-arg") {
      ok = value(&text);
      f->relay_args.push_back(text);
    } else if (name == "--relay-nofile") {
      ok = number(0, 1e9, &n);
      f->relay_nofile = static_cast<uint64_t>(n);
    } else if (name == "--connections") {
      ok = value(&text) && ParseList(text, &f->connections);
    } else if (name == "--window") {
      ok = number(1, 100000, &n);
      f->window = static_cast<int>(n);
    } else if (name == "--size") {
      ok = number(8, 1 << 20, &n);
      f->size = static_cast<size_t>(n);
    } else if (name == "--warmup") {
      ok = number(0, 3600, &f->warmup_s);
    } else if (name == "--duration") {
      ok = number(0.1, 3600, &f->duration_s);
    } else if (name == "--rate") {
      ok = number(1, 1e9, &f->rate);
    } else if (name == "--no-half-peak") {
      f->half_peak = false;
    } else if (name == "--closed-repeats") {
      ok = number(1, 100, &n);
      f->closed_repeats = static_cast<int>(n);
    } else if (name == "--open-repeats") {
      ok = number(1, 100, &n);
      f->open_repeats = static_cast<int>(n);
    } else if (name == "--timeline") {
      f->timeline = true;
    } else if (name == "--server-threads") {
      ok = number(1, 256, &n);
      f->server_threads = static_cast<int>(n);
    } else if (name == "--client-threads") {
      ok = number(1, 256, &n);
      f->client_threads = static_cast<int>(n);
    } else if (name == "--pin") {
      f->pin = true;
    } else if (name == "--pin-client") {
      f->pin_client = true;
    } else if (name == "--only") {
      ok = value(&f->only) && (f->only == "echo" || f->only == "relay");
    } else if (name == "--idle") {
      ok = number(0, 1'000'000, &n);
      f->idle = static_cast<int>(n);
    } else if (name == "--no-metrics") {
      f->show_metrics = false;
    } else if (name == "--keep-data") {
      f->keep_data = true;
    } else if (name == "--tls") {
      f->tls = true;
    } else if (name == "--tls-cert") {
      ok = value(&f->tls_cert);
    } else if (name == "--tls-key") {
      ok = value(&f->tls_key);
    } else if (name == "--serve-echo") {
      f->serve_echo = true;
    } else if (name == "--port") {
      ok = number(0, 65535, &n);
      f->port = static_cast<uint16_t>(n);
    } else if (name == "--port-file") {
      ok = value(&f->port_file);
    } else {
      *error = "unknown option " + name;
      return false;
    }
    if (!ok) {
      *error = "bad or missing value for " + name;
      return false;
    }
  }
  return true;
}

}  // namespace kollega::bench
