// diag(A^-1) by selected inversion. The factorisation follows Tim Davis's
// LDL (up-looking, one row of L per step, the pattern from the elimination
// tree) carried over to a structurally symmetric LDU: the symmetric pattern
// of A + A^T holds both L and U^T, so one symbolic analysis serves both.
// Takahashi's equations then give the inverse's entries on that pattern,
// column by column from the last, each from entries already computed.
#include "inverse_diagonal.hpp"

#include <cassert>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/OrderingMethods>

namespace journeysim::detail {

namespace {

using SparseMatrix = Eigen::SparseMatrix<double>;

// A = L D U with L unit lower and U unit upper triangular, on the pattern of
// A + A^T and its fill. Column j lists the rows below j in increasing order;
// `lower` holds L(row, j) and `upper_t` holds U(j, row) at the same position.
struct SymmetricPatternLdu {
  std::vector<int> column_start;  // n + 1 entries
  std::vector<int> row;
  std::vector<double> lower;
  std::vector<double> upper_t;
  std::vector<double> pivot;  // D
};

// The elimination tree of A + A^T and the number of entries in each column
// of L (Davis's ldl_symbolic). `a` and `a_t` are the matrix and its transpose:
// the entries above the diagonal in column k of either are the pattern of
// column k of the symmetric matrix.
void eliminate_symbolically(const SparseMatrix& a, const SparseMatrix& a_t, std::vector<int>& parent,
                            std::vector<int>& column_count) {
  const int n = static_cast<int>(a.cols());
  parent.assign(n, -1);
  column_count.assign(n, 0);
  std::vector<int> visited_at(n, -1);
  for (int k = 0; k < n; ++k) {
    visited_at[k] = k;
    // Each entry above the diagonal puts L(k, i) into the factor, and so does
    // every ancestor of i up to k in the tree (the fill).
    const auto climb = [&](int i) {
      for (; visited_at[i] != k; i = parent[i]) {
        if (parent[i] == -1) parent[i] = k;
        ++column_count[i];
        visited_at[i] = k;
      }
    };
    for (SparseMatrix::InnerIterator it(a, k); it; ++it) {
      if (it.row() < k) climb(static_cast<int>(it.row()));
    }
    for (SparseMatrix::InnerIterator it(a_t, k); it; ++it) {
      if (it.row() < k) climb(static_cast<int>(it.row()));
    }
  }
}

// Row k of L and column k of U at step k, as two sparse triangular solves
// over the tree's reach of column k (Davis's ldl_numeric, twice over).
SymmetricPatternLdu factor(const SparseMatrix& a) {
  const int n = static_cast<int>(a.cols());
  const SparseMatrix a_t = a.transpose();
  std::vector<int> parent;
  std::vector<int> column_count;
  eliminate_symbolically(a, a_t, parent, column_count);

  SymmetricPatternLdu ldu;
  ldu.column_start.assign(n + 1, 0);
  for (int j = 0; j < n; ++j) ldu.column_start[j + 1] = ldu.column_start[j] + column_count[j];
  const auto entries = static_cast<std::size_t>(ldu.column_start[n]);
  ldu.row.resize(entries);
  ldu.lower.resize(entries);
  ldu.upper_t.resize(entries);
  ldu.pivot.resize(n);

  std::vector<double> column_part(n, 0.0);  // becomes L^-1 A(0:k-1, k), hence U(0:k-1, k)
  std::vector<double> row_part(n, 0.0);     // becomes U^-T A(k, 0:k-1)^T, hence L(k, 0:k-1)
  std::vector<int> filled(n, 0);            // entries of each column of L written so far
  std::vector<int> visited_at(n, -1);
  std::vector<int> reach(n);  // reach[top..n-1]: the pattern of row k, in topological order
  std::vector<int> path(n);

  for (int k = 0; k < n; ++k) {
    int top = n;
    visited_at[k] = k;
    double pivot = 0.0;
    const auto gather = [&](int i) {
      int length = 0;
      for (; visited_at[i] != k; i = parent[i]) {
        path[length++] = i;
        visited_at[i] = k;
      }
      while (length > 0) reach[--top] = path[--length];
    };
    for (SparseMatrix::InnerIterator it(a, k); it; ++it) {
      const int i = static_cast<int>(it.row());
      if (i == k) pivot += it.value();
      if (i >= k) continue;
      column_part[i] += it.value();
      gather(i);
    }
    for (SparseMatrix::InnerIterator it(a_t, k); it; ++it) {
      const int i = static_cast<int>(it.row());
      if (i >= k) continue;
      row_part[i] += it.value();
      gather(i);
    }
    for (int t = top; t < n; ++t) {
      const int i = reach[t];
      const double y = column_part[i];
      const double z = row_part[i];
      column_part[i] = 0.0;
      row_part[i] = 0.0;
      const int begin = ldu.column_start[i];
      const int end = begin + filled[i];
      for (int p = begin; p < end; ++p) {
        column_part[ldu.row[p]] -= ldu.lower[p] * y;
        row_part[ldu.row[p]] -= ldu.upper_t[p] * z;
      }
      const double l_ki = z / ldu.pivot[i];
      pivot -= l_ki * y;
      ldu.row[end] = k;
      ldu.lower[end] = l_ki;
      ldu.upper_t[end] = y / ldu.pivot[i];
      ++filled[i];
    }
    // Positive pivots are what an M-matrix guarantees; anything else means
    // the caller passed a singular matrix (a closed cycle).
    if (!(pivot > 0.0) || !std::isfinite(pivot)) {
      throw std::runtime_error("inverse_diagonal: pivot " + std::to_string(k) +
                               " is not positive; the matrix is "
                               "singular or not an M-matrix");
    }
    ldu.pivot[k] = pivot;
  }
  for (int j = 0; j < n; ++j) assert(filled[j] == column_count[j]);
  return ldu;
}

// Takahashi's equations, Z = A^-1 = U^-1 D^-1 L^-1:
//   Z(i, j) = -sum_k Z(i, k) L(k, j)       for i > j
//   Z(j, i) = -sum_k U(j, k) Z(k, i)       for i > j
//   Z(j, j) = 1 / d_j - sum_k U(j, k) Z(k, j)
// with k over the rows of column j of L. Those rows form a clique of the
// filled pattern, so every Z(i, k) needed sits on the pattern of a later
// column, already computed.
std::vector<double> selected_inverse_diagonal(const SymmetricPatternLdu& ldu) {
  const int n = static_cast<int>(ldu.pivot.size());
  std::vector<double> z_lower(ldu.row.size(), 0.0);  // Z(row, j)
  std::vector<double> z_upper(ldu.row.size(), 0.0);  // Z(j, row)
  std::vector<double> z_diagonal(n, 0.0);
  std::vector<double> sum_lower;
  std::vector<double> sum_upper;
  for (int j = n - 1; j >= 0; --j) {
    const int first = ldu.column_start[j];
    const int size = ldu.column_start[j + 1] - first;
    sum_lower.assign(size, 0.0);
    sum_upper.assign(size, 0.0);
    for (int q = 0; q < size; ++q) {
      const int c = ldu.row[first + q];
      const double l_cj = ldu.lower[first + q];
      const double u_jc = ldu.upper_t[first + q];
      sum_lower[q] += z_diagonal[c] * l_cj;
      sum_upper[q] += u_jc * z_diagonal[c];
      // The later rows r of column j all appear in column c: walk both in order.
      int p = ldu.column_start[c];
      for (int r_index = q + 1; r_index < size; ++r_index, ++p) {
        const int r = ldu.row[first + r_index];
        while (ldu.row[p] < r) ++p;
        assert(p < ldu.column_start[c + 1] && ldu.row[p] == r);
        sum_lower[r_index] += z_lower[p] * l_cj;                    // Z(r, c) L(c, j)
        sum_lower[q] += z_upper[p] * ldu.lower[first + r_index];    // Z(c, r) L(r, j)
        sum_upper[r_index] += u_jc * z_upper[p];                    // U(j, c) Z(c, r)
        sum_upper[q] += ldu.upper_t[first + r_index] * z_lower[p];  // U(j, r) Z(r, c)
      }
    }
    double diagonal = 1.0 / ldu.pivot[j];
    for (int q = 0; q < size; ++q) {
      z_lower[first + q] = -sum_lower[q];
      z_upper[first + q] = -sum_upper[q];
      diagonal -= ldu.upper_t[first + q] * z_lower[first + q];
    }
    z_diagonal[j] = diagonal;
  }
  return z_diagonal;
}

}  // namespace

Eigen::VectorXd inverse_diagonal(const SparseMatrix& a) {
  const Eigen::Index n = a.cols();
  if (n == 0) return Eigen::VectorXd();
  // Approximate minimum degree on A + A^T keeps the fill (and so the work) small.
  Eigen::AMDOrdering<int> amd;
  Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> elimination_order;
  amd(a, elimination_order);
  std::vector<int> position(n);  // where each original row and column goes
  for (Eigen::Index k = 0; k < n; ++k) position[elimination_order.indices()[k]] = static_cast<int>(k);

  std::vector<Eigen::Triplet<double>> permuted_entries;
  permuted_entries.reserve(static_cast<std::size_t>(a.nonZeros()));
  for (Eigen::Index j = 0; j < a.outerSize(); ++j) {
    for (SparseMatrix::InnerIterator it(a, j); it; ++it) {
      permuted_entries.emplace_back(position[it.row()], position[it.col()], it.value());
    }
  }
  SparseMatrix permuted(n, n);
  permuted.setFromTriplets(permuted_entries.begin(), permuted_entries.end());
  permuted.makeCompressed();

  const std::vector<double> diagonal = selected_inverse_diagonal(factor(permuted));
  Eigen::VectorXd out(n);
  for (Eigen::Index k = 0; k < n; ++k) out[k] = diagonal[position[k]];
  return out;
}

}  // namespace journeysim::detail
