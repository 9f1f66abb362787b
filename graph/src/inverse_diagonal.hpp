// The diagonal of a sparse matrix's inverse without forming the inverse:
// a fill-reducing LDU factorisation without pivoting, then selected
// inversion (Takahashi's equations), which computes the inverse only on the
// factor's own sparsity pattern. Markov attribution needs diag((I - Q)^-1)
// for every touchpoint (DESIGN section 9); one triangular solve per
// touchpoint would cost thousands of solves on a large strongly connected
// journey.
//
// Private to graph/: absorbing_chain.cpp uses it for removal effects.
#pragma once

#include <Eigen/SparseCore>

namespace journeysim::detail {

// diag(A^-1) for a square A that Gaussian elimination can factor in any
// symmetric order without pivoting. I - Q of an absorbing chain whose states
// all reach an absorbing state is such a matrix: a nonsingular M-matrix,
// whose pivots stay positive under any symmetric permutation.
// Throws std::runtime_error when a pivot is not positive (A is singular or
// not of that kind).
Eigen::VectorXd inverse_diagonal(const Eigen::SparseMatrix<double>& a);

}  // namespace journeysim::detail
