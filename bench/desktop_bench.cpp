// kollega_desktop_bench: the desktop app's speed and memory figures
// (docs/performance.md, "Desktop app"), each printed beside a baseline
// measured in the same run, since these machines are noisy:
//   - cold start: a new kollega-desktop process on an existing store until
//     the first frame of the Unlock screen, against kollega-trivial-window
//     (a Qt Quick Controls window that does nothing), alternated;
//   - a conversation of --messages messages opened until the newest is
//     drawn, against a conversation of one page (50); a history page near
//     the oldest against the newest page;
//   - scrolling that conversation to the top page by page: the rows the
//     model holds against the conversation's length, and the memory;
//   - the app's RSS with --conversations conversations on screen, against
//     the trivial window's.
// Offscreen (QT_QPA_PLATFORM=offscreen, software Qt Quick) unless a display
// is set; the store is on /dev/shm where there is one.
//
//   build/bench/kollega_desktop_bench [--messages 10000] [--conversations 100]
//                                     [--runs 5]
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QProcess>
#include <QQuickStyle>
#include <QQuickWindow>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "app_controller.h"
#include "desktop_bench_app.h"
#include "desktop_bench_store.h"
#include "desktop_bench_util.h"

namespace {

using kollega::bench::Median;

struct Flags {
  int messages = 10000;
  int conversations = 100;
  int runs = 5;
};

bool ParseFlags(int argc, char** argv, Flags* flags) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (name == "--messages" && value > 0) {
      flags->messages = value;
    } else if (name == "--conversations" && value >= 2) {
      flags->conversations = value;
    } else if (name == "--runs" && value > 0) {
      flags->runs = value;
    } else {
      return false;
    }
  }
  return argc % 2 == 1;
}

// Starts `program` and waits for its "first frame" line; its time in ms,
// or -1. `rss_kb` gets the number after "rss_kb=" when it prints one.
double FirstFrameMs(const QString& program, const QStringList& args, long* rss_kb) {
  QProcess process;
  process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
  QElapsedTimer t;
  t.start();
  process.start(program, args);
  QByteArray line;
  while (!line.contains('\n') && process.waitForReadyRead(30000)) line += process.readAll();
  const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
  process.waitForFinished(30000);
  if (!line.startsWith("first frame") || process.exitCode() != 0) return -1;
  if (const int at = line.indexOf("rss_kb="); at >= 0 && rss_kb != nullptr) {
    *rss_kb = line.mid(at + 7).trimmed().toLong();
  }
  return ms;
}

std::string StoreDir() {
  std::error_code ec;
  const bool shm = std::filesystem::is_directory("/dev/shm", ec);
  const std::filesystem::path base = shm ? "/dev/shm" : std::filesystem::temp_directory_path();
  return (base / ("kollega-desktop-bench-" + std::to_string(QCoreApplication::applicationPid())))
      .string();
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, &flags)) {
    std::fprintf(stderr,
                 "usage: kollega_desktop_bench [--messages N] [--conversations N>=2] [--runs N]\n");
    return 2;
  }
  if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
    qputenv("QT_QPA_PLATFORM", "offscreen");  // inherited by the started processes too
    qputenv("QT_QUICK_BACKEND", "software");
  }
  QGuiApplication app(argc, argv);
  QQuickStyle::setStyle("Basic");
  kollega::desktop::RegisterQmlTypes();

  kollega::bench::BenchStore store;
  std::string error;
  const std::string dir = StoreDir();
  QElapsedTimer made;
  made.start();
  if (!kollega::bench::MakeBenchStore(KOLLEGA_RELAY_BIN, dir, flags.messages, flags.conversations,
                                      &store, &error)) {
    std::fprintf(stderr, "kollega_desktop_bench: %s\n", error.c_str());
    std::filesystem::remove_all(dir);
    return 1;
  }
  std::printf("store: %d messages in one conversation, %d conversations (made in %.1f s)\n",
              flags.messages, flags.conversations, made.elapsed() / 1000.0);

  // Cold start, alternated with the baseline.
  std::vector<double> app_ms, trivial_ms;
  long trivial_rss_kb = 0;
  for (int i = 0; i < flags.runs; ++i) {
    trivial_ms.push_back(FirstFrameMs(KOLLEGA_TRIVIAL_WINDOW_BIN, {}, &trivial_rss_kb));
    app_ms.push_back(FirstFrameMs(
        KOLLEGA_DESKTOP_BIN,
        {"--data-dir", QString::fromStdString(dir), "--language", "en", "--exit-after-first-frame"},
        nullptr));
  }
  if (*std::min_element(app_ms.begin(), app_ms.end()) < 0 ||
      *std::min_element(trivial_ms.begin(), trivial_ms.end()) < 0) {
    std::fprintf(stderr, "kollega_desktop_bench: a start did not reach its first frame\n");
    std::filesystem::remove_all(dir);
    return 1;
  }

  kollega::bench::AppFigures figures;
  figures.conversations = flags.conversations;
  const bool measured = kollega::bench::MeasureApp(store, flags.runs, &figures, &error);
  std::filesystem::remove_all(dir);
  if (!measured) {
    std::fprintf(stderr, "kollega_desktop_bench: %s\n", error.c_str());
    return 1;
  }

  const double cold = Median(app_ms), base = Median(trivial_ms);
  std::printf(
      "cold start to the Unlock screen: %.0f ms (median of %d; goal < 1000 ms); "
      "trivial Qt Quick window %.0f ms; ratio %.2f\n",
      cold, flags.runs, base, cold / base);
  std::printf(
      "open %d messages until the newest is drawn: %.1f ms (median of %d; goal < 200 ms); "
      "a conversation of 50 messages %.1f ms; ratio %.2f\n",
      flags.messages, figures.open_long_ms, flags.runs, figures.open_short_ms,
      figures.open_long_ms / figures.open_short_ms);
  std::printf(
      "history page of %zu: near the oldest %.2f ms, the newest %.2f ms; ratio %.2f; "
      "all %d at once %.1f ms\n",
      kollega::desktop::MessagesModel::kPageSize, figures.page_deep_ms, figures.page_newest_ms,
      figures.page_deep_ms / figures.page_newest_ms, flags.messages, figures.whole_ms);
  std::printf(
      "scroll to the top: %d pages (%d not asked for by the view), %.1f ms each "
      "(median), oldest reached: %s; rows held at most %d of %d (%.1f%%); "
      "RSS %.1f -> %.1f MB (%.1f MB after a garbage collection and malloc_trim); "
      "paging back down %d pages, rows held at most %d\n",
      figures.pages_up, figures.pages_direct, figures.page_up_ms,
      figures.reached_oldest ? "yes" : "NO", figures.max_rows, flags.messages,
      100.0 * figures.max_rows / flags.messages, figures.rss_before_scroll_kb / 1024.0,
      figures.rss_after_scroll_kb / 1024.0, figures.rss_after_gc_kb / 1024.0, figures.pages_down,
      figures.max_rows_down);
  std::printf(
      "RSS with %d conversations on screen: %.1f MB (goal < 150 MB); "
      "trivial Qt Quick window %.1f MB; ratio %.2f\n",
      flags.conversations, figures.rss_kb / 1024.0, trivial_rss_kb / 1024.0,
      trivial_rss_kb > 0 ? double(figures.rss_kb) / trivial_rss_kb : 0.0);
  return figures.reached_oldest && figures.pages_direct == 0 ? 0 : 1;
}
