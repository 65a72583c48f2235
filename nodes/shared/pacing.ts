import { randomInt } from 'n8n-workflow';

import type { RunStop } from './runStop';

/**
 * Sends of one account, across every execution in this n8n process: one at a time, each starting
 * a random gap after the previous one ended. In queue mode each worker process paces its own sends.
 */
interface Lane {
	/** Settles when the last send queued on this lane is over. */
	tail: Promise<void>;
	/** When the last send on this account ended (paced or not). */
	lastEndAt?: number;
}

const lanes = new Map<string, Lane>();

function laneOf(key: string): Lane {
	let lane = lanes.get(key);
	if (!lane) {
		lane = { tail: Promise.resolve() };
		lanes.set(key, lane);
	}
	return lane;
}

interface Gap {
	minSeconds: number;
	maxSeconds: number;
}

/**
 * Runs `send` in its turn on the account's lane: after every send queued before it is over, and
 * `gap` after the last one ended. Without a gap (pacing off) it runs at once, outside the queue.
 * Every wait is bounded: each turn waits for one earlier send, itself bounded by its gap, the
 * request timeout and the retry limits; the run's stop ends any wait at once. `send` calls
 * `requestLeaves()` before each request it makes, so a send skipped as a duplicate does not count.
 */
export async function inTurn<T>(
	key: string,
	gap: Gap | undefined,
	stop: RunStop,
	itemIndex: number,
	send: (requestLeaves: () => void) => Promise<T>,
): Promise<T> {
	const lane = laneOf(key);
	let sent = false;
	const requestLeaves = () => {
		sent = true;
	};
	if (!gap) {
		try {
			return await send(requestLeaves);
		} finally {
			if (sent) lane.lastEndAt = Date.now();
		}
	}
	const previous = lane.tail;
	let release = () => {};
	lane.tail = new Promise<void>((resolve) => (release = resolve));
	try {
		await stop.wait(previous, itemIndex);
		if (lane.lastEndAt !== undefined) {
			const gapMs = randomInt(
				Math.round(gap.minSeconds * 1000),
				Math.round(gap.maxSeconds * 1000) + 1,
			);
			await stop.sleep(lane.lastEndAt + gapMs - Date.now(), itemIndex);
		}
		return await send(requestLeaves);
	} finally {
		if (sent) lane.lastEndAt = Date.now();
		// The next send waits for this one and, if this one stopped early, for the one before it.
		void previous.then(release);
	}
}
