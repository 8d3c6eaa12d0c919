// SPDX-License-Identifier: GPL-3.0-or-later
#include "attack_flags.h"

#include <cstdlib>
#include <functional>
#include <map>

namespace kollega::bench {

namespace {

bool ToNumber(const std::string& text, double min, double* out) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || v < min) return false;
  *out = v;
  return true;
}

}  // namespace

bool ParseSoakFlags(int argc, char** argv, SoakFlags* f, std::string* error) {
  using Setter = std::function<bool(const std::string&)>;
  auto number = [](auto* field, double min) -> Setter {
    return [field, min](const std::string& v) {
      double d = 0;
      if (!ToNumber(v, min, &d)) return false;
      *field = static_cast<std::remove_pointer_t<decltype(field)>>(d);
      return true;
    };
  };
  auto text = [](std::string* field) -> Setter {
    return [field](const std::string& v) {
      *field = v;
      return !v.empty();
    };
  };
  const std::map<std::string, Setter> with_value = {
      {"--relay-bin", text(&f->relay_bin)},
      {"--relay-arg",
       [f](const std::string& v) {
         f->relay_args.push_back(v);
         return true;
       }},
      {"--pairs", number(&f->pairs, 1)},
      {"--rate", number(&f->rate, 1)},
      {"--size", number(&f->size, 8)},
      {"--warmup", number(&f->warmup_s, 0)},
      {"--duration", number(&f->duration_s, 0.1)},
      {"--per-source", number(&f->per_source, 2)},
      {"--client-threads", number(&f->client_threads, 1)},
      {"--attack-source", text(&f->attack_source)},
      {"--attack-lead", number(&f->attack_lead_s, 0)},
      {"--flood-connections", number(&f->flood_connections, 0)},
      {"--trickle", number(&f->trickle_sockets, 0)},
      {"--storm-threads", number(&f->storm_threads, 0)},
      {"--drainers", number(&f->drainers, 0)},
      {"--drain-rate", number(&f->drain_rate, 0.01)},
      {"--flooders", number(&f->flooders, 0)},
      {"--data-dir", text(&f->data_dir)},
      {"--ballast", text(&f->ballast)},
      {"--fill-size", number(&f->fill_size, 16)},
      {"--fill-timeout", number(&f->fill_timeout_s, 1)},
  };
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      f->help = true;
    } else if (arg == "--keep-data") {
      f->keep_data = true;
    } else if (arg == "--disk-fill") {
      f->disk_fill = true;
    } else if (auto it = with_value.find(arg); it != with_value.end()) {
      if (i + 1 >= argc || !it->second(argv[i + 1])) {
        *error = arg + " needs a valid value";
        return false;
      }
      ++i;
    } else {
      *error = "unknown option " + arg;
      return false;
    }
  }
  if (!f->help && f->relay_bin.empty()) {
    *error = "--relay-bin is required";
    return false;
  }
  if (f->disk_fill && f->data_dir.empty()) {
    *error = "--disk-fill needs --data-dir";
    return false;
  }
  return true;
}

}  // namespace kollega::bench
