// Tallies as bytes: every field, in declaration order.
#include "tally_bytes.hpp"

namespace journeysim::detail {

namespace {

// A segment's fields, for writing (Io ByteWriter, Segment const) or reading
// (ByteReader): one list, so the two cannot drift apart.
template <class Io, class Segment>
void segment_fields(Io& io, Segment& s) {
  io.value(s.customers);
  io.values(s.endings);
  io.value(s.converted);
  io.value(s.churn_base);
  io.value(s.churned_of_base);
  io.value(s.active_of_base);
  io.value(s.reached_checkout);
  io.value(s.abandoned_after_checkout);
  io.value(s.nps_scores);
  io.value(s.csat);
  io.value(s.ces);
  io.value(s.ttr);
  io.value(s.ttr_episodes);
  io.value(s.journey_hours);
  io.value(s.steps);
  io.value(s.cost);
  io.value(s.revenue);
  io.value(s.wait_hours);
  io.value(s.sentiment_final);
  io.values(s.stage_sentiment);
}

template <class Io, class Paired>
void paired_fields(Io& io, Paired& t) {
  io.value(t.conversion);
  io.value(t.lost);
  io.value(t.churn);
  io.value(t.retention);
  io.value(t.abandonment);
  io.value(t.nps);
  io.value(t.csat);
  io.value(t.ces);
  io.value(t.ttr);
  io.value(t.sentiment_final);
  io.value(t.wait_hours);
  io.value(t.journey_hours);
  io.value(t.steps);
  io.value(t.cost);
  io.value(t.revenue);
  io.values(t.endings);
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
  for (const SegmentTally& s : tally.segments) segment_fields(out, s);
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
  for (SegmentTally& s : tally.segments) segment_fields(in, s);
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

void write(ByteWriter& out, const PairedTally& tally) { paired_fields(out, tally); }

void read(ByteReader& in, PairedTally& tally) { paired_fields(in, tally); }

}  // namespace journeysim::detail
