// The processes one run is spread over (DESIGN section 15). Started by
// `mpirun -np K journeysim ...`, the K processes (ranks) each walk their
// share of the blocks of customers and send them to rank 0, which merges
// them in block order: the report is byte for byte one process's. Without
// mpirun (or in a build without MPI: JOURNEYSIM_MPI off) there is one rank
// and nothing here does anything; a single process needs no MPI at run time.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace journeysim::ranks {

// Starts MPI when the program was launched by mpirun and MPI is built in.
// Call once, first thing in main; stop() at the end.
void start(int& argc, char**& argv);
void stop();

int rank();  // this process: 0 .. size() - 1
int size();
bool built_with_mpi();

// A rank that failed fails the whole run: every rank is stopped, and
// mpirun exits with `code`.
[[noreturn]] void abort_all(int code);

// For tests of a failing rank: throws on the rank named by the environment
// variable JOURNEYSIM_FAIL_RANK, as a rank that runs out of memory would.
void fail_if_asked();

// Point to point, in order between each pair of ranks.
void send(int to, std::span<const std::byte> bytes);
std::vector<std::byte> receive(int from);

}  // namespace journeysim::ranks
