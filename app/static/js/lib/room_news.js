// What changed in the room, in words for screen readers (WCAG 4.1.3): voting opened or closed,
// a step locked, private brainstorming started or revealed, the workshop closed, small groups
// created, a timer started. Only what concerns the viewer: the step in view or the live one, and
// one's own small group. (One's own note posted is told when the server confirms it: board.js.)
import { format, plural } from "./dom.js";
import { EVENT_TYPES } from "./events.js";
import { clock, remainingSeconds } from "./timer.js";

// The facts an event may change, taken before it is applied.
export function factsBefore(state, event) {
  const stepId = event.data?.step_id;
  const step = stepId ? state.step(stepId) : null;
  if (!step) return { status: state.workshop.status };
  const group = event.data.group_id ? state.groups.get(event.data.group_id) : null;
  return {
    status: state.workshop.status,
    locked: step.state.locked,
    voting: Boolean(step.state.voting?.open),
    groups: state.groupsOf(step.id).length,
    timer: (group ? group.timer : step.state.timer)?.state || null,
  };
}

export function newsOf(board, event, before) {
  const { state, strings: s } = board;
  const { type, data } = event;
  if (type === EVENT_TYPES.WORKSHOP_STATUS) return data.status === "closed" && before.status !== "closed" ? s.announce_workshop_closed : null;
  const step = data?.step_id ? state.step(data.step_id) : null;
  if (!step || (step.id !== board.viewedStepId && step.id !== state.workshop.current_step_id)) return null;
  const mine = !data.group_id || state.myGroup(step.id)?.id === data.group_id;
  switch (type) {
    case EVENT_TYPES.VOTING_CHANGED:
      if (data.voting.open && !before.voting) return plural(s.announce_voting_opened, data.voting.votes_per_participant);
      return !data.voting.open && before.voting ? s.voting_closed : null;
    case EVENT_TYPES.STEP_STATE:
      if (step.state.locked === before.locked) return null;
      return step.state.locked ? s.locked_step : s.announce_unlocked;
    case EVENT_TYPES.STEP_HIDDEN:
      return mine ? s.announce_hidden : null;
    case EVENT_TYPES.STEP_REVEALED:
      return mine ? s.announce_revealed : null;
    case EVENT_TYPES.TIMER_CHANGED: {
      const started = data.timer?.state === "running" && before.timer !== "running";
      if (!started || !mine || (data.group_id && state.me.role === "facilitator")) return null;
      return format(s.announce_timer_started, { time: clock(remainingSeconds(data.timer, state.clockOffset)) });
    }
    case EVENT_TYPES.GROUPS_CHANGED: {
      if (before.groups || !data.groups.length) return null;
      const group = state.myGroup(step.id);
      return group ? `${s.announce_groups_created} ${format(s.your_group, { name: group.name })}` : s.announce_groups_created;
    }
    default:
      return null;
  }
}
