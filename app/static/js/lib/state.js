// The board's data: the snapshot plus every event applied in order. No DOM here.
import { EVENT_TYPES } from "./events.js";

export class BoardState {
  constructor(me) {
    this.me = me; // { role, participantId, facilitatorId }
    this.clockOffset = 0; // server time minus local time, from timer events
    this.presence = { participants: [], facilitators: 0 };
    this.removed = false;
  }

  load(snapshot) {
    this.workshop = snapshot.workshop;
    this.steps = snapshot.steps;
    this.notes = new Map(snapshot.notes.map((note) => [note.id, note]));
    this.participants = new Map(snapshot.participants.map((p) => [p.id, p]));
    this.groups = new Map((snapshot.groups || []).map((g) => [g.id, g]));
    this.#learnNames(snapshot.groups || []);
    this.themes = new Map((snapshot.themes || []).map((t) => [t.id, t]));
    this.done = new Set((snapshot.done || []).map((d) => `${d.step_id}:${d.participant_id}`));
    this.myVotes = new Map();
    for (const vote of snapshot.votes || []) {
      if (vote.participant_id !== this.me.participantId) continue;
      const step = this.stepOfNote(vote.note_id);
      if (step && vote.round === step.state.voting?.round) this.myVotes.set(vote.note_id, (this.myVotes.get(vote.note_id) || 0) + 1);
    }
  }

  step(id) {
    return this.steps.find((step) => step.id === id);
  }

  stepOfNote(noteId) {
    const note = this.notes.get(noteId);
    return note ? this.step(note.step_id) : null;
  }

  isMine(note) {
    if (this.me.role === "facilitator") return !note.participant_id && note.facilitator_id === this.me.facilitatorId;
    return note.participant_id === this.me.participantId;
  }

  groupsOf(stepId) {
    return [...this.groups.values()].filter((g) => g.step_id === stepId).sort((a, b) => a.position - b.position);
  }

  myGroup(stepId) {
    return this.groupsOf(stepId).find((g) => g.members.includes(this.me.participantId)) || null;
  }

  themesOf(stepId) {
    return [...this.themes.values()].filter((t) => t.step_id === stepId).sort((a, b) => a.position - b.position || a.id - b.id);
  }

  votesUsed(step) {
    let used = 0;
    for (const [noteId, count] of this.myVotes) if (this.notes.get(noteId)?.step_id === step.id) used += count;
    return used;
  }

  // The presenter screen (`/w/<id>/present`) shows the live step and changes nothing.
  get readOnly() {
    return this.me.role === "presenter";
  }

  // The step can take changes from this viewer (participants: not locked, not past its date).
  writable(step) {
    if (this.workshop.status !== "open" || this.readOnly) return false;
    if (this.me.role === "facilitator") return true;
    if (step.state.locked) return false;
    if (step.state.open_until && Date.parse(step.state.open_until) <= Date.now() + this.clockOffset) return false;
    return true;
  }

  // Apply one event; returns what changed: { steps: Set<stepId>, all: bool, newFromOthers: n }.
  apply(event) {
    const { type, data } = event;
    const changed = { steps: new Set(), all: false, newFromOthers: 0 };
    const touch = (stepId) => changed.steps.add(stepId);
    const upsert = (note) => {
      if (!this.notes.has(note.id) && !this.isMine(note)) changed.newFromOthers += 1;
      const before = this.notes.get(note.id);
      if (before && before.step_id !== note.step_id) touch(before.step_id);
      this.notes.set(note.id, { ...note, votes: note.votes ?? before?.votes ?? null });
      touch(note.step_id);
    };
    switch (type) {
      case EVENT_TYPES.NOTE_ADDED:
      case EVENT_TYPES.NOTE_EDITED:
        upsert(data.note);
        break;
      case EVENT_TYPES.NOTE_DELETED:
        this.notes.delete(data.note_id);
        touch(data.step_id);
        break;
      case EVENT_TYPES.PARTICIPANT_REMOVED:
        this.participants.delete(data.participant_id);
        if (data.participant_id === this.me.participantId) this.removed = true;
        changed.all = true;
        break;
      case EVENT_TYPES.WORKSHOP_STEP:
        this.workshop.current_step_id = data.current_step_id;
        changed.all = true;
        break;
      case EVENT_TYPES.WORKSHOP_FOLLOW:
        this.workshop.follow_me = data.follow_me;
        this.workshop.current_step_id = data.current_step_id;
        changed.all = true;
        break;
      case EVENT_TYPES.WORKSHOP_STATUS:
        this.workshop.status = data.status;
        changed.all = true;
        break;
      case EVENT_TYPES.STEP_STATE:
        this.step(data.step_id).state = data.state;
        touch(data.step_id);
        break;
      case EVENT_TYPES.STEP_EXCLUDED:
        this.step(data.step_id).excluded_prompts = data.excluded_prompts;
        touch(data.step_id);
        break;
      case EVENT_TYPES.STEP_HIDDEN:
        this.#setHidden(data, true);
        touch(data.step_id);
        break;
      case EVENT_TYPES.STEP_REVEALED:
        this.#setHidden(data, false);
        data.notes.forEach(upsert);
        touch(data.step_id);
        break;
      case EVENT_TYPES.TIMER_CHANGED:
        this.clockOffset = Date.parse(data.server_now) - Date.now();
        if (data.group_id) this.groups.get(data.group_id).timer = data.timer;
        else this.step(data.step_id).state.timer = data.timer;
        touch(data.step_id);
        break;
      case EVENT_TYPES.VOTING_CHANGED:
        this.#voting(data);
        touch(data.step_id);
        break;
      case EVENT_TYPES.VOTE_CHANGED: {
        const note = this.notes.get(data.note_id);
        if (note) note.votes = data.votes;
        touch(data.step_id);
        break;
      }
      case EVENT_TYPES.THEME_CREATED:
      case EVENT_TYPES.THEME_UPDATED:
        this.themes.set(data.theme.id, data.theme);
        touch(data.theme.step_id);
        break;
      case EVENT_TYPES.THEMES_REORDERED:
        data.theme_ids.forEach((id, position) => { const t = this.themes.get(id); if (t) t.position = position; });
        touch(data.step_id);
        break;
      case EVENT_TYPES.THEME_DELETED:
        this.themes.delete(data.theme_id);
        for (const note of this.notes.values()) if (note.theme_id === data.theme_id) note.theme_id = null;
        touch(data.step_id);
        break;
      case EVENT_TYPES.GROUPS_CHANGED:
        for (const [id, group] of this.groups) if (group.step_id === data.step_id) this.groups.delete(id);
        data.groups.forEach((g) => this.groups.set(g.id, g));
        this.#learnNames(data.groups);
        touch(data.step_id);
        break;
      case EVENT_TYPES.NOTES_DEBRIEFED:
        data.notes.forEach(upsert);
        touch(data.step_id);
        break;
      case EVENT_TYPES.STEP_DONE: {
        const key = `${data.step_id}:${data.participant_id}`;
        if (data.done) this.done.add(key); else this.done.delete(key);
        touch(data.step_id);
        break;
      }
      case EVENT_TYPES.VISION_CHANGED:
        this.step(data.step_id).vision = data.vision;
        touch(data.step_id);
        break;
      default:
        break;
    }
    return changed;
  }

  // Group members' names come with the groups (participants get no roster of the room).
  #learnNames(groups) {
    for (const group of groups) {
      for (const [id, name] of Object.entries(group.member_names || {})) {
        if (!this.participants.has(Number(id))) this.participants.set(Number(id), { id: Number(id), name });
      }
    }
  }

  #setHidden(data, hidden) {
    if (data.group_id) this.groups.get(data.group_id).hidden = hidden;
    else this.step(data.step_id).state.hidden = hidden;
    if (!hidden || this.me.role === "facilitator") return;
    for (const [id, note] of this.notes) {
      const inTarget = note.step_id === data.step_id && (note.group_id || null) === (data.group_id || null);
      if (inTarget && !this.isMine(note)) this.notes.delete(id);
    }
  }

  #voting(data) {
    const step = this.step(data.step_id);
    const newRound = data.voting.round !== step.state.voting?.round;
    step.state.voting = data.voting;
    if (newRound) {
      for (const noteId of [...this.myVotes.keys()]) if (this.notes.get(noteId)?.step_id === step.id) this.myVotes.delete(noteId);
    }
    for (const note of this.notes.values()) {
      if (note.step_id !== step.id) continue;
      if (data.tallies) note.votes = data.tallies[String(note.id)] || 0;
      else if (newRound) note.votes = data.voting.show_tallies ? 0 : null;
    }
  }
}
