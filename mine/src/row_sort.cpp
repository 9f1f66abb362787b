// The external sort of event-log rows (row_sort.hpp): chunks sorted in memory,
// written to temporary files in a plain binary form, merged with a heap.
#include "row_sort.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <queue>
#include <tuple>

#include "journeysim/mine/timestamp.hpp"
#include "table_input.hpp"

namespace journeysim::mine::detail {

namespace {

// --- the binary form of a row: sizes as u64, then bytes ---

void put(std::FILE* f, std::uint64_t x, bool& ok) { ok = ok && std::fwrite(&x, sizeof x, 1, f) == 1; }
void put(std::FILE* f, double x, bool& ok) { ok = ok && std::fwrite(&x, sizeof x, 1, f) == 1; }
void put(std::FILE* f, const std::string& s, bool& ok) {
  put(f, static_cast<std::uint64_t>(s.size()), ok);
  ok = ok && (s.empty() || std::fwrite(s.data(), 1, s.size(), f) == s.size());
}
void put(std::FILE* f, const TextPlace& p, bool& ok) {
  put(f, static_cast<std::uint64_t>(p.line), ok);
  put(f, static_cast<std::uint64_t>(p.column), ok);
}

bool get(std::FILE* f, std::uint64_t& x) { return std::fread(&x, sizeof x, 1, f) == 1; }
bool get(std::FILE* f, double& x) { return std::fread(&x, sizeof x, 1, f) == 1; }
bool get(std::FILE* f, std::string& s) {
  std::uint64_t size = 0;
  if (!get(f, size)) return false;
  s.resize(size);
  return size == 0 || std::fread(s.data(), 1, size, f) == size;
}
bool get(std::FILE* f, TextPlace& p) {
  std::uint64_t line = 0, column = 0;
  if (!get(f, line) || !get(f, column)) return false;
  p = {static_cast<std::size_t>(line), static_cast<std::size_t>(column)};
  return true;
}

struct Record {
  std::string customer;
  double time = 0.0;
  std::uint64_t sequence = 0;
  DelimitedRow row;
};

void write_record(std::FILE* f, const std::string& customer, double time, std::uint64_t sequence,
                  const DelimitedRow& row, bool& ok) {
  put(f, customer, ok);
  put(f, time, ok);
  put(f, sequence, ok);
  put(f, static_cast<std::uint64_t>(row.fields.size()), ok);
  for (std::size_t i = 0; i < row.fields.size(); ++i) {
    put(f, row.fields[i], ok);
    put(f, i < row.places.size() ? row.places[i] : row.start, ok);
  }
  put(f, row.start, ok);
  put(f, row.problem, ok);
  put(f, row.problem_place, ok);
}

// None at the end of the chunk (or on a read error, which `failed` says).
std::optional<Record> read_record(std::FILE* f, bool& failed) {
  Record r;
  if (!get(f, r.customer)) return std::nullopt;  // the end
  std::uint64_t fields = 0;
  bool ok = get(f, r.time) && get(f, r.sequence) && get(f, fields);
  for (std::uint64_t i = 0; ok && i < fields; ++i) {
    r.row.fields.emplace_back();
    r.row.places.emplace_back();
    ok = get(f, r.row.fields.back()) && get(f, r.row.places.back());
  }
  ok = ok && get(f, r.row.start) && get(f, r.row.problem) && get(f, r.row.problem_place);
  if (!ok) {
    failed = true;
    return std::nullopt;
  }
  return r;
}

bool before(const std::string& customer_a, double time_a, std::uint64_t sequence_a, const std::string& customer_b,
            double time_b, std::uint64_t sequence_b) {
  return std::tie(customer_a, time_a, sequence_a) < std::tie(customer_b, time_b, sequence_b);
}

}  // namespace

RowSorter::RowSorter(char delimiter, std::string customer_column, std::string time_column, std::size_t rows_per_chunk)
    : delimiter_(delimiter),
      customer_column_(std::move(customer_column)),
      time_column_(std::move(time_column)),
      rows_per_chunk_(std::max<std::size_t>(rows_per_chunk, 1)) {}

RowSorter::~RowSorter() = default;

void RowSorter::feed(std::string_view bytes) {
  if (!reader_) {
    pending_.append(bytes);
    const std::size_t end = pending_.find('\n');
    if (end == std::string::npos) return;
    const char delimiter = delimiter_ ? delimiter_ : detect_delimiter(std::string_view(pending_).substr(0, end));
    reader_ = std::make_unique<DelimitedReader>(delimiter, [this](const DelimitedRow& row) { on_row(row); });
    reader_->feed(std::exchange(pending_, {}));
    return;
  }
  reader_->feed(bytes);
}

void RowSorter::finish() {
  if (!reader_ && !pending_.empty()) {
    reader_ = std::make_unique<DelimitedReader>(delimiter_ ? delimiter_ : detect_delimiter(pending_),
                                                [this](const DelimitedRow& row) { on_row(row); });
    reader_->feed(std::exchange(pending_, {}));
  }
  if (reader_) reader_->finish();
  if (!chunk_.empty()) spill();
}

void RowSorter::on_row(const DelimitedRow& row) {
  if (!have_header_) {
    have_header_ = true;
    header_ = row;
    const std::vector<std::string> names = header_names(row.fields);
    customer_index_ = find_column(names, customer_column_);
    time_index_ = find_column(names, time_column_);
    return;
  }
  Keyed keyed;
  if (customer_index_ < row.fields.size()) keyed.customer = row.fields[customer_index_];
  // Unreadable times sort first in their customer's rows: the miner reports them where they are.
  keyed.time = -std::numeric_limits<double>::infinity();
  if (time_index_ < row.fields.size()) {
    if (const auto seconds = parse_timestamp(row.fields[time_index_]).seconds) keyed.time = *seconds;
  }
  keyed.sequence = sequence_++;
  keyed.row = row;
  chunk_.push_back(std::move(keyed));
  if (chunk_.size() >= rows_per_chunk_) spill();
}

void RowSorter::spill() {
  std::sort(chunk_.begin(), chunk_.end(), [](const Keyed& a, const Keyed& b) {
    return before(a.customer, a.time, a.sequence, b.customer, b.time, b.sequence);
  });
  std::unique_ptr<std::FILE, FileCloser> file(std::tmpfile());
  bool written = file != nullptr;
  for (const Keyed& k : chunk_) {
    if (!written) break;
    write_record(file.get(), k.customer, k.time, k.sequence, k.row, written);
  }
  ok_ = ok_ && written && std::fflush(file.get()) == 0;
  chunks_.push_back(std::move(file));
  chunk_.clear();
}

bool RowSorter::replay(const std::function<void(const DelimitedRow&)>& on_row) const {
  if (!ok_) return false;
  if (have_header_) on_row(header_);
  // A heap of each chunk's next record, the least first.
  std::vector<std::optional<Record>> heads(chunks_.size());
  bool failed = false;
  for (std::size_t c = 0; c < chunks_.size(); ++c) {
    std::rewind(chunks_[c].get());
    heads[c] = read_record(chunks_[c].get(), failed);
  }
  const auto later = [&](std::size_t a, std::size_t b) {
    const Record& x = *heads[a];
    const Record& y = *heads[b];
    return before(y.customer, y.time, y.sequence, x.customer, x.time, x.sequence);
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> next(later);
  for (std::size_t c = 0; c < heads.size(); ++c) {
    if (heads[c]) next.push(c);
  }
  while (!next.empty()) {
    const std::size_t c = next.top();
    next.pop();
    on_row(heads[c]->row);
    heads[c] = read_record(chunks_[c].get(), failed);
    if (heads[c]) next.push(c);
  }
  return !failed;
}

}  // namespace journeysim::mine::detail
