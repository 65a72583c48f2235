import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
} from 'n8n-workflow';

/**
 * Duplicate guard for webhook triggers: an event delivered again (docs/connectsafely.md#webhooks)
 * runs the workflow's next nodes at most once. At the door (`firstDelivery`, answering the call),
 * this process's memory and the workflow's static data refuse a repeat without an execution
 * (docs/n8n-behaviour.md#workflow-static-data); the guarantee is n8n's processed-data store, checked
 * in the trigger's step of the execution (`onlyNewEvents`, docs/n8n-behaviour.md#processed-data-store).
 * Test and live calls are remembered apart.
 */

/** How long an event ID is remembered. */
export const SEEN_WINDOW_SECONDS = 6 * 60 * 60;
/** How many event IDs are remembered per trigger node (each layer), newest kept. */
export const MAX_SEEN = 2000;
/** A full list in static data is cut to this many, so it is rebuilt once per 200 new IDs, not on each. */
export const TRIMMED_SEEN = 1800;
/** Where the remembered IDs live in the node's static data: `{ <key>: <unix seconds> }`. */
export const STATIC_DATA_PROPERTY = 'recentEvents';
/** How many executions' copies of the static data are kept up to date per trigger node. */
export const MAX_OPEN_COPIES = 200;

type Seen = Record<string, number>;

/**
 * What this process knows of one trigger node's deliveries, apart for test and live calls: the
 * events it accepted, and (live only) the static data copies of executions that have not ended.
 */
interface Memory {
	seen: Map<string, number>;
	copies: Map<IDataObject, true>;
}

const inProcess = new Map<string, Memory>();

type Context = IWebhookFunctions | IExecuteFunctions;

/**
 * Test calls (the editor's Test URL) and test executions run in mode `manual`, live ones in
 * `webhook` (n8n's TestWebhooks and LiveWebhooks): each lane has its own memory, so a test call
 * never holds back the live delivery of the same event, nor the other way round.
 */
const isTest = (context: Context) => context.getMode() === 'manual';

/** A fixed-length key (16 base64url characters of SHA-256), whatever the ID's size or content. */
export function eventKey(eventId: string): string {
	return createHash('sha256').update(eventId, 'utf8').digest('base64url').slice(0, 16);
}

/** Within the window; either way, so a clock ahead of ours cannot pin an entry forever. */
const recent = (at: unknown, now: number): at is number =>
	typeof at === 'number' && Math.abs(now - at) < SEEN_WINDOW_SECONDS;

/** The entries still in the window, at most `limit` of them: the newest, of one second the last added. */
function bounded(entries: Array<[string, unknown]>, now: number, limit: number): Seen {
	const kept = entries.filter((entry): entry is [string, number] => recent(entry[1], now));
	if (kept.length > limit)
		kept
			.reverse()
			.sort((a, b) => b[1] - a[1])
			.splice(limit);
	return Object.fromEntries(kept);
}

function memoryFor(context: Context, now: number): Memory {
	const key = `${context.getWorkflow().id}:${context.getNode().id}:${isTest(context) ? 'test' : 'live'}`;
	let memory = inProcess.get(key);
	if (!memory) {
		memory = { seen: new Map(), copies: new Map() };
		inProcess.set(key, memory);
	}
	// Insertion order is arrival order here: drop from the oldest end.
	for (const [id, at] of memory.seen) {
		if (recent(at, now) && memory.seen.size < MAX_SEEN) break;
		memory.seen.delete(id);
	}
	return memory;
}

/**
 * Records the event for this workflow's trigger node; returns false when the same ID was seen
 * (in this process or, for live calls, in the static data) within the window. Synchronous from
 * check to record, so simultaneous requests in one process cannot both pass. Test calls neither
 * read nor write the static data: it is the live calls' memory.
 */
export function firstDelivery(
	context: IWebhookFunctions,
	eventId: string,
	now = Date.now(),
): boolean {
	const nowSeconds = Math.floor(now / 1000);
	const id = eventKey(eventId);
	const memory = memoryFor(context, nowSeconds);
	if (isTest(context)) {
		if (recent(memory.seen.get(id), nowSeconds)) return false;
		memory.seen.set(id, nowSeconds);
		return true;
	}
	const data = context.getWorkflowStaticData('node');
	const storedAt = storedOf(data)[id];
	if (recent(memory.seen.get(id), nowSeconds) || recent(storedAt, nowSeconds)) {
		if (!memory.seen.has(id) && typeof storedAt === 'number') memory.seen.set(id, storedAt);
		return false;
	}
	memory.seen.set(id, nowSeconds);
	store(data, { [id]: nowSeconds }, nowSeconds);
	return true;
}

/**
 * Records the events in the static data for the door, from the execution, where n8n saves a
 * change; into every open execution's copy, as the last to end overwrites the others. Not on a
 * queue worker (empty static data: saving would drop the webhook secret) nor in tests
 * (docs/n8n-behaviour.md#workflow-static-data).
 */
export function recordDelivered(context: IExecuteFunctions, eventIds: string[], now = Date.now()) {
	const data = context.getWorkflowStaticData('node');
	if (!eventIds.length || !Object.keys(data).length || isTest(context)) return;
	const nowSeconds = Math.floor(now / 1000);
	const memory = memoryFor(context, nowSeconds);
	const delivered: Seen = {};
	for (const id of eventIds.map(eventKey)) {
		if (!memory.seen.has(id)) memory.seen.set(id, nowSeconds);
		delivered[id] = memory.seen.get(id) ?? nowSeconds;
	}
	// The open copies were given every event known when they opened: they lack only these.
	for (const copy of memory.copies.keys()) if (copy !== data) store(copy, delivered, nowSeconds);
	memory.copies.delete(data);
	memory.copies.set(data, true);
	for (const copy of memory.copies.keys()) {
		if (memory.copies.size <= MAX_OPEN_COPIES) break;
		memory.copies.delete(copy);
	}
	if ('onExecutionFinish' in context && typeof context.onExecutionFinish === 'function') {
		context.onExecutionFinish(() => memory.copies.delete(data));
	}
	store(data, Object.fromEntries(memory.seen), nowSeconds);
}

type StoreCall = (ids: string[]) => Promise<{ processed: unknown[] }>;

interface Waiting {
	ids: string[];
	call: StoreCall;
	resolve: (processed: Set<string>) => void;
	reject: (error: unknown) => void;
}

/** Per trigger node, the executions waiting for the next call to the processed-data store. */
const storeLanes = new Map<string, Waiting[]>();

/**
 * The processed-data store has no lock (docs/n8n-behaviour.md#processed-data-store): this process
 * makes one call at a time per trigger node, for every execution that waits by then (each call
 * reads and rewrites the node's whole list, so a call per execution would queue them all), and
 * once more after a failure (a colliding first insert; the other's row is then found). An ID two
 * executions of one call ask for is new to the first only. Processes still race each other.
 * Resolves to the IDs the store had seen.
 */
async function checkInStore(key: string, ids: string[], call: StoreCall): Promise<Set<string>> {
	return await new Promise((resolve, reject) => {
		const waiting = storeLanes.get(key);
		if (waiting) {
			waiting.push({ ids, call, resolve, reject });
			return;
		}
		const lane: Waiting[] = [{ ids, call, resolve, reject }];
		storeLanes.set(key, lane);
		void serve(key, lane);
	});
}

/** Calls the store for a lane until nobody waits; each call takes everyone waiting at its start. */
async function serve(key: string, lane: Waiting[]) {
	while (lane.length) {
		const batch = lane.splice(0);
		const ids = [...new Set(batch.flatMap((waiting) => waiting.ids))];
		const { call } = batch[0];
		try {
			const { processed } = await call(ids).catch(async () => await call(ids));
			const seen = new Set(processed.map(String));
			for (const waiting of batch) {
				waiting.resolve(new Set(waiting.ids.filter((id) => seen.has(id))));
				for (const id of waiting.ids) seen.add(id);
			}
		} catch (error) {
			for (const waiting of batch) waiting.reject(error);
		}
	}
	storeLanes.delete(key);
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
	if (!known.length || isTest(context)) return items;
	const repeated = await checkInStore(
		`${context.getWorkflow().id}:${context.getNode().id}`,
		known,
		async (batch) =>
			await context.helpers.checkProcessedAndRecord(batch, 'node', {
				mode: 'entries',
				maxEntries: MAX_SEEN,
			}),
	);
	return items.filter((_, index) => !repeated.has(ids[index]));
}

/** The remembered IDs in the static data, as stored: read, never copied. */
function storedOf(data: IDataObject): Record<string, unknown> {
	const stored = data[STATIC_DATA_PROPERTY];
	return stored && typeof stored === 'object' && !Array.isArray(stored)
		? (stored as Record<string, unknown>)
		: {};
}

/** The lists this process assigned to a static data copy, their size and oldest entry. */
const assigned = new WeakMap<object, { size: number; oldest: number }>();

/**
 * Adds entries to the remembered ones (an entry already stored keeps its time), bounded; writes
 * only when something is new. n8n's static data is an observable object that marks itself changed
 * (and is then saved) when one of its properties is assigned, not when an object assigned to it
 * changes inside: a list of ours with room and nothing expired is extended, then assigned again;
 * any other is replaced by a new list without the expired entries.
 */
function store(data: IDataObject, added: Seen, nowSeconds: number) {
	const stored = storedOf(data);
	const fresh = Object.entries(added).filter(
		([key, at]) => recent(at, nowSeconds) && !recent(stored[key], nowSeconds),
	);
	if (!fresh.length) return;
	const oldestFresh = Math.min(...fresh.map(([, at]) => at));
	const ours = assigned.get(stored);
	if (ours && ours.size + fresh.length <= MAX_SEEN && recent(ours.oldest, nowSeconds)) {
		for (const [key, at] of fresh) stored[key] = at;
		assigned.set(stored, {
			size: ours.size + fresh.length,
			oldest: Math.min(ours.oldest, oldestFresh),
		});
		data[STATIC_DATA_PROPERTY] = stored as IDataObject;
		return;
	}
	const entries = [...Object.entries(stored), ...fresh];
	const list = bounded(entries, nowSeconds, entries.length > MAX_SEEN ? TRIMMED_SEEN : MAX_SEEN);
	assigned.set(list, {
		size: Object.keys(list).length,
		oldest: Math.min(...Object.values(list)),
	});
	data[STATIC_DATA_PROPERTY] = list as IDataObject;
}
