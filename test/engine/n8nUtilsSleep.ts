/**
 * Stands in for `@n8n/utils/sleep` where a jest config maps it here (jest.matrix.config.js): n8n-core's
 * own waits (Batching intervals, Retry On Fail's Wait Between Tries after the first) then run on the
 * virtual clock of test/engine/clock.ts, with ours.
 */
export { virtualSleep as sleep } from './clock';
