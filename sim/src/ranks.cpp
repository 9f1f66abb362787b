// The ranks: Boost.MPI when built with it (JOURNEYSIM_WITH_MPI), one rank otherwise.
#include "journeysim/sim/ranks.hpp"

#include <cstdlib>
#include <memory>
#include <stdexcept>

#ifdef JOURNEYSIM_WITH_MPI
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#endif

namespace journeysim::ranks {

namespace {

// Launched by mpirun (Open MPI's variables), or by a PMI launcher such as Slurm's srun.
bool launched_by_mpirun() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"}) {
    if (std::getenv(variable) != nullptr) return true;
  }
  return false;
}

#ifdef JOURNEYSIM_WITH_MPI
std::unique_ptr<boost::mpi::environment> environment;
std::unique_ptr<boost::mpi::communicator> world;
constexpr int bytes_tag = 17;
#endif

}  // namespace

void start([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef JOURNEYSIM_WITH_MPI
  if (environment || !launched_by_mpirun()) return;
  // Serialized: sends and receives come from whichever worker thread merges
  // the next block, never two at once (the block scheduler's lock).
  environment = std::make_unique<boost::mpi::environment>(argc, argv, boost::mpi::threading::serialized);
  world = std::make_unique<boost::mpi::communicator>();
#endif
}

void stop() {
#ifdef JOURNEYSIM_WITH_MPI
  world.reset();
  environment.reset();
#endif
}

int rank() {
#ifdef JOURNEYSIM_WITH_MPI
  if (world) return world->rank();
#endif
  return 0;
}

int size() {
#ifdef JOURNEYSIM_WITH_MPI
  if (world) return world->size();
#endif
  return 1;
}

bool built_with_mpi() {
#ifdef JOURNEYSIM_WITH_MPI
  return true;
#else
  return false;
#endif
}

void abort_all(int code) {
#ifdef JOURNEYSIM_WITH_MPI
  if (world) world->abort(code);
#endif
  std::exit(code);
}

void fail_if_asked() {
  const char* asked = std::getenv("JOURNEYSIM_FAIL_RANK");
  if (asked != nullptr && std::string(asked) == std::to_string(rank())) {
    throw std::runtime_error("rank " + std::to_string(rank()) + " failed as JOURNEYSIM_FAIL_RANK asked");
  }
}

void send([[maybe_unused]] int to, [[maybe_unused]] std::span<const std::byte> bytes) {
#ifdef JOURNEYSIM_WITH_MPI
  if (world) {
    const auto count = static_cast<unsigned long long>(bytes.size());
    world->send(to, bytes_tag, count);
    world->send(to, bytes_tag, reinterpret_cast<const char*>(bytes.data()), static_cast<int>(bytes.size()));
    return;
  }
#endif
  throw std::logic_error("ranks::send without MPI ranks");
}

std::vector<std::byte> receive([[maybe_unused]] int from) {
#ifdef JOURNEYSIM_WITH_MPI
  if (world) {
    unsigned long long count = 0;
    world->recv(from, bytes_tag, count);
    std::vector<std::byte> bytes(count);
    world->recv(from, bytes_tag, reinterpret_cast<char*>(bytes.data()), static_cast<int>(count));
    return bytes;
  }
#endif
  throw std::logic_error("ranks::receive without MPI ranks");
}

}  // namespace journeysim::ranks
