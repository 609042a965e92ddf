// A form's draft beside a stored value that can be replaced underneath it (a push from main, a save
// elsewhere): a field the user has not edited takes the new stored value, an edit in progress stays.

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** A state updater: the draft becomes `after` if it still equals `before` (the old stored value). */
export const followStored =
  <T,>(before: T, after: T) =>
  (draft: T): T =>
    same(draft, before) ? after : draft;
