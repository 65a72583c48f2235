import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeTypes,
	IWebhookFunctions,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import * as seenEvents from '../../nodes/shared/seenEvents';

const {
	eventKey,
	firstDelivery,
	MAX_SEEN,
	SEEN_WINDOW_SECONDS,
	STATIC_DATA_PROPERTY,
	TRIMMED_SEEN,
} = seenEvents;
type FirstDelivery = typeof firstDelivery;

const T0 = Date.UTC(2026, 4, 12, 14, 0, 0);
const at = (seconds: number) => T0 + seconds * 1000;

let nodeCounter = 0;
/** A trigger node of its own, so tests do not share the in-process memory. */
const freshNode = () => `seen-node-${++nodeCounter}`;

type Mode = 'webhook' | 'manual';

/** The parts of IWebhookFunctions the guard reads (mode `manual`: the editor's Test URL). */
function context(
	staticData: IDataObject,
	nodeId: string,
	workflowId = 'wf1',
	mode: Mode = 'webhook',
) {
	return {
		getWorkflow: () => ({ id: workflowId }),
		getNode: () => ({ id: nodeId, name: 'Trigger' }),
		getWorkflowStaticData: () => staticData,
		getMode: () => mode,
	} as unknown as IWebhookFunctions;
}

const stored = (data: IDataObject) => data[STATIC_DATA_PROPERTY] as Record<string, number>;

/** n8n's own Workflow: its static data is the observable object n8n saves when it changed. */
function n8nWorkflow(staticData?: IDataObject, nodeId = 'node-in-n8n', mode: Mode = 'webhook') {
	const node: INode = {
		id: nodeId,
		name: 'ConnectSafely Trigger',
		type: 'x.trigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeTypes = { getByNameAndVersion: () => undefined } as unknown as INodeTypes;
	const workflow = new Workflow({
		id: 'wfObservable',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
	});
	const finish: Array<() => unknown> = [];
	const fake = {
		getWorkflow: () => workflow,
		getNode: () => node,
		getWorkflowStaticData: () => workflow.getStaticData('node', node),
		getMode: () => mode,
		onExecutionFinish: (handler: () => unknown) => finish.push(handler),
	} as unknown as IWebhookFunctions;
	/** What n8n does when an execution ends: saves the static data if it changed, runs the handlers. */
	const end = (database: { json: string }) => {
		if (workflow.staticData.__dataChanged === true) {
			database.json = JSON.stringify(workflow.staticData, (key, value: unknown) =>
				key === '__dataChanged' ? undefined : value,
			);
		}
		for (const handler of finish) handler();
	};
	return { workflow, fake, end };
}

/** The module loaded anew: what an n8n restart does to the in-process memory. */
function restartedModule(): FirstDelivery {
	let fresh: FirstDelivery | undefined;
	jest.isolateModules(() => {
		fresh = (jest.requireActual('../../nodes/shared/seenEvents') as typeof seenEvents)
			.firstDelivery;
	});
	return fresh as FirstDelivery;
}

describe('firstDelivery', () => {
	it('passes an ID once, and again only as another ID', () => {
		const data: IDataObject = {};
		const ctx = context(data, freshNode());
		expect(firstDelivery(ctx, 'urn:li:messagingMessage:2-a', at(0))).toBe(true);
		expect(firstDelivery(ctx, 'urn:li:messagingMessage:2-a', at(10))).toBe(false);
		expect(firstDelivery(ctx, 'urn:li:messagingMessage:2-a', at(30))).toBe(false);
		expect(firstDelivery(ctx, 'urn:li:messagingMessage:2-b', at(30))).toBe(true);
		expect(stored(data)).toEqual({
			[eventKey('urn:li:messagingMessage:2-a')]: T0 / 1000,
			[eventKey('urn:li:messagingMessage:2-b')]: T0 / 1000 + 30,
		});
	});

	it('keeps at most 2,000 IDs, dropping the oldest, in memory and in static data', () => {
		const data: IDataObject = {};
		const ctx = context(data, freshNode());
		for (let i = 0; i < MAX_SEEN; i++) expect(firstDelivery(ctx, `id-${i}`, at(i))).toBe(true);
		expect(Object.keys(stored(data))).toHaveLength(MAX_SEEN);
		// One more: the static data's list is cut to the newest 1,800, memory drops only id-0.
		expect(firstDelivery(ctx, `id-${MAX_SEEN}`, at(MAX_SEEN))).toBe(true);
		const kept = Array.from({ length: TRIMMED_SEEN }, (_, i) => `id-${MAX_SEEN - i}`);
		expect(Object.keys(stored(data)).sort()).toEqual(kept.map(eventKey).sort());
		expect(stored(data)[eventKey(`id-${MAX_SEEN}`)]).toBe(T0 / 1000 + MAX_SEEN);
		expect(firstDelivery(ctx, `id-${MAX_SEEN}`, at(MAX_SEEN + 1))).toBe(false);
		// The oldest ID the list kept is refused; id-0, gone from both layers, passes again.
		expect(firstDelivery(ctx, `id-${MAX_SEEN - TRIMMED_SEEN + 1}`, at(MAX_SEEN + 1))).toBe(false);
		expect(firstDelivery(ctx, 'id-0', at(MAX_SEEN + 1))).toBe(true);
		expect(Object.keys(stored(data))).toHaveLength(TRIMMED_SEEN + 1);
	});

	it('forgets an ID after 6 hours, and a retry does not extend the window', () => {
		const data: IDataObject = {};
		const ctx = context(data, freshNode());
		expect(firstDelivery(ctx, 'old', at(0))).toBe(true);
		expect(firstDelivery(ctx, 'old', at(SEEN_WINDOW_SECONDS - 1))).toBe(false);
		expect(firstDelivery(ctx, 'old', at(SEEN_WINDOW_SECONDS))).toBe(true);
		expect(stored(data)).toEqual({ [eventKey('old')]: T0 / 1000 + SEEN_WINDOW_SECONDS });
	});

	it('drops expired IDs from static data when it writes', () => {
		const data: IDataObject = {};
		const ctx = context(data, freshNode());
		firstDelivery(ctx, 'early', at(0));
		firstDelivery(ctx, 'late', at(SEEN_WINDOW_SECONDS + 5));
		expect(Object.keys(stored(data))).toEqual([eventKey('late')]);
	});

	it('after a restart (fresh memory) still refuses an ID kept in the saved static data', () => {
		const before: IDataObject = {};
		const nodeId = freshNode();
		expect(firstDelivery(context(before, nodeId), 'urn:li:messagingMessage:2-r', at(0))).toBe(true);
		const saved = JSON.parse(JSON.stringify(before)) as IDataObject;
		const restarted = restartedModule();
		expect(restarted).not.toBe(firstDelivery);
		expect(restarted(context(saved, nodeId), 'urn:li:messagingMessage:2-r', at(20))).toBe(false);
		expect(restarted(context(saved, nodeId), 'urn:li:messagingMessage:2-s', at(20))).toBe(true);
		// A restart with the static data lost (never saved) has nothing to go on.
		expect(restartedModule()(context({}, nodeId), 'urn:li:messagingMessage:2-r', at(20))).toBe(
			true,
		);
	});

	it('in one process, refuses the second of two simultaneous deliveries despite separate static data copies', () => {
		const nodeId = freshNode();
		expect(firstDelivery(context({}, nodeId), 'same', at(0))).toBe(true);
		expect(firstDelivery(context({}, nodeId), 'same', at(0))).toBe(false);
		// Other trigger nodes and workflows have their own memory.
		expect(firstDelivery(context({}, freshNode()), 'same', at(0))).toBe(true);
		expect(firstDelivery(context({}, nodeId, 'wf2'), 'same', at(0))).toBe(true);
	});

	it('stores any ID as a 16-character key: long, odd and look-alike IDs', () => {
		const data: IDataObject = {};
		const ctx = context(data, freshNode());
		const long = 'x'.repeat(1_000_000);
		const ids = [long, `${long}y`, '__proto__', 'constructor', 'ü 🙂 \u0000 "quoted"', ''];
		for (const id of ids) expect(firstDelivery(ctx, id, at(0))).toBe(true);
		for (const id of ids) expect(firstDelivery(ctx, id, at(1))).toBe(false);
		const keys = Object.keys(stored(data));
		expect(keys).toHaveLength(ids.length);
		for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{16}$/);
		expect(JSON.stringify(data).length).toBeLessThan(300);
	});

	it('replaces unusable stored values instead of trusting them', () => {
		const data: IDataObject = { [STATIC_DATA_PROPERTY]: ['not', 'an', 'object'] };
		const ctx = context(data, freshNode());
		expect(firstDelivery(ctx, 'a', at(0))).toBe(true);
		const bogus: IDataObject = {
			[STATIC_DATA_PROPERTY]: { [eventKey('b')]: 'yesterday', [eventKey('c')]: null },
		};
		const other = context(bogus, freshNode());
		expect(firstDelivery(other, 'b', at(0))).toBe(true);
		expect(firstDelivery(other, 'c', at(0))).toBe(true);
		expect(stored(bogus)).toEqual({ [eventKey('b')]: T0 / 1000, [eventKey('c')]: T0 / 1000 });
	});

	it("marks n8n's static data changed on a new ID only, so n8n saves it after the call", () => {
		const nodeId = freshNode();
		const first = n8nWorkflow(undefined, nodeId);
		expect(first.workflow.staticData.__dataChanged).toBe(false);
		expect(firstDelivery(first.fake, 'urn:li:messagingMessage:2-n', at(0))).toBe(true);
		expect(first.workflow.staticData.__dataChanged).toBe(true);

		// The next request loads what n8n saved (a JSON column) into a new Workflow.
		const saved = JSON.parse(JSON.stringify(first.workflow.staticData)) as IDataObject;
		const next = n8nWorkflow(saved, nodeId);
		expect(restartedModule()(next.fake, 'urn:li:messagingMessage:2-n', at(5))).toBe(false);
		expect(next.workflow.staticData.__dataChanged).toBe(false);
	});
});

describe('recordDelivered', () => {
	it("records in the execution's static data what a restarted process then refuses", () => {
		const executionData: IDataObject = { secret: 'kept' };
		const nodeId = freshNode();
		seenEvents.recordDelivered(
			context(executionData, nodeId) as unknown as IExecuteFunctions,
			['evt_a', 'evt_b'],
			at(0),
		);
		expect(stored(executionData)).toEqual({
			[eventKey('evt_a')]: T0 / 1000,
			[eventKey('evt_b')]: T0 / 1000,
		});
		const saved = JSON.parse(JSON.stringify(executionData)) as IDataObject;
		const restarted = restartedModule();
		expect(restarted(context(saved, nodeId), 'evt_a', at(60))).toBe(false);
		expect(restarted(context(saved, nodeId), 'evt_c', at(60))).toBe(true);
	});

	it("marks the execution's static data changed, so n8n saves it when the execution ends", () => {
		const { workflow, fake } = n8nWorkflow(
			{ 'node:ConnectSafely Trigger': { secret: 'kept' } },
			freshNode(),
		);
		expect(workflow.staticData.__dataChanged).toBe(false);
		seenEvents.recordDelivered(fake as unknown as IExecuteFunctions, ['evt_1'], at(0));
		expect(workflow.staticData.__dataChanged).toBe(true);
		expect(workflow.staticData['node:ConnectSafely Trigger']).toEqual({
			secret: 'kept',
			[STATIC_DATA_PROPERTY]: { [eventKey('evt_1')]: T0 / 1000 },
		});
	});

	it('records nothing where the execution has no copy of the static data (a queue worker)', () => {
		const { workflow, fake } = n8nWorkflow(undefined, freshNode());
		seenEvents.recordDelivered(fake as unknown as IExecuteFunctions, ['evt_1'], at(0));
		expect(workflow.staticData.__dataChanged).toBe(false);
		expect(workflow.staticData['node:ConnectSafely Trigger']).toEqual({});
	});

	it('keeps at most the newest 2,000 IDs', () => {
		const data: IDataObject = { secret: 'kept' };
		const nodeId = freshNode();
		const ids = Array.from({ length: MAX_SEEN + 5 }, (_, index) => `evt_${index}`);
		seenEvents.recordDelivered(
			context(data, nodeId) as unknown as IExecuteFunctions,
			ids.slice(0, 5),
			at(0),
		);
		seenEvents.recordDelivered(
			context(data, nodeId) as unknown as IExecuteFunctions,
			ids.slice(5),
			at(1),
		);
		// Over 2,000: cut to the newest 1,800.
		expect(Object.keys(stored(data)).sort()).toEqual(ids.slice(-TRIMMED_SEEN).map(eventKey).sort());
		expect(stored(data)[eventKey(`evt_${MAX_SEEN + 4}`)]).toBe(T0 / 1000 + 1);
	});
});

/**
 * n8n's processed-data store as n8n 2.41.1 keeps it (packages/cli deduplication-helper, mode
 * "entries"): one list per workflow and node, oldest dropped beyond maxEntries; shared by every
 * process, so tests hand the same store to several "processes".
 */
function processedStore() {
	const lists = new Map<string, string[]>();
	const calls: Array<{ items: unknown[]; scope: string; options: IDataObject }> = [];
	const helpersFor = (workflowId: string, nodeId: string) => ({
		async checkProcessedAndRecord(items: string[], scope: string, options: IDataObject) {
			calls.push({ items, scope, options });
			const list = lists.get(`${workflowId}:${nodeId}`) ?? [];
			const known = new Set(list);
			const result = { new: [] as string[], processed: [] as string[] };
			for (const item of items) {
				if (known.has(item)) result.processed.push(item);
				else {
					result.new.push(item);
					list.push(item);
				}
			}
			list.splice(0, list.length - Number(options.maxEntries));
			lists.set(`${workflowId}:${nodeId}`, list);
			return result;
		},
	});
	return { lists, calls, helpersFor };
}

describe('onlyNewEvents', () => {
	const item = (id: string) => ({ json: { event_id: id, chat_id: 'c1' } });
	function execution(
		store: ReturnType<typeof processedStore>,
		staticData: IDataObject,
		mode = 'webhook',
	) {
		return {
			getWorkflow: () => ({ id: 'wfGuard' }),
			getNode: () => ({ id: 'guard-node', name: 'Trigger' }),
			getWorkflowStaticData: () => staticData,
			getMode: () => mode,
			helpers: store.helpersFor('wfGuard', 'guard-node'),
		} as unknown as IExecuteFunctions;
	}

	it('passes an event once across processes, restarts and empty static data (a queue worker)', async () => {
		const store = processedStore();
		const onMain: IDataObject = { secret: 'kept' };
		expect(
			await seenEvents.onlyNewEvents(execution(store, onMain), [item('evt_1')], 'event_id'),
		).toEqual([item('evt_1')]);
		expect(store.calls).toEqual([
			{ items: ['evt_1'], scope: 'node', options: { mode: 'entries', maxEntries: MAX_SEEN } },
		]);
		// The door's copy is recorded too where the execution has the static data.
		expect(Object.keys(stored(onMain))).toEqual([eventKey('evt_1')]);

		// The same event in another execution, on a worker (no static data): nothing passes on.
		const onWorker: IDataObject = {};
		expect(
			await seenEvents.onlyNewEvents(execution(store, onWorker), [item('evt_1')], 'event_id'),
		).toEqual([]);
		expect(onWorker).toEqual({});
		expect(
			await seenEvents.onlyNewEvents(execution(store, {}), [item('evt_2')], 'event_id'),
		).toEqual([item('evt_2')]);
		expect(store.lists.get('wfGuard:guard-node')).toEqual(['evt_1', 'evt_2']);
	});

	it('leaves test executions and items without an ID out of the store', async () => {
		const store = processedStore();
		const manual = execution(store, {}, 'manual');
		expect(await seenEvents.onlyNewEvents(manual, [item('evt_t')], 'event_id')).toEqual([
			item('evt_t'),
		]);
		expect(await seenEvents.onlyNewEvents(manual, [item('evt_t')], 'event_id')).toEqual([
			item('evt_t'),
		]);
		const noId = { json: { chat_id: 'c1' } };
		expect(await seenEvents.onlyNewEvents(execution(store, {}), [noId], 'event_id')).toEqual([
			noId,
		]);
		expect(store.calls).toEqual([]);
		// The live delivery of the event tested before still runs.
		expect(
			await seenEvents.onlyNewEvents(execution(store, {}), [item('evt_t')], 'event_id'),
		).toEqual([item('evt_t')]);
	});
});

describe("n8n's static data (n8n-workflow's Workflow)", () => {
	it('loses a change made while answering the webhook once the execution is built on the same object', () => {
		// LiveWebhooks builds the webhook's Workflow on the static data it loaded; the execution's
		// Workflow is then built on that same object, which resets the mark n8n saves by.
		const loaded: IDataObject = { 'node:ConnectSafely Trigger': { secret: 'kept' } };
		const webhookPhase = n8nWorkflow(loaded);
		expect(firstDelivery(webhookPhase.fake, 'evt_lost', at(0))).toBe(true);
		expect(webhookPhase.workflow.staticData.__dataChanged).toBe(true);
		n8nWorkflow(loaded);
		expect(webhookPhase.workflow.staticData.__dataChanged).toBe(false);
	});
});

describe('test and live calls', () => {
	const cases: Array<[string, Mode, Mode, boolean]> = [
		['a Test URL call, then the Production URL', 'manual', 'webhook', true],
		['a Production URL call, then the Test URL', 'webhook', 'manual', true],
		['the Test URL twice', 'manual', 'manual', false],
		['the Production URL twice', 'webhook', 'webhook', false],
	];
	it.each(cases)('%s', (_name, first, second, passes) => {
		const nodeId = freshNode();
		const liveData: IDataObject = { secret: 'kept' };
		const call = (mode: Mode) =>
			firstDelivery(context(liveData, nodeId, 'wf1', mode), 'urn:li:messagingMessage:2-t', at(0));
		expect([call(first), call(second)]).toEqual([true, passes]);
	});

	it("leaves the live calls' static data alone on a test call, and test executions record nothing", () => {
		const nodeId = freshNode();
		const data: IDataObject = {
			secret: 'kept',
			[STATIC_DATA_PROPERTY]: { [eventKey('evt_live')]: T0 / 1000 },
		};
		const before = JSON.stringify(data);
		expect(firstDelivery(context(data, nodeId, 'wf1', 'manual'), 'evt_live', at(1))).toBe(true);
		expect(firstDelivery(context(data, nodeId, 'wf1', 'manual'), 'evt_test', at(1))).toBe(true);
		seenEvents.recordDelivered(
			context(data, nodeId, 'wf1', 'manual') as unknown as IExecuteFunctions,
			['evt_test'],
			at(1),
		);
		expect(JSON.stringify(data)).toBe(before);
		expect(firstDelivery(context(data, nodeId), 'evt_test', at(2))).toBe(true);
	});
});

describe("overlapping executions (n8n-workflow's Workflow and static data)", () => {
	/**
	 * n8n in regular mode: each delivery's webhook phase loads the static data from the database
	 * (its own change is lost once the workflow has static data), and its execution runs on a copy
	 * read when it starts, saved whole when it ends if it changed.
	 */
	function deliverOverlapping(ids: string[], finishOrder: number[][], nodeId: string) {
		const database = { json: JSON.stringify({ 'node:ConnectSafely Trigger': { secret: 'kept' } }) };
		const load = () => JSON.parse(database.json) as IDataObject;
		const running: Array<ReturnType<typeof n8nWorkflow>> = [];
		let started = 0;
		ids.forEach((id, index) => {
			expect(firstDelivery(n8nWorkflow(load(), nodeId).fake, id, at(index))).toBe(true);
			const execution = n8nWorkflow(load(), nodeId);
			seenEvents.recordDelivered(execution.fake as unknown as IExecuteFunctions, [id], at(index));
			running[index] = execution;
			started++;
			for (const done of finishOrder[index] ?? []) running[done].end(database);
		});
		expect(started).toBe(ids.length);
		return load;
	}

	const orders: Array<[string, number[][]]> = [
		// Each execution ends after the next has started; the earlier of each pair ends last.
		[
			'in pairs, the earlier ending last',
			Array.from({ length: 18 }, (_, i) => (i % 2 ? [i, i - 1] : [])),
		],
		[
			'all at once, ending in reverse order',
			[...Array.from({ length: 17 }, () => []), Array.from({ length: 18 }, (_, i) => 17 - i)],
		],
		[
			'three at a time, the first ending last',
			Array.from({ length: 18 }, (_, i) => (i % 3 === 2 ? [i - 1, i, i - 2] : [])),
		],
	];
	it.each(orders)(
		'18 events, %s: after a restart, redelivering all 18 starts 0 executions',
		(_name, finishOrder) => {
			const nodeId = freshNode();
			const ids = Array.from({ length: 18 }, (_, i) => `urn:li:messagingMessage:2-overlap${i}`);
			const load = deliverOverlapping(ids, finishOrder, nodeId);
			const remembered = Object.keys(
				(load()['node:ConnectSafely Trigger'] as IDataObject)[STATIC_DATA_PROPERTY] as IDataObject,
			);
			expect(remembered.sort()).toEqual(ids.map(eventKey).sort());
			const restarted = restartedModule();
			const started = ids.filter((id) => restarted(n8nWorkflow(load(), nodeId).fake, id, at(100)));
			expect(started).toEqual([]);
		},
	);
});

/**
 * n8n 2.41.1's processed-data store as it behaves under load (packages/cli deduplication-helper):
 * it reads the node's row, then inserts it (unique per workflow and node) or writes it back whole,
 * each step a database round trip.
 */
function racyStore(otherProcessInsertsFirst = false) {
	let row: string[] | undefined;
	let calls = 0;
	const roundTrip = async () => await Promise.resolve();
	const helpers = {
		async checkProcessedAndRecord(items: string[], _scope: string, options: IDataObject) {
			calls++;
			await roundTrip();
			const found = row ? [...row] : undefined;
			await roundTrip();
			if (otherProcessInsertsFirst) {
				otherProcessInsertsFirst = false;
				row = [];
			}
			if (!found) {
				if (row)
					throw new Error(
						'UNIQUE constraint failed: processed_data.workflowId, processed_data.context',
					);
				row = [...items];
				return { new: items, processed: [] };
			}
			const processed = items.filter((item) => found.includes(item));
			row = [...found, ...items.filter((item) => !found.includes(item))].slice(
				-Number(options.maxEntries),
			);
			return { new: items.filter((item) => !found.includes(item)), processed };
		},
	};
	return { helpers, row: () => row, calls: () => calls };
}

describe("onlyNewEvents with n8n's store under load", () => {
	const execution = (store: ReturnType<typeof racyStore>, nodeId: string) =>
		({
			getWorkflow: () => ({ id: 'wfLoad' }),
			getNode: () => ({ id: nodeId, name: 'Trigger' }),
			getWorkflowStaticData: () => ({}),
			getMode: () => 'webhook',
			helpers: store.helpers,
		}) as unknown as IExecuteFunctions;

	it('18 executions at once, on a node with no record yet: every event passes and is recorded', async () => {
		const store = racyStore();
		const nodeId = freshNode();
		const ids = Array.from({ length: 18 }, (_, index) => `evt_load_${index}`);
		const passed = await Promise.all(
			ids.map(
				async (id) =>
					await seenEvents.onlyNewEvents(
						execution(store, nodeId),
						[{ json: { event_id: id } }],
						'event_id',
					),
			),
		);
		expect(passed.map((items) => items.length)).toEqual(ids.map(() => 1));
		expect(store.row()?.sort()).toEqual([...ids].sort());
		// The first call takes the first execution; the 17 that wait meanwhile share the second.
		expect(store.calls()).toBe(2);
		expect(
			await seenEvents.onlyNewEvents(
				execution(store, nodeId),
				[{ json: { event_id: ids[3] } }],
				'event_id',
			),
		).toEqual([]);
	});

	it('an event two waiting executions carry passes in the first of them only', async () => {
		const store = racyStore();
		const nodeId = freshNode();
		const run = async (...ids: string[]) =>
			(
				await seenEvents.onlyNewEvents(
					execution(store, nodeId),
					ids.map((id) => ({ json: { event_id: id } })),
					'event_id',
				)
			).map((item) => item.json.event_id);
		const passed = await Promise.all([
			run('evt_a'),
			run('evt_b', 'evt_twice'),
			run('evt_twice', 'evt_c'),
			run('evt_a'),
		]);
		expect(passed).toEqual([['evt_a'], ['evt_b', 'evt_twice'], ['evt_c'], []]);
		expect([store.calls(), store.row()]).toEqual([2, ['evt_a', 'evt_b', 'evt_twice', 'evt_c']]);
	});

	it('a store that fails twice fails every execution of that call, and the next call is made', async () => {
		const store = racyStore();
		const nodeId = freshNode();
		const failing = {
			...store.helpers,
			checkProcessedAndRecord: jest.fn().mockRejectedValue(new Error('database is locked')),
		};
		const failed = (id: string) =>
			seenEvents.onlyNewEvents(
				{ ...execution(store, nodeId), helpers: failing } as unknown as IExecuteFunctions,
				[{ json: { event_id: id } }],
				'event_id',
			);
		const results = await Promise.allSettled([failed('evt_x'), failed('evt_y'), failed('evt_z')]);
		expect(results.map((result) => result.status === 'rejected' && String(result.reason))).toEqual([
			'Error: database is locked',
			'Error: database is locked',
			'Error: database is locked',
		]);
		// Two calls for the first execution, two for the two that waited.
		expect(failing.checkProcessedAndRecord.mock.calls.map(([ids]) => ids)).toEqual([
			['evt_x'],
			['evt_x'],
			['evt_y', 'evt_z'],
			['evt_y', 'evt_z'],
		]);
		const items = [{ json: { event_id: 'evt_y' } }];
		expect(await seenEvents.onlyNewEvents(execution(store, nodeId), items, 'event_id')).toEqual(
			items,
		);
	});

	it("tries once more when another process's first insert wins", async () => {
		const store = racyStore(true);
		const items = [{ json: { event_id: 'evt_other_process' } }];
		expect(
			await seenEvents.onlyNewEvents(execution(store, freshNode()), items, 'event_id'),
		).toEqual(items);
		expect([store.calls(), store.row()]).toEqual([2, ['evt_other_process']]);
	});
});
