#!/usr/bin/python3
"""The M/M/c queue of bench/queue_bench.cpp in SimPy, as a modeller would write
it: 100 arrivals an hour, 12 agents, exponential service with a mean of 6
minutes, for DAYS days, recording each customer's wait. Prints arrivals per
second of wall time (and the mean wait, to check both model the same queue).
Debian's python3-simpy is SimPy 2.3, hence the classic process API.
Usage: /usr/bin/python3 bench/simpy_mmc.py [DAYS]"""
import random
import sys
import time

from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

ARRIVALS_PER_HOUR = 100.0
AGENTS = 12
MEAN_SERVICE_HOURS = 0.1


class Customer(Process):
    def visit(self, agents, waits, rng):
        arrived = self.sim.now()
        yield request, self, agents
        waits.append(self.sim.now() - arrived)
        yield hold, self, rng.expovariate(1.0 / MEAN_SERVICE_HOURS)
        yield release, self, agents


class Source(Process):
    def generate(self, agents, waits, rng, until):
        while self.sim.now() < until:
            customer = Customer(sim=self.sim)
            self.sim.activate(customer, customer.visit(agents, waits, rng))
            yield hold, self, rng.expovariate(ARRIVALS_PER_HOUR)


def main():
    days = float(sys.argv[1]) if len(sys.argv) > 1 else 28.0
    hours = 24.0 * days
    rng = random.Random(1)
    started = time.perf_counter()
    sim = Simulation()
    sim.initialize()
    agents = Resource(capacity=AGENTS, sim=sim)
    waits = []
    source = Source(sim=sim)
    sim.activate(source, source.generate(agents, waits, rng, hours))
    sim.simulate(until=hours)
    seconds = time.perf_counter() - started
    print(f"simpy: {len(waits)} arrivals served in {seconds:.3f} s: {len(waits) / seconds:.0f} arrivals/s; "
          f"mean wait {sum(waits) / len(waits) * 60:.3f} min")


if __name__ == "__main__":
    main()
