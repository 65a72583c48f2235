import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
} from 'n8n-workflow';

/**
 * Duplicate guard for webhook triggers: an event delivered again runs the workflow's next nodes at
 * most once. Senders retry a delivery that got no timely 2xx (ConnectSafely: 3 attempts within
 * ~30 s, see docs/connectsafely.md#webhooks), and a retry may arrive after a restart or at another
 * n8n process.
 *
 * At the door (`firstDelivery`, while answering the call), a repeat is refused without starting an
 * execution when this process saw the event (a map in memory: catches two deliveries at the same
 * moment) or when the workflow's static data holds it (survives restarts; n8n saves it in regular
 * mode, see `recordDelivered`).
 *
 * The guarantee (`onlyNewEvents`, the trigger's own step in the execution): n8n's processed-data
 * store, the database table behind the Remove Duplicates node, shared by every process and kept
 * across restarts. A repeat that got past the door (another process in queue mode) starts an
 * execution that ends at the trigger with no items.
 *
 * What it cannot promise: the same event arriving at the same moment at two processes, when both
 * executions check the store before either records (n8n reads and writes it without a lock)
 * (docs/n8n-behaviour.md#processed-data-store).
 */

/** How long an event ID is remembered. */
export const SEEN_WINDOW_SECONDS = 6 * 60 * 60;
/** How many event IDs are remembered per trigger node (each layer), newest kept. */
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
 * Records the events in the static data for the door, from the execution: n8n drops a change made
 * while answering the webhook once the workflow has static data (building the execution clears the
 * object's "changed" mark), but saves one made by a node during the execution. In regular mode the
 * execution runs on a full copy of the static data. A queue worker runs on none: saving there would
 * overwrite the trigger's stored state (its webhook secret), so nothing is recorded when this
 * node's static data is empty (docs/n8n-behaviour.md#workflow-static-data).
 */
export function recordDelivered(context: IExecuteFunctions, eventIds: string[], now = Date.now()) {
	const data = context.getWorkflowStaticData('node');
	if (!eventIds.length || !Object.keys(data).length) return;
	store(data, eventIds.map(eventKey), Math.floor(now / 1000));
}

/**
 * The trigger's step in the execution a delivery started: records the events for the door, then
 * keeps the items whose event n8n's processed-data store has not seen, and records them there.
 * Test executions (manual mode) are left out of the store, so a test event cannot hold back the
 * live one.
 */
export async function onlyNewEvents(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	idField: string,
): Promise<INodeExecutionData[]> {
	const ids = items.map((item) => String(item.json[idField] ?? ''));
	const known = ids.filter(Boolean);
	recordDelivered(context, known);
	if (!known.length || context.getMode() === 'manual') return items;
	const { processed } = await context.helpers.checkProcessedAndRecord(known, 'node', {
		mode: 'entries',
		maxEntries: MAX_SEEN,
	});
	const repeated = new Set(processed.map(String));
	return items.filter((_, index) => !repeated.has(ids[index]));
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
