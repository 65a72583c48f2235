import { randomInt } from 'n8n-workflow';

import { fixableError } from './errors';
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
	/** Sends in flight, paced or not. */
	active: Set<Promise<unknown>>;
}

const lanes = new Map<string, Lane>();

function laneOf(key: string): Lane {
	let lane = lanes.get(key);
	if (!lane) {
		lane = { tail: Promise.resolve(), active: new Set() };
		lanes.set(key, lane);
	}
	return lane;
}

interface Gap {
	minSeconds: number;
	maxSeconds: number;
}

/** Bounds the waits of one paced send while unpaced sends of its account keep going out. */
const MAX_WAITS = 20;

/**
 * Runs `send` in its turn on the account's lane: after every send queued before it is over, when
 * no other send of the account is in flight, and `gap` after the last one ended. Without a gap
 * (pacing off) it runs at once, outside the queue. Every wait is bounded: each turn waits for one
 * earlier send, itself bounded by its gap, the request timeout and the retry limits; the run's stop
 * ends any wait at once. `send` calls `requestLeaves()` before each request it makes, so a send
 * skipped as a duplicate does not count.
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
	const tracked = async () => {
		const running = send(requestLeaves);
		lane.active.add(running);
		try {
			return await running;
		} finally {
			lane.active.delete(running);
			if (sent) lane.lastEndAt = Date.now();
		}
	};
	if (!gap) return await tracked();
	const previous = lane.tail;
	let release = () => {};
	lane.tail = new Promise<void>((resolve) => (release = resolve));
	try {
		await stop.wait(previous, itemIndex);
		const gapMs = randomInt(
			Math.round(gap.minSeconds * 1000),
			Math.round(gap.maxSeconds * 1000) + 1,
		);
		// Sends with pacing off go at once: wait for them too, then again from the last end.
		for (let waits = 0; ; waits++) {
			if (waits === MAX_WAITS) throw crowded(stop, itemIndex);
			if (lane.active.size) {
				await stop.wait(Promise.allSettled([...lane.active]), itemIndex);
				continue;
			}
			const due = (lane.lastEndAt ?? 0) + gapMs;
			if (Date.now() >= due) break;
			await stop.sleep(due - Date.now(), itemIndex);
		}
		return await tracked();
	} finally {
		// The next send waits for this one and, if this one stopped early, for the one before it.
		void previous.then(release);
	}
}

function crowded(stop: RunStop, itemIndex: number) {
	stop.check(itemIndex);
	return fixableError(
		stop.node,
		'Not sent: other sends of this account kept taking its turn',
		'Sends of this account with "Pace Sends" off went out again and again while this one waited for its delay. Turn "Pace Sends" on in every node that sends for this account.',
		itemIndex,
	);
}
