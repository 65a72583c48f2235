/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: turns the real event loop (setImmediate) while the clock is virtual */
/**
 * Virtual time for the waits a test does not prove (pacing gaps, retry-after, typing): n8n-workflow's
 * `sleep`, which our nodes use for every wait, resolves when the test's clock reaches its end, and
 * `Date` shows the virtual time. HTTP, n8n's own timers and request timeouts stay real.
 *
 * In a test file, before any import:
 *   jest.mock('n8n-workflow', () =>
 *     jest.requireActual<typeof import('../engine/clock')>('../engine/clock').workflowWithVirtualSleep(),
 *   );
 * then `useVirtualClock()` in the suite, and `await settle(promise)` around each run.
 */
interface Sleeper {
	at: number;
	wake: () => void;
}

const sleepers: Sleeper[] = [];

export const virtualSleep = async (ms: number) =>
	await new Promise<void>((wake) => sleepers.push({ at: Date.now() + Math.max(0, ms), wake }));

/** n8n-workflow with its `sleep` on the virtual clock. */
export function workflowWithVirtualSleep() {
	return { ...jest.requireActual<object>('n8n-workflow'), sleep: virtualSleep };
}

let virtual = false;

/**
 * Whether this test file runs on the virtual clock. It stays on after its tests: a sleep an
 * execution starts after its test ended then never wakes, rather than hold a real timer.
 */
export const onVirtualClock = () => virtual;

/** Freezes `Date` at a fixed start; only `settle` moves it. */
export function useVirtualClock(start = Date.parse('2026-12-01T09:00:00Z')) {
	beforeEach(() => {
		sleepers.length = 0;
		virtual = true;
		jest.useFakeTimers({
			doNotFake: [
				'hrtime',
				'nextTick',
				'performance',
				'queueMicrotask',
				'setImmediate',
				'clearImmediate',
				'setInterval',
				'clearInterval',
				'setTimeout',
				'clearTimeout',
			],
			now: start,
		});
	});
	afterEach(() => jest.useRealTimers());
}

/** Runs the event loop until `promise` settles, moving the clock to each sleeper's end in turn. */
export async function settle<T>(promise: Promise<T>, maxTurns = 200_000): Promise<T> {
	let done = false;
	void promise.then(
		() => (done = true),
		() => (done = true),
	);
	for (let turn = 0; !done; turn++) {
		if (turn === maxTurns) throw new Error(`Did not settle within ${maxTurns} turns`);
		await new Promise((resolve) => setImmediate(resolve));
		if (!done) wakeNext();
	}
	return await promise;
}

/** Moves the clock to the earliest sleeper's end and wakes it; false when none sleeps. */
function wakeNext(): boolean {
	if (!sleepers.length) return false;
	sleepers.sort((a, b) => a.at - b.at);
	const next = sleepers.shift() as Sleeper;
	if (next.at > Date.now()) jest.setSystemTime(next.at);
	next.wake();
	return true;
}

/**
 * Runs the clock out: wakes every sleeper in time order, and those they start, until none is left
 * and the event loop has turned `quiet` times without one, so a send wrongly left waiting (however
 * long its delay) has reached the sandbox by the time it returns.
 */
export async function runOut(quiet = 50, maxTurns = 200_000) {
	let idle = 0;
	for (let turn = 0; idle < quiet; turn++) {
		if (turn === maxTurns) throw new Error(`Sleepers still waking after ${maxTurns} turns`);
		await new Promise((resolve) => setImmediate(resolve));
		idle = wakeNext() ? 0 : idle + 1;
	}
}

/** Lets the event loop run `turns` times with the clock still: anything left behind shows itself. */
export async function drain(turns = 50) {
	for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** Resolves once `ready()` is true, turning the event loop (bounded). */
export async function until(ready: () => boolean, turns = 100_000) {
	for (let turn = 0; turn < turns && !ready(); turn++) {
		await new Promise((resolve) => setImmediate(resolve));
	}
	if (!ready()) throw new Error(`Not ready within ${turns} turns`);
}
