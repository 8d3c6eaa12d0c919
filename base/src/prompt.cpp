// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/base/prompt.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace kollega {

Result<std::string> PromptHidden(const char* question) {
  std::fprintf(stderr, "%s", question);
  std::fflush(stderr);
  termios old_mode{};
  const bool tty = ::tcgetattr(STDIN_FILENO, &old_mode) == 0;
  if (tty) {
    termios quiet = old_mode;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old_mode);
    std::fprintf(stderr, "\n");
  }
  if (!got) return InvalidArgument("nothing was entered");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace kollega
