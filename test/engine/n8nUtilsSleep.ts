/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: stands in for n8n's own sleep, which is a setTimeout */
/**
 * Stands in for `@n8n/utils/sleep` (mapped here by jest.config.js and jest.matrix.config.js): in a
 * test file on the virtual clock of test/engine/clock.ts, n8n-core's own waits (Batching intervals,
 * Retry On Fail's Wait Between Tries after the first) run on it, with ours; elsewhere they are real.
 */
import { onVirtualClock, virtualSleep } from './clock';

export async function sleep(ms: number): Promise<void> {
	if (onVirtualClock()) return await virtualSleep(ms);
	await new Promise<void>((resolve) => setTimeout(resolve, ms));
}
