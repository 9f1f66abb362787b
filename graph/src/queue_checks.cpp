// The queue model's whole-scenario rules (queue_checks.hpp).
#include "queue_checks.hpp"

#include <algorithm>
#include <array>

#include "journeysim/graph/duration.hpp"
#include "journeysim/graph/suggest.hpp"
#include "journeysim/graph/text.hpp"

namespace journeysim {

namespace {

class QueueChecker {
 public:
  explicit QueueChecker(const QueueModel& model) : model_(model) {
    for (const Touchpoint& t : model.touchpoints) {
      if (!t.id.empty() && !removed(t.id)) ids_.push_back(t.id);
    }
  }

  std::vector<QueueProblem> run() {
    check_arrivals();
    for (std::size_t i = 0; i < model_.touchpoints.size(); ++i) {
      const Touchpoint& t = model_.touchpoints[i];
      const bool unread = i < model_.unread.size() && model_.unread[i];
      if (t.capacity && !removed(t.id) && !unread) check_capacity(i, t, *t.capacity);
    }
    return std::move(problems_);
  }

 private:
  bool removed(const std::string& id) const {
    return std::find(model_.removed.begin(), model_.removed.end(), id) != model_.removed.end();
  }

  void add(Severity severity, std::optional<std::size_t> touchpoint, std::string key, std::string message,
           std::string fix) {
    problems_.push_back({severity, touchpoint, std::move(key), std::move(message), std::move(fix)});
  }

  void check_arrivals() {
    if (model_.arrivals && !model_.horizon) {
      add(Severity::error, std::nullopt, "arrivals",
          "\"arrivals\" needs a \"horizon\": customers arrive from time 0 until it",
          "add how long to simulate, e.g. \"horizon\": \"90d\"");
    }
    if (model_.warm_up > 0.0 && !model_.arrivals) {
      add(Severity::error, std::nullopt, "warm_up",
          "\"warm_up\" is for the queue model, and the scenario has no \"arrivals\"",
          "add \"arrivals\", e.g. \"arrivals\": {\"per_hour\": 100}, or remove \"warm_up\"");
    } else if (model_.warm_up > 0.0 && model_.horizon && model_.warm_up >= *model_.horizon) {
      add(Severity::error, std::nullopt, "warm_up",
          "the warm-up (" + format_duration(model_.warm_up) + ") must be shorter than the horizon (" +
              format_duration(*model_.horizon) + "): statistics start when it ends",
          "shorten \"warm_up\", or lengthen \"horizon\"");
    }
  }

  // on_renege, on_balk, on_closed: an existing touchpoint other than the queue itself.
  void check_reference(std::size_t index, const Touchpoint& t, const std::string& key, const std::string& target) {
    if (target.empty()) return;
    const std::string at = "capacity." + key;
    if (target == t.id) {
      add(Severity::error, index, at,
          "\"" + key + "\" of " + in_quotes(t.id) + " sends customers back to " + in_quotes(t.id) + " itself",
          "name the touchpoint they go to instead, e.g. an ending or a callback");
      return;
    }
    if (removed(target)) {
      add(Severity::error, index, at,
          "\"" + key + "\" of " + in_quotes(t.id) + " names " + in_quotes(target) + ", which is removed",
          "send them to a touchpoint that stays, or keep " + in_quotes(target));
      return;
    }
    if (std::find(ids_.begin(), ids_.end(), target) != ids_.end() || !model_.ids_complete) return;
    add(Severity::error, index, at,
        "unknown touchpoint " + in_quotes(target) + " in \"" + key + "\" of " + in_quotes(t.id),
        closest_match(target, ids_) ? did_you_mean(target, ids_)
                                    : "add a touchpoint with this id, or use an existing one");
  }

  void check_capacity(std::size_t index, const Touchpoint& t, const Capacity& c) {
    const std::string id = in_quotes(t.id);
    if (!model_.arrivals) {
      add(Severity::error, index, "capacity",
          id + " has a \"capacity\", but the scenario has no \"arrivals\": without them customers do not queue",
          "add \"arrivals\" (and a \"horizon\"), e.g. \"arrivals\": {\"per_hour\": 100}, or remove \"capacity\"");
    }
    if (t.terminal()) {
      add(Severity::error, index, "capacity", id + " is an ending (it has an \"outcome\"), so nobody waits there",
          "move \"capacity\" to the touchpoint where customers wait to be served, or remove it");
      return;
    }
    check_reference(index, t, "on_renege", c.on_renege);
    check_reference(index, t, "on_balk", c.on_balk);
    check_reference(index, t, "on_closed", c.on_closed);
    if (c.patience && c.on_renege.empty()) {
      add(Severity::error, index, "capacity.patience",
          id + " has a \"patience\" but no \"on_renege\": nowhere to go for customers who give up waiting",
          "add \"on_renege\": the touchpoint they go to, e.g. \"hung_up\"");
    } else if (!c.patience && !c.on_renege.empty()) {
      add(Severity::warning, index, "capacity.on_renege",
          "\"on_renege\" of " + id + " is never used: without a \"patience\" nobody gives up waiting",
          "add \"patience\", e.g. {\"dist\": \"exponential\", \"mean\": \"5m\"}, or remove \"on_renege\"");
    }
    if (c.queue_limit && c.on_balk.empty()) {
      add(Severity::error, index, "capacity.queue_limit",
          id + " has a \"queue_limit\" but no \"on_balk\": nowhere to go for customers who find the queue full",
          "add \"on_balk\": the touchpoint they go to, e.g. \"hung_up\"");
    } else if (!c.queue_limit && !c.on_balk.empty()) {
      add(Severity::warning, index, "capacity.on_balk",
          "\"on_balk\" of " + id + " is never used: without a \"queue_limit\" nobody finds the queue full",
          "add \"queue_limit\", e.g. 50, or remove \"on_balk\"");
    }
    if (c.schedule.empty()) {
      if (!c.on_closed.empty()) {
        add(Severity::warning, index, "capacity.on_closed",
            "\"on_closed\" of " + id + " is never used: without a \"schedule\" it is never closed",
            "add a \"schedule\", or remove \"on_closed\"");
      }
      if (c.agents == 0.0) {
        add(Severity::error, index, "capacity.agents", id + " has 0 agents and no schedule, so nobody is ever served",
            "give it agents, e.g. \"agents\": 5, or a \"schedule\" of shifts");
      }
    } else if (std::all_of(c.schedule.begin(), c.schedule.end(), [](const Shift& s) { return s.agents == 0.0; })) {
      add(Severity::error, index, "capacity.schedule",
          "every shift of " + id + " has 0 agents, so nobody is ever served", "give at least one shift agents");
    } else if (c.on_closed.empty()) {
      check_closed_hours(index, id, c);
    }
  }

  // A schedule with closed hours while customers arrive, and no on_closed:
  // those who reach the queue then wait for it to open (and, with a patience,
  // mostly give up). Allowed, as it is how some lines work, but seldom meant.
  void check_closed_hours(std::size_t index, const std::string& id, const Capacity& c) {
    if (!model_.arrivals) return;
    const std::array<double, hours_per_week> rates = model_.arrivals->hourly_rates();
    const std::vector<std::uint32_t> agents = agents_by_minute(c);
    const auto closed_with_arrivals = [&](std::size_t minute) {
      return agents[minute] == 0 && rates[minute / 60] > 0.0;
    };
    std::size_t closed_minutes = 0;
    std::optional<std::size_t> first;
    for (std::size_t minute = 0; minute < minutes_per_week; ++minute) {
      if (!closed_with_arrivals(minute)) continue;
      ++closed_minutes;
      if (!first) first = minute;
    }
    if (!first) return;
    constexpr std::size_t minutes_per_day = 24 * 60;
    const std::size_t day_start = *first / minutes_per_day * minutes_per_day;
    std::size_t end = *first;
    while (end < day_start + minutes_per_day && closed_with_arrivals(end)) ++end;
    static constexpr std::array<const char*, 7> days{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const std::string example = std::string(days[*first / minutes_per_day]) + " " +
                                format_clock(60.0 * static_cast<double>(*first - day_start)) + "-" +
                                format_clock(60.0 * static_cast<double>(end - day_start));
    const std::string hours = format_number(static_cast<double>(closed_minutes) / 60.0, 3);
    add(Severity::warning, index, "capacity.schedule",
        id + " is closed " + hours + " hours a week while customers arrive (first " + example +
            ") and has no \"on_closed\": those who reach it then wait for it to open" +
            (c.patience ? ", and most give up first" : ""),
        "add \"on_closed\": where they go while it is closed (voicemail, a callback, an ending), or staff those "
        "hours; keep it as it is if callers really do wait for opening");
  }

  const QueueModel& model_;
  std::vector<std::string> ids_;
  std::vector<QueueProblem> problems_;
};

}  // namespace

std::vector<QueueProblem> queue_problems(const QueueModel& model) { return QueueChecker(model).run(); }

}  // namespace journeysim
