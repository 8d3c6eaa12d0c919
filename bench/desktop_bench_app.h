// The app in this process, as kollega-desktop runs it (AppController, Main.qml
// in a QQmlApplicationEngine, the screen shown offscreen), on a BenchStore:
// memory with the conversation list loaded, opening the long conversation
// against a short one, history pages, and scrolling to the top.
//
// Thread-safety: GUI thread only; needs a QGuiApplication.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "desktop_bench_store.h"

namespace kollega::bench {

struct AppFigures {
  long rss_kb = 0;  // unlocked, the Conversations screen drawn with every row
  int conversations = 0;
  double open_long_ms = 0;    // openChat until the newest is drawn (median)
  double open_short_ms = 0;   // the same for a conversation of one message
  double page_newest_ms = 0;  // Client::History, newest 50 (median)
  double page_deep_ms = 0;    // the 50 before a message near the oldest
  double whole_ms = 0;        // the whole conversation in one History call
  int pages_up = 0;           // pages read scrolling to the top
  int pages_direct = 0;       // of which the view did not ask for (should be 0)
  double page_up_ms = 0;      // each: from reaching the top to the page drawn (median)
  bool reached_oldest = false;
  int max_rows = 0;    // the most rows the model held
  int pages_down = 0;  // paging back down a few pages
  int max_rows_down = 0;
  long rss_before_scroll_kb = 0;
  long rss_after_scroll_kb = 0;
  long rss_after_gc_kb = 0;  // then after a QML garbage collection and malloc_trim
};

bool MeasureApp(const BenchStore& store, int runs, AppFigures* out, std::string* error);

}  // namespace kollega::bench
