import type { IDataObject } from 'n8n-workflow';

/** Unipile retries deliveries: an event ID seen within this window starts no second execution. */
export const DEDUPE_WINDOW_MS = 10 * 60 * 1000;
const MAX_REMEMBERED = 500;

/**
 * IDs seen in this n8n process, per workflow and node. n8n saves a trigger's static data only
 * after an execution, so two quick deliveries are caught here; the static-data copy (saved with
 * the next execution) also survives a restart.
 */
const seenInProcess = new Map<string, Map<string, number>>();

function prune(seen: Map<string, number>, now: number) {
	for (const [id, at] of seen) if (now - at > DEDUPE_WINDOW_MS) seen.delete(id);
	while (seen.size > MAX_REMEMBERED) seen.delete(seen.keys().next().value as string);
}

/** Records the event; returns false when it was already seen within the window. */
export function firstDelivery(key: string, staticData: IDataObject, eventId: string, now: number) {
	let seen = seenInProcess.get(key);
	if (!seen) {
		seen = new Map(Object.entries((staticData.seenEvents as Record<string, number>) ?? {}));
		seenInProcess.set(key, seen);
	}
	prune(seen, now);
	if (seen.has(eventId)) return false;
	seen.set(eventId, now);
	staticData.seenEvents = Object.fromEntries(seen);
	return true;
}
