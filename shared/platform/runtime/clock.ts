/** Time comes from a Clock so that tests and the demo can control it. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };
