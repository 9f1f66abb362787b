// File > Export report's work: the page `journeysim report` writes, made
// from the scenario as it is in the viewer (report/'s make_report_page, the
// one path both take) and written atomically, in the background. Its dialog
// is in dialogs.cpp.
#include <chrono>

#include "app.hpp"
#include "journeysim/graph/atomic_file.hpp"
#include "journeysim/report/report_page.hpp"

namespace journeysim::viewer {

void App::export_report(const std::string& path) {
  if (!scenario_) return;
  report::ReportRequest request;
  // The page names its source as the command line would; edits not saved yet are said so.
  request.source = (path_.empty() ? std::string("(not saved)") : path_) + (dirty_ ? " (with unsaved edits)" : "");
  request.what_ifs = every_what_if(*scenario_);
  request.options = run_options_;
  status_ = "Exporting the report to " + path + "...";
  export_job_.start([scenario = scenario_, request = std::move(request), path](const ProgressCallback& progress,
                                                                               const std::atomic<bool>& cancel) {
    const auto started = std::chrono::steady_clock::now();
    ExportOutcome outcome;
    outcome.path = path;
    const report::ReportPage page = report::make_report_page(*scenario, request, progress, &cancel);
    outcome.cancelled = page.cancelled;
    if (!page.cancelled) {
      const WriteResult written = write_file_atomically(path, page.html, &cancel);
      outcome.cancelled = cancel.load();
      if (!written.ok && !outcome.cancelled) outcome.problem = written.problem;
    }
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return outcome;
  });
}

bool App::wait_for_export() {
  export_job_.wait();
  std::shared_ptr<const ExportOutcome> finished = export_job_.take();
  const bool written = finished && !finished->cancelled && finished->problem.empty();
  if (finished) take_export(*finished);
  return written;
}

void App::poll_export() {
  if (const std::shared_ptr<const ExportOutcome> finished = export_job_.take()) take_export(*finished);
}

void App::take_export(const ExportOutcome& finished) {
  if (finished.cancelled) {
    status_ = "Report export cancelled: " + finished.path + " not written";
  } else if (!finished.problem.empty()) {
    status_ = "Report not written: " + finished.problem;
  } else {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", finished.seconds);
    status_ = "Report written to " + finished.path + " (" + seconds + " s): open it in a browser, or mail it";
  }
}

}  // namespace journeysim::viewer
