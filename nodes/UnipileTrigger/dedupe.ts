/** Unipile retries deliveries: an event ID seen within this window starts no second execution. */
export const DEDUPE_WINDOW_MS = 10 * 60 * 1000;
const MAX_REMEMBERED = 5000;

/**
 * IDs seen in this n8n process, per workflow and node. Kept in memory only: writing them to the
 * workflow's static data made n8n save the workflow after every event, a database write per call
 * (BENCHMARKS.md, webhook throughput). A restart forgets them.
 */
const seenInProcess = new Map<string, Map<string, number>>();

function prune(seen: Map<string, number>, now: number) {
	for (const [id, at] of seen) {
		if (now - at <= DEDUPE_WINDOW_MS && seen.size <= MAX_REMEMBERED) break;
		seen.delete(id);
	}
}

/** Records the event; returns false when it was already seen within the window. */
export function firstDelivery(key: string, eventId: string, now: number) {
	let seen = seenInProcess.get(key);
	if (!seen) {
		seen = new Map();
		seenInProcess.set(key, seen);
	}
	prune(seen, now);
	if (seen.has(eventId)) return false;
	seen.set(eventId, now);
	return true;
}
