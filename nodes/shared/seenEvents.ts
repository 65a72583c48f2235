import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * Duplicate guard for webhook triggers: an event ID seen within the window starts no second
 * execution. Senders retry a delivery that got no timely 2xx (ConnectSafely: 3 attempts within
 * ~30 s, see docs/connectsafely.md#webhooks), and a retry may arrive after a restart.
 *
 * Two layers:
 * - the workflow's static data (property `recentEvents`), which n8n saves with the workflow, so it
 *   survives restarts and is shared by every n8n process that handles this workflow's webhooks;
 * - a map in this process, which catches two deliveries arriving at the same moment: each request
 *   reads its own copy of the static data, so neither would see the other there.
 *
 * What it cannot promise: two simultaneous deliveries handled by two different n8n processes
 * (queue mode with several webhook processes) can both pass, because each reads the static data
 * when its request starts and n8n saves it afterwards without merging (the last writer wins).
 * Strict exactly-once needs n8n's Remove Duplicates node, keyed on the event ID, downstream.
 */

/** How long an event ID is remembered. */
export const SEEN_WINDOW_SECONDS = 6 * 60 * 60;
/** How many event IDs are remembered per trigger node, newest kept. */
export const MAX_SEEN = 2000;
/** Where the remembered IDs live in the node's static data: `{ <key>: <unix seconds> }`. */
export const STATIC_DATA_PROPERTY = 'recentEvents';

type Seen = Record<string, number>;

const inProcess = new Map<string, Map<string, number>>();

/** A fixed-length key (16 base64url characters of SHA-256), whatever the ID's size or content. */
export function eventKey(eventId: string): string {
	return createHash('sha256').update(eventId, 'utf8').digest('base64url').slice(0, 16);
}

/** Within the window; either way, so a clock ahead of ours cannot pin an entry forever. */
const recent = (at: unknown, now: number): at is number =>
	typeof at === 'number' && Math.abs(now - at) < SEEN_WINDOW_SECONDS;

/** The entries still in the window, at most `limit` of them (the newest). */
function bounded(entries: Array<[string, unknown]>, now: number, limit: number): Seen {
	const kept = entries.filter((entry): entry is [string, number] => recent(entry[1], now));
	if (kept.length > limit) kept.sort((a, b) => b[1] - a[1]).splice(limit);
	return Object.fromEntries(kept);
}

function memoryFor(key: string, now: number): Map<string, number> {
	let seen = inProcess.get(key);
	if (!seen) {
		seen = new Map();
		inProcess.set(key, seen);
	}
	// Insertion order is arrival order here: drop from the oldest end.
	for (const [id, at] of seen) {
		if (recent(at, now) && seen.size < MAX_SEEN) break;
		seen.delete(id);
	}
	return seen;
}

/**
 * Records the event for this workflow's trigger node; returns false when the same ID was seen
 * (in this process or in the static data) within the window. Synchronous from check to record, so
 * simultaneous requests in one process cannot both pass.
 */
export function firstDelivery(
	context: IWebhookFunctions,
	eventId: string,
	now = Date.now(),
): boolean {
	const nowSeconds = Math.floor(now / 1000);
	const id = eventKey(eventId);
	const memory = memoryFor(`${context.getWorkflow().id}:${context.getNode().id}`, nowSeconds);
	const data = context.getWorkflowStaticData('node');
	const storedAt = storedEntries(data).find(([key]) => key === id)?.[1];
	if (recent(memory.get(id), nowSeconds) || recent(storedAt, nowSeconds)) {
		if (!memory.has(id) && typeof storedAt === 'number') memory.set(id, storedAt);
		return false;
	}
	memory.set(id, nowSeconds);
	store(data, [id], nowSeconds);
	return true;
}

/**
 * Records the events an execution started with, from the trigger's own step in that execution:
 * n8n saves the static data an execution changed when it ends. In regular mode a change made while
 * answering the webhook can be lost once the workflow has static data, and the execution then runs
 * on a full copy of it, read from the database. A queue worker runs on no copy of it: saving there
 * would overwrite the trigger's stored state (its webhook secret), so nothing is recorded when this
 * node's static data is absent; the webhook process's own save keeps the ID then
 * (docs/n8n-behaviour.md#workflow-static-data).
 */
export function recordDelivered(context: IExecuteFunctions, eventIds: string[], now = Date.now()) {
	const data = context.getWorkflowStaticData('node');
	if (!eventIds.length || !Object.keys(data).length) return;
	store(data, eventIds.map(eventKey), Math.floor(now / 1000));
}

function storedEntries(data: IDataObject): Array<[string, unknown]> {
	const stored = data[STATIC_DATA_PROPERTY];
	return Object.entries(
		stored && typeof stored === 'object' && !Array.isArray(stored) ? stored : {},
	);
}

/**
 * Adds keys to the remembered ones, bounded. A new object, not a change inside the old one: n8n's
 * static data is an observable object that marks itself changed (and is then saved) when one of
 * its properties is assigned; an object assigned here is not observed itself.
 */
function store(data: IDataObject, added: string[], nowSeconds: number) {
	const keys = added.slice(-MAX_SEEN);
	const kept = bounded(
		storedEntries(data).filter(([key]) => !keys.includes(key)),
		nowSeconds,
		MAX_SEEN - keys.length,
	);
	data[STATIC_DATA_PROPERTY] = {
		...kept,
		...Object.fromEntries(keys.map((key) => [key, nowSeconds])),
	} as IDataObject;
}
