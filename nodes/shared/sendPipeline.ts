import { createHash } from 'crypto';
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyRouting,
	JsonObject,
	PostReceiveAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { fixableError, outcomeOf, showingChecks, withFix, withoutFix } from './errors';
import { inTurn } from './pacing';
import { ItemInputs, runItems } from './preflight';
import type { ApiRequest } from './request';
import { carriesFiles, toHttpOptions } from './request';
import { RunStop } from './runStop';
import type { Sending } from './sendingOptions';
import { readSending } from './sendingOptions';

type Items = INodeExecutionData[];

/** One send as an operation states it: its whole request, and what keeps it safe. */
export interface Send extends ApiRequest {
	/** The pacing lane: one per LinkedIn account, e.g. `unipile:acc_…`. */
	lane: string;
	/** Where it goes, as errors name it, e.g. `chat chat_1`. */
	to: string;
	/** The text "Skip If Already Sent" looks for; none, and it looks for nothing. */
	text?: string;
	/**
	 * Not a send, as the pre-flight found (e.g. already connected): the item outputs
	 * `{skipped: true, reason, …}` and no request leaves, unpaced.
	 */
	skip?: { reason: string } & IDataObject;
	/**
	 * What makes a second such send of the account no send, e.g. the person it invites: while one
	 * with the same key is in flight from this n8n process, or may have gone out, it outputs `skip`.
	 * Executions running at once all pass the pre-flight's reads; their turns on the lane do not.
	 */
	once?: { key: string; skip: { reason: string } & IDataObject };
}

/** What an API adds to the pipeline; `S` is what its operations state for one item. */
interface SendApi<S extends Send> {
	service: string;
	/** "Skip If Already Sent": a send of ours with the same text since `since` (ms), if any. */
	findEarlierSend?(
		this: IExecuteSingleFunctions,
		send: S,
		since: number,
	): Promise<IDataObject | undefined>;
	/** Work done once per item right before it is first sent, e.g. uploading its files. */
	prepare?(this: IExecuteSingleFunctions, send: S): Promise<S>;
	/** "Show Typing First". */
	showTyping?(this: IExecuteSingleFunctions, send: S): Promise<void>;
	/** Seconds to wait before trying a refused send again, when the API says so. */
	retryAfter?(error: NodeApiError): number | undefined;
	/** The ID of what went out, from the output, for errors that list it. */
	sentId(json: IDataObject): string | undefined;
	postReceive?: PostReceiveAction[];
}

/** What an operation sends: a message (paced, deduplicated) or another action (upload, typing). */
export interface Kind {
	/** What one send is called in errors, e.g. "message". */
	noun: string;
	/** Whether "Sending Options" apply: pacing, Skip If Already Sent, typing. */
	paced: boolean;
	/** What running the workflow again does with what went out, where no Skip If Already Sent decides. */
	again?: string;
}

export const MESSAGE: Kind = { noun: 'message', paced: true };
export const ACTION: Kind = {
	noun: 'request',
	paced: false,
	again: 'Running the workflow again repeats those requests: remove those items first.',
};

type Build<S extends Send> = (item: ItemInputs) => S | Promise<S>;
type Checked<S extends Send> = { send: S; sending: Sending } | { error: NodeOperationError };

/** One n8n try of a node run: Retry On Fail runs the node again, as a new try of the same run. */
interface Try {
	/** Items whose request n8n has built (their preSend ran). */
	reached: Set<number>;
	/** Settles when every item of the run is built. */
	built: Promise<void>;
	markBuilt: () => void;
	stop: RunStop;
	/** Each send of this try, settled when it is over. */
	sends: Map<number, Promise<unknown>>;
}

interface ItemState<S extends Send> {
	/** Requests that left for this item, over all tries. */
	attempts: number;
	/** Milliseconds waited on the API's retry-after, over all tries. */
	waited: number;
	/** When the API said the item may be tried again. */
	retryAt?: number;
	/** The next wait would pass "Max Rate Limit Wait": not tried again. */
	exhausted?: boolean;
	/** A send that went out (its output) or may have (its error): a later try gets it again. */
	settled?: Promise<Items>;
	/** The `once` key this item holds (docs/sending.md#once-per-person). */
	claimed?: string;
	/** The send as `prepare` made it, kept for later attempts. */
	prepared?: S;
	refusal?: unknown;
}

/** One node run (one execution, node and run index), shared by its items and its tries. */
interface Run<S extends Send> {
	checked?: Promise<Array<Checked<S>>>;
	/** The step at which the pre-flight began (`claim`). */
	since?: number;
	items: Map<number, ItemState<S>>;
	try: Try;
	ledger: Ledger;
	runIndex: number;
}

interface Entry {
	run: number;
	item: number;
	to: string;
	id?: string;
	outcome: 'sent' | 'unknown';
}

/** What this node sent in one execution, over all its runs (loops, tool calls). */
interface Ledger {
	entries: Entry[];
	/** Fingerprints of sends that may have gone out: never sent again in this execution. */
	unknown: Set<string>;
}

/** At most this many attempts of one item, over all tries, and only when the API refused it. */
const MAX_ATTEMPTS = 3;
/** The shortest wait before such a retry, whatever retry-after says. */
const MIN_RETRY_WAIT_SECONDS = 1;
/** Executions whose ledger is kept when n8n gives no end-of-execution hook (n8n 1.x). */
const MAX_LEDGERS = 200;
/** How long past n8n's own Batching intervals an item waits for the rest of its run to be built. */
const BUILD_SLACK_MS = 60_000;
/** With pacing off, sends with files still go one at a time (BENCHMARKS.md, attachments at scale). */
const ONE_AT_A_TIME = { minSeconds: 0, maxSeconds: 0 };

const ledgers = new Map<string, Ledger>();

/**
 * `once` keys by lane: a send in flight, or the step at which one went out or may have. Steps
 * count up in this process; a run's pre-flight reads see what went out before its step.
 */
const claims = new Map<string, number | 'in flight'>();
let step = 0;
const MAX_CLAIMS = 10_000;

/**
 * Takes `key` unless a send holds it or went out after the run's pre-flight began (`since`), which
 * then read too early to see it. Synchronous, so two sends cannot both take it.
 */
function claim(key: string, since: number): boolean {
	const at = claims.get(key);
	if (at === 'in flight' || (at !== undefined && at > since)) return false;
	claims.delete(key);
	claims.set(key, 'in flight');
	if (claims.size > MAX_CLAIMS) claims.delete(claims.keys().next().value as string);
	return true;
}

function newTry(context: IExecuteSingleFunctions): Try {
	let markBuilt = () => {};
	const built = new Promise<void>((resolve) => (markBuilt = resolve));
	return { reached: new Set(), built, markBuilt, stop: new RunStop(context), sends: new Map() };
}

function ledgerOf(context: IExecuteSingleFunctions): Ledger {
	const key = `${context.getExecutionId()}\u0000${context.getNode().name}`;
	let ledger = ledgers.get(key);
	if (!ledger) {
		ledger = { entries: [], unknown: new Set() };
		ledgers.set(key, ledger);
		if (ledgers.size > MAX_LEDGERS) ledgers.delete(ledgers.keys().next().value as string);
		if ('onExecutionFinish' in context && typeof context.onExecutionFinish === 'function') {
			context.onExecutionFinish(() => ledgers.delete(key));
		}
	}
	return ledger;
}

/** The same request to the same account, files by name and size. */
function fingerprint(send: Send): string {
	const text = JSON.stringify(send, (_key, value: unknown) =>
		value && typeof value === 'object' && 'fileName' in value && 'bytes' in value
			? `${String(value.fileName)}:${String(value.bytes)}`
			: value,
	);
	return createHash('sha256').update(text).digest('base64');
}

/** The items of `items` in a word: "item 0", "items 0, 2". */
const itemList = (items: number[]) => `item${items.length === 1 ? '' : 's'} ${items.join(', ')}`;

/**
 * The send pipeline of an API, hooked into each send operation's declarative routing: `preSend`
 * checks, n8n's pagination hook sends. What it promises: docs/sending.md#invariants; the n8n facts
 * it rests on: docs/n8n-behaviour.md#how-routingnode-runs-a-declarative-node.
 */
export function sendPipeline<S extends Send>(api: SendApi<S>) {
	const runs = new WeakMap<object, Run<S>>();
	/** The try an item's request was built in, by its request options (its preSend's result). */
	const tries = new WeakMap<object, Try>();

	function runOf(context: IExecuteSingleFunctions): Run<S> {
		// Every item context of a node run shares its execute data, and so does a retry of the node.
		const key = context.getExecuteData() ?? context;
		let run = runs.get(key);
		if (!run) {
			run = {
				items: new Map(),
				try: newTry(context),
				ledger: ledgerOf(context),
				runIndex: context.getWorkflowDataProxy(context.getItemIndex()).$runIndex,
			};
			runs.set(key, run);
		}
		return run;
	}

	/** Records that n8n built this item's request; an item built twice starts a new try. */
	function reach(context: IExecuteSingleFunctions): { run: Run<S>; attempt: Try } {
		const run = runOf(context);
		const index = context.getItemIndex();
		if (run.try.reached.has(index)) {
			// n8n runs the node again (Retry On Fail): what the last try left waiting never sends.
			run.try.stop.stop();
			run.try = newTry(context);
		}
		run.try.reached.add(index);
		if (run.try.reached.size === runItems(context).length) run.try.markBuilt();
		return { run, attempt: run.try };
	}

	/**
	 * Whether n8n built every item of the run: if it failed the node building one, nothing may leave
	 * (docs/n8n-behaviour.md#expression-errors-while-building-an-item). Later batches of Batching
	 * come an interval apart: wait for them until the execution ends, within a bound whose end fails
	 * the item rather than leave it without output.
	 */
	async function allBuilt(context: IExecuteSingleFunctions, attempt: Try, total: number) {
		if (context.continueOnFail()) return true;
		let next = 0;
		while (attempt.reached.has(next)) next++;
		const { batching } = context.getNodeParameter('requestOptions', {}) as {
			batching?: { batch?: { batchSize?: number; batchInterval?: number } };
		};
		const size = Math.max(1, Number(batching?.batch?.batchSize) || 1);
		const interval = Number(batching?.batch?.batchInterval) || 0;
		if (next >= total) return true;
		if (interval <= 0 || next % size !== 0) return false;
		// n8n builds a batch per interval, and may be slow to: a minute of slack on top.
		// Every item waits the same way on the same promise: they go on in the order n8n built them.
		const bound = Math.ceil((total - next) / size) * interval + BUILD_SLACK_MS;
		const late = sleep(bound).then(() => 'late' as const);
		let outcome: boolean | 'late';
		try {
			outcome = await attempt.stop.wait(
				Promise.race([attempt.built.then(() => true), late]),
				context.getItemIndex(),
			);
		} catch {
			return false;
		}
		if (outcome === 'late') {
			throw new NodeOperationError(
				context.getNode(),
				`Not sent: n8n had not built item ${next} of this run ${Math.round(bound / 1000)} s after this one`,
				{
					description:
						'Nothing of this run was sent. Lower "Batch Interval" or raise "Items per Batch" under Options → Batching, then run it again.',
					itemIndex: context.getItemIndex(),
				},
			);
		}
		return outcome;
	}

	async function preflight(context: IExecuteSingleFunctions, build: Build<S>, kind: Kind) {
		const checked: Array<Checked<S>> = [];
		for (const [index, data] of runItems(context).entries()) {
			const item = new ItemInputs(context, index, data);
			try {
				const send = await build(item);
				const sending = kind.paced ? readSending(item) : NOT_PACED;
				item.resolveTheRest();
				checked.push({ send, sending });
			} catch (error) {
				checked.push({
					error:
						error instanceof NodeOperationError
							? error
							: new NodeOperationError(context.getNode(), error as Error, { itemIndex: index }),
				});
			}
		}
		return checked;
	}

	/** What went out: in this run, and in earlier runs of the node in this execution. */
	function wentOut(run: Run<S>, kind: Kind) {
		const entries = run.ledger.entries;
		const own = entries.filter((entry) => entry.run === run.runIndex);
		const sent = own.filter((entry) => entry.outcome === 'sent');
		const unknown = own.filter((entry) => entry.outcome === 'unknown');
		const earlier = entries.filter((entry) => entry.run < run.runIndex);
		const count = (list: Entry[], what: string) =>
			list.length
				? `${list.length} ${kind.noun}${list.length === 1 ? '' : 's'} ${what}${list[0].run === run.runIndex ? ` (${itemList(list.map((entry) => entry.item))})` : ''}`
				: '';
		const summary = [
			count(sent, 'of this run went out'),
			count(unknown, 'of this run may have gone out'),
			count(earlier, 'went out in earlier runs of this node in this execution'),
		]
			.filter(Boolean)
			.join('; ');
		const details = [...earlier, ...own]
			.map(
				(entry) =>
					`${entry.run === run.runIndex ? '' : `run ${entry.run + 1} `}item ${entry.item} to ${entry.to}${entry.id ? ` (${entry.id})` : ''}${entry.outcome === 'unknown' ? ' may have gone out' : ''}`,
			)
			.join('; ');
		return { any: entries.length > 0, summary, details };
	}

	/** What running the workflow again does, given what went out. */
	function rerun(sending: Sending | undefined, any: boolean, kind: Kind) {
		if (!any) return `Running it again sends each ${kind.noun} once.`;
		if (kind.again) return kind.again;
		if (sending?.skipWindowHours !== undefined) {
			return 'Running the workflow again skips what went out and sends the rest.';
		}
		return `Running the workflow again sends what went out again: turn on "Skip If Already Sent", or remove those items first.`;
	}

	/** The error of an item that failed the run, saying what went out and what a re-run does. */
	async function failure(
		context: IExecuteSingleFunctions,
		run: Run<S>,
		attempt: Try,
		kind: Kind,
		sending: Sending | undefined,
		cause: unknown,
	): Promise<unknown> {
		if (context.continueOnFail()) return cause;
		const itemIndex = context.getItemIndex();
		attempt.stop.stop({
			message: `Not sent: item ${itemIndex} failed, so this run of the node stopped before this item`,
			description: `Fix item ${itemIndex} first; this item was not sent.`,
		});
		const others = [...attempt.sends].filter(([index]) => index !== itemIndex);
		await Promise.allSettled(others.map(([, send]) => send));
		const { any, summary, details } = wentOut(run, kind);
		if (!any) return cause;
		const error = cause as NodeOperationError;
		const fix = [
			details ? `Went out: ${details}.` : '',
			rerun(sending, any, kind),
			(error.description ?? '').trim(),
		]
			.filter(Boolean)
			.join(' ');
		const message = withFix(
			context.getNode(),
			`${withoutFix(context.getNode(), error)}. ${capitalized(summary)}`,
			fix,
		);
		if (error instanceof NodeApiError) {
			return new NodeApiError(context.getNode(), {} as JsonObject, {
				message,
				description: fix,
				httpCode: error.httpCode ?? undefined,
				itemIndex,
			});
		}
		return new NodeOperationError(context.getNode(), message, { description: fix, itemIndex });
	}

	/** The item's checked send, or its error; undefined when n8n failed the node while building. */
	async function checkedItem(
		context: IExecuteSingleFunctions,
		build: Build<S>,
		kind: Kind,
		{ run, attempt }: { run: Run<S>; attempt: Try },
	) {
		// RoutingNode builds the rest of the batch before this continues: then nothing, not even the
		// pre-flight's reads, starts when it failed to build one.
		await Promise.resolve();
		if (!(await allBuilt(context, attempt, runItems(context).length))) return undefined;
		if (!run.checked) {
			run.since = step;
			run.checked = preflight(context, build, kind);
		}
		const checked = await run.checked;
		const itemIndex = context.getItemIndex();
		const own = checked[itemIndex];
		if (!own) {
			throw new NodeOperationError(context.getNode(), 'This item was not part of the checked run', {
				itemIndex,
			});
		}
		if ('error' in own) {
			// Its own error, and what earlier runs of the node in this execution sent, if anything.
			const { any, summary, details } = wentOut(run, kind);
			if (!any || context.continueOnFail()) throw own.error;
			const fix = [
				own.error.description,
				`Went out before: ${details}.`,
				rerun(sendingOf(context, kind), any, kind),
			]
				.filter(Boolean)
				.join(' ');
			throw fixableError(
				context.getNode(),
				`${withoutFix(context.getNode(), own.error)}. ${capitalized(summary)}`,
				fix,
				itemIndex,
			);
		}
		const invalid = checked.findIndex((entry) => 'error' in entry);
		if (invalid >= 0 && !context.continueOnFail()) {
			const { error } = checked[invalid] as { error: NodeOperationError };
			const { any, summary, details } = wentOut(run, kind);
			const fix = [
				`Fix item ${invalid} and run again: ${error.description ?? ''}`.replace(/: $/, '.'),
				details ? `Went out before: ${details}.` : '',
				rerun(own.sending, any, kind),
				'To send the valid items anyway, set the node to continue on error.',
			]
				.filter(Boolean)
				.join(' ');
			throw fixableError(
				context.getNode(),
				`Nothing was sent in this run of the node: item ${invalid} has invalid input (${withoutFix(context.getNode(), error)})${summary ? `. ${capitalized(summary)}` : ''}`,
				fix,
				itemIndex,
			);
		}
		return own;
	}

	async function deliver(
		context: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
		run: Run<S>,
		attempt: Try,
		{ send, sending }: { send: S; sending: Sending },
		state: ItemState<S>,
		kind: Kind,
	): Promise<Items> {
		const itemIndex = context.getItemIndex();
		const stop = attempt.stop;
		const print = fingerprint(send);
		const gap = sending.gap ?? (carriesFiles(send.body) ? ONE_AT_A_TIME : undefined);
		/** The item's requests, as many as the API's refusals and the limits allow. */
		async function attempts(requestLeaves: () => void): Promise<Items> {
			if (sending.skipWindowHours !== undefined && send.text && api.findEarlierSend) {
				stop.check(itemIndex);
				const since = Date.now() - sending.skipWindowHours * 3600 * 1000;
				const earlier = await api.findEarlierSend.call(context, send, since);
				if (earlier) return [{ json: { skipped: true, reason: 'already sent', earlier } }];
			}
			stop.check(itemIndex);
			state.prepared ??= api.prepare ? await api.prepare.call(context, send) : send;
			const ready = state.prepared;
			stop.check(itemIndex);
			if (sending.typingFirst && api.showTyping) await api.showTyping.call(context, send);
			for (;;) {
				stop.check(itemIndex);
				if (state.attempts >= MAX_ATTEMPTS || state.exhausted) throw state.refusal;
				// The API said when to try again: every try of the node waits for it, within the budget.
				const wait = (state.retryAt ?? 0) - Date.now();
				if (wait > 0) {
					if (state.waited + wait > sending.maxRateLimitWait * 1000) {
						state.exhausted = true;
						throw state.refusal;
					}
					state.waited += wait;
					await stop.sleep(wait, itemIndex);
				}
				state.attempts++;
				requestLeaves();
				const options = toHttpOptions(context, ready, requestData.options);
				const outcome = await context.makeRoutingRequest({ ...requestData, options }).then(
					(items) => ({ items }),
					(error: unknown) => ({ error }),
				);
				const entry = { run: run.runIndex, item: itemIndex, to: send.to };
				if ('items' in outcome) {
					const id = outcome.items.map((item) => api.sentId(item.json)).find(Boolean);
					run.ledger.entries.push({ ...entry, id, outcome: 'sent' });
					return outcome.items;
				}
				if (outcomeOf(outcome.error) === 'unknown') {
					run.ledger.unknown.add(print);
					run.ledger.entries.push({ ...entry, outcome: 'unknown' });
					throw mayHaveGoneOut(context, api.service, kind.noun, outcome.error);
				}
				state.refusal = outcome.error;
				const retryAfter = api.retryAfter?.(outcome.error as NodeApiError);
				if (retryAfter === undefined) throw outcome.error;
				// A retry is a send too: no sooner than the pacing delay either.
				const delay = Math.max(MIN_RETRY_WAIT_SECONDS, retryAfter, sending.gap?.minSeconds ?? 0);
				state.retryAt = Date.now() + delay * 1000;
			}
		}

		return await inTurn(send.lane, gap, stop, itemIndex, async (requestLeaves) => {
			if (run.ledger.unknown.has(print)) throw mayHaveGoneOut(context, api.service, kind.noun);
			if (send.once && !state.claimed) {
				const key = `${send.lane}\u0000${send.once.key}`;
				if (!claim(key, run.since ?? step)) return [{ json: { skipped: true, ...send.once.skip } }];
				state.claimed = key;
			}
			const outcome = await attempts(requestLeaves).then(
				(items) => ({ items }),
				(error: unknown) => ({ error }),
			);
			const key = state.claimed;
			if (key) {
				// Refused, or stopped before its request: a later send may take the key.
				const gone = 'items' in outcome || unconfirmed.has(outcome.error as object);
				if (gone) claims.set(key, ++step);
				else claims.delete(key);
				state.claimed = undefined;
			}
			if ('error' in outcome) throw outcome.error;
			return outcome.items;
		});
	}

	return {
		/**
		 * The routing of an operation that sends: `build` states one item's send from its fields.
		 * Failed checks show as checks (`showingChecks`).
		 */
		routing(build: Build<S>, kind: Kind): INodePropertyRouting {
			return {
				request: { method: 'POST' },
				send: {
					preSend: [
						async function check(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
							return await showingChecks(this.getNode(), async () => {
								const reached = reach(this);
								tries.set(options, reached.attempt);
								await checkedItem(this, build, kind, reached);
								return options;
							});
						},
					],
					paginate: true,
				},
				operations: {
					async pagination(this: IExecutePaginationFunctions, requestData) {
						return await showingChecks(this.getNode(), async () => {
							const run = runOf(this);
							const attempt = tries.get(requestData.options) ?? run.try;
							const own = await checkedItem(this, build, kind, { run, attempt });
							// n8n failed the node building another item: nobody awaits this one.
							if (!own) return [];
							if (own.send.skip) return [{ json: { skipped: true, ...own.send.skip } }];
							const itemIndex = this.getItemIndex();
							let state = run.items.get(itemIndex);
							if (!state) run.items.set(itemIndex, (state = { attempts: 0, waited: 0 }));
							const delivery =
								state.settled ?? deliver(this, requestData, run, attempt, own, state, kind);
							attempt.sends.set(
								itemIndex,
								delivery.catch(() => undefined),
							);
							try {
								const items = await delivery;
								state.settled = delivery;
								return items;
							} catch (error) {
								if (unconfirmed.has(error)) state.settled = delivery;
								throw await failure(this, run, attempt, kind, own.sending, error);
							}
						});
					},
				},
				...(api.postReceive ? { output: { postReceive: api.postReceive } } : {}),
			};
		},
	};
}

const NOT_PACED: Sending = { maxRateLimitWait: 60, typingFirst: false };

/** The Sending Options of an item that failed to build, if they can be read. */
function sendingOf(context: IExecuteSingleFunctions, kind: Kind): Sending | undefined {
	if (!kind.paced) return undefined;
	const index = context.getItemIndex();
	try {
		return readSending(new ItemInputs(context, index, runItems(context)[index]));
	} catch {
		return undefined;
	}
}

/** Errors of sends whose outcome is unknown: they may have gone out, so nothing sends them again. */
const unconfirmed = new WeakSet<object>();

function mayHaveGoneOut(
	context: IExecuteSingleFunctions,
	service: string,
	noun: string,
	cause?: unknown,
): NodeOperationError {
	const description = `The ${noun} may or may not have gone out, so it is not sent again. Check the conversation before sending it again; with "Skip If Already Sent" on, a new run of the workflow looks first.`;
	const message =
		cause === undefined
			? `Not sent: the same ${noun} earlier in this execution may have gone out`
			: `${service} did not confirm the ${noun} (${answerOf(cause)}): it may have gone out`;
	const error = fixableError(context.getNode(), message, description, context.getItemIndex());
	unconfirmed.add(error);
	return error;
}

/**
 * What came back: an HTTP status and the API's words, or what the network did, in words: n8n
 * replaces an error message that contains a code such as ECONNRESET with a generic text.
 */
function answerOf(cause: unknown): string {
	const code =
		cause instanceof NodeApiError
			? cause.httpCode
			: (cause as { code?: unknown } | undefined)?.code;
	if (typeof code !== 'string' || !code) return 'no answer';
	if (/^\d+$/.test(code)) return `HTTP ${code}: ${(cause as Error).message}`;
	return /TIMEDOUT|ABORTED/i.test(code) ? 'no answer in time' : 'the connection broke';
}
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
