// Tallies as bytes: every field, in declaration order.
#include "tally_bytes.hpp"

namespace journeysim::detail {

namespace {

void write(ByteWriter& out, const SegmentTally& s) {
  out.value(s.customers);
  out.values(s.endings);
  out.value(s.converted);
  out.value(s.churn_base);
  out.value(s.churned_of_base);
  out.value(s.active_of_base);
  out.value(s.reached_checkout);
  out.value(s.abandoned_after_checkout);
  out.value(s.nps_scores);
  out.value(s.csat);
  out.value(s.ces);
  out.value(s.ttr);
  out.value(s.ttr_episodes);
  out.value(s.journey_hours);
  out.value(s.steps);
  out.value(s.cost);
  out.value(s.revenue);
  out.value(s.wait_hours);
  out.value(s.sentiment_final);
  out.values(s.stage_sentiment);
}

void read(ByteReader& in, SegmentTally& s) {
  in.value(s.customers);
  in.values(s.endings);
  in.value(s.converted);
  in.value(s.churn_base);
  in.value(s.churned_of_base);
  in.value(s.active_of_base);
  in.value(s.reached_checkout);
  in.value(s.abandoned_after_checkout);
  in.value(s.nps_scores);
  in.value(s.csat);
  in.value(s.ces);
  in.value(s.ttr);
  in.value(s.ttr_episodes);
  in.value(s.journey_hours);
  in.value(s.steps);
  in.value(s.cost);
  in.value(s.revenue);
  in.value(s.wait_hours);
  in.value(s.sentiment_final);
  in.values(s.stage_sentiment);
}

void write(ByteWriter& out, const PathCounts& paths) {
  out.value(paths.ending_count());
  out.value(static_cast<std::uint64_t>(paths.size()));
  std::vector<std::uint64_t> by_ending(paths.ending_count());
  for (std::size_t row = 0; row < paths.size(); ++row) {
    out.values(paths.path(row));
    out.value(paths.row_hash(row));
    out.value(paths.customers(row));
    for (std::uint32_t e = 0; e < paths.ending_count(); ++e) by_ending[e] = paths.customers(row, e);
    out.values(by_ending);
  }
}

void read(ByteReader& in, PathCounts& paths) {
  std::uint32_t ending_count = 0;
  std::uint64_t rows = 0;
  in.value(ending_count);
  in.value(rows);
  paths = PathCounts(ending_count);
  std::vector<std::uint32_t> path;
  std::vector<std::uint64_t> by_ending;
  for (std::uint64_t row = 0; row < rows; ++row) {
    std::uint64_t hash = 0, customers = 0;
    in.values(path);
    in.value(hash);
    in.value(customers);
    in.values(by_ending);
    paths.add_customers(path, hash, customers, by_ending);
  }
}

}  // namespace

void write(ByteWriter& out, const RunTally& tally) {
  out.value(static_cast<std::uint64_t>(tally.segments.size()));
  for (const SegmentTally& s : tally.segments) write(out, s);
  out.values(tally.touchpoints);
  out.value(static_cast<std::uint64_t>(tally.transitions.size()));
  for (const TransitionTally& t : tally.transitions) {
    out.value(t.traversals);
    out.values(t.by_ending);
  }
  out.values(tally.stage_reached);
  out.values(tally.stage_reached_after_previous);
  out.values(tally.ended_by_bin);
  out.value(tally.untracked_path_customers);
  out.value(tally.all_figures);
  write(out, tally.paths);
}

void read(ByteReader& in, RunTally& tally) {
  std::uint64_t count = 0;
  in.value(count);
  tally.segments.assign(count, SegmentTally());
  for (SegmentTally& s : tally.segments) read(in, s);
  in.values(tally.touchpoints);
  in.value(count);
  tally.transitions.assign(count, TransitionTally());
  for (TransitionTally& t : tally.transitions) {
    in.value(t.traversals);
    in.values(t.by_ending);
  }
  in.values(tally.stage_reached);
  in.values(tally.stage_reached_after_previous);
  in.values(tally.ended_by_bin);
  in.value(tally.untracked_path_customers);
  in.value(tally.all_figures);
  read(in, tally.paths);
}

void write(ByteWriter& out, const PairedTally& t) {
  out.value(t.conversion);
  out.value(t.lost);
  out.value(t.churn);
  out.value(t.retention);
  out.value(t.abandonment);
  out.value(t.nps);
  out.value(t.csat);
  out.value(t.ces);
  out.value(t.ttr);
  out.value(t.sentiment_final);
  out.value(t.wait_hours);
  out.value(t.journey_hours);
  out.value(t.steps);
  out.value(t.cost);
  out.value(t.revenue);
  out.values(t.endings);
}

void read(ByteReader& in, PairedTally& t) {
  in.value(t.conversion);
  in.value(t.lost);
  in.value(t.churn);
  in.value(t.retention);
  in.value(t.abandonment);
  in.value(t.nps);
  in.value(t.csat);
  in.value(t.ces);
  in.value(t.ttr);
  in.value(t.sentiment_final);
  in.value(t.wait_hours);
  in.value(t.journey_hours);
  in.value(t.steps);
  in.value(t.cost);
  in.value(t.revenue);
  in.values(t.endings);
}

}  // namespace journeysim::detail
