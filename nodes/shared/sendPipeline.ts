import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyRouting,
	NodeApiError,
	PostReceiveAction,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fixableError, unknownOutcome, wasAnswered } from './errors';
import { inTurn } from './pacing';
import { ExpressionFailed, ItemInputs, runItems } from './preflight';
import { RunStop } from './runStop';
import type { Sending } from './sendingOptions';
import { readSending } from './sendingOptions';

type Items = INodeExecutionData[];
type HttpOptions = DeclarativeRestApiSettings.HttpRequestOptions;

/** What an API contributes to the pipeline; `R` is what its operations build for one item. */
interface SendApi<R extends { files: unknown[] }> {
	service: string;
	/** The pacing lane of a send: one per account (nodes/shared/pacing.ts). */
	lane(this: IExecuteSingleFunctions, request: R): string;
	/** The HTTP request, made when the item's turn comes: files read, encoded or uploaded here. */
	prepare(this: IExecutePaginationFunctions, request: R, base: HttpOptions): Promise<HttpOptions>;
	/** "Show Typing First". */
	showTyping?(this: IExecutePaginationFunctions, request: R): Promise<void>;
	/** "Skip If Already Sent": a message of ours with the same text since `since` (ms), if any. */
	findEarlierSend?(
		this: IExecutePaginationFunctions,
		request: R,
		since: number,
	): Promise<IDataObject | undefined>;
	/** Seconds to wait when the API refused the send before doing anything (safe to retry). */
	retryAfter?(error: NodeApiError): number | undefined;
	/** Runs on each response after the error check, e.g. to make message IDs predictable. */
	postReceive?: PostReceiveAction[];
}

/** Reads and checks one item's fields and returns its request; runs for every item first. */
type BuildRequest<R extends { files: unknown[] }> = (item: ItemInputs) => R | Promise<R>;

type Checked<R extends { files: unknown[] }> =
	| { request: R; sending: Sending }
	| { error: NodeOperationError };

/** One node run (one execution, one node, one run index), shared by its items' contexts. */
interface Run<R extends { files: unknown[] }> {
	checked?: Promise<Checked<R>[]>;
	stop: RunStop;
	/** Per item: the send, reused by n8n's Retry On Fail instead of sending again. */
	deliveries: Map<number, Promise<Items>>;
}

/** At most this many attempts of one send when the API asks to retry later. */
const MAX_ATTEMPTS = 3;
/** The shortest wait before such a retry, whatever retry-after says. */
const MIN_RETRY_WAIT_SECONDS = 1;
/**
 * With pacing off, sends that carry files still go one at a time per account, without a gap:
 * each holds its files, read and encoded, while it is sent (BENCHMARKS.md, attachments at scale).
 */
const ONE_AT_A_TIME = { minSeconds: 0, maxSeconds: 0 };

/**
 * The send pipeline of an API, hooked into each send operation's declarative routing: `preSend`
 * checks, and n8n's pagination hook (a function given `makeRoutingRequest`) sends. Whatever order
 * n8n's RoutingNode runs items in, with or without Batching:
 * - one pre-flight per node run checks every input item (expressions evaluated per item, fields
 *   validated, files found): if any item is invalid, nothing is sent, unless the node continues on
 *   error, then the valid items go and the invalid ones get their error;
 * - a send that has not left when the execution ends (failed, cancelled) never leaves;
 * - a send is never repeated by us: no retry after an unknown outcome, at most 3 attempts when the
 *   API refused it with retry-after, and n8n's Retry On Fail gets the first attempt's result;
 * - sends of one account are spaced across runs and executions (nodes/shared/pacing.ts); with
 *   pacing off, those that carry files still go one at a time.
 * See docs/n8n-behaviour.md for the n8n behaviour this relies on.
 */
export function sendPipeline<R extends { files: unknown[] }>(api: SendApi<R>) {
	const runs = new WeakMap<object, Run<R>>();

	function runOf(context: IExecuteSingleFunctions): Run<R> {
		// Every item context of a node run shares its execute data, and so does a retry of the node.
		const key = context.getExecuteData() ?? context;
		let run = runs.get(key);
		if (!run) {
			run = { stop: new RunStop(context), deliveries: new Map() };
			runs.set(key, run);
		}
		return run;
	}

	async function preflight(context: IExecuteSingleFunctions, build: BuildRequest<R>) {
		const checked: Checked<R>[] = [];
		for (const [index, data] of runItems(context).entries()) {
			const item = new ItemInputs(context, index, data);
			try {
				const request = await build(item);
				const sending = readSending(item);
				item.resolveTheRest();
				checked.push({ request, sending });
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

	function nothingSent(context: IExecuteSingleFunctions, index: number, cause: NodeOperationError) {
		return fixableError(
			context.getNode(),
			`Nothing was sent: item ${index} has invalid input (${cause.message})`,
			'Fix that input and run again. No item of this run was sent, so running it again sends each message once. To send the valid items anyway, set the node to continue on error.',
			context.getItemIndex(),
		);
	}

	async function checkedItem(context: IExecuteSingleFunctions, build: BuildRequest<R>) {
		const run = runOf(context);
		run.checked ??= preflight(context, build);
		const checked = await run.checked;
		const own = checked[context.getItemIndex()];
		if (!own) {
			throw new NodeOperationError(context.getNode(), 'This item was not part of the checked run', {
				itemIndex: context.getItemIndex(),
			});
		}
		if ('error' in own) throw own.error;
		const invalid = checked.findIndex((entry) => 'error' in entry);
		if (invalid >= 0 && !context.continueOnFail()) {
			const { error } = checked[invalid] as { error: NodeOperationError };
			// RoutingNode fails the node when it builds that item, after starting this one: nothing
			// awaits this item, so it ends quietly instead of as a rejection nobody handles.
			if (error instanceof ExpressionFailed && context.getItemIndex() < invalid) {
				return { run, orphan: true as const };
			}
			throw nothingSent(context, invalid, error);
		}
		return { run, own };
	}

	async function attempt(
		context: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
		requestLeaves: () => void,
	): Promise<{ items: Items } | { error: unknown }> {
		try {
			requestLeaves();
			return { items: await context.makeRoutingRequest(requestData) };
		} catch (error) {
			return { error };
		}
	}

	/** Sends once; retries only what the API refused with retry-after, within the limits. */
	async function sendWithRetry(
		context: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
		sending: Sending,
		stop: RunStop,
		requestLeaves: () => void,
	): Promise<Items> {
		const itemIndex = context.getItemIndex();
		let waited = 0;
		for (let attempts = 1; ; attempts++) {
			stop.check(itemIndex);
			const outcome = await attempt(context, requestData, requestLeaves);
			if ('items' in outcome) return outcome.items;
			const { error } = outcome;
			if (!wasAnswered(error)) {
				throw unknownOutcome(context.getNode(), api.service, itemIndex, error);
			}
			const retryAfter = api.retryAfter?.(error);
			if (retryAfter === undefined || attempts >= MAX_ATTEMPTS) throw error;
			const wait = Math.max(MIN_RETRY_WAIT_SECONDS, retryAfter);
			if (waited + wait > sending.maxRateLimitWait) throw error;
			waited += wait;
			await stop.sleep(wait * 1000, itemIndex);
		}
	}

	async function send(
		context: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
		run: Run<R>,
		own: { request: R; sending: Sending },
		left: { value: boolean },
	): Promise<Items> {
		const { request, sending } = own;
		const itemIndex = context.getItemIndex();
		return await inTurn(
			api.lane.call(context, request),
			sending.gap ?? (request.files.length ? ONE_AT_A_TIME : undefined),
			run.stop,
			itemIndex,
			async (requestLeaves) => {
				if (sending.skipWindowHours !== undefined && api.findEarlierSend) {
					run.stop.check(itemIndex);
					const since = Date.now() - sending.skipWindowHours * 3600 * 1000;
					const earlier = await api.findEarlierSend.call(context, request, since);
					if (earlier) return [{ json: { skipped: true, reason: 'already sent', earlier } }];
				}
				run.stop.check(itemIndex);
				const options = await api.prepare.call(context, request, requestData.options);
				if (sending.typingFirst && api.showTyping) {
					run.stop.check(itemIndex);
					await api.showTyping.call(context, request);
				}
				return await sendWithRetry(context, { ...requestData, options }, sending, run.stop, () => {
					left.value = true;
					requestLeaves();
				});
			},
		);
	}

	return {
		/** The routing of a send operation: `build` makes one item's request from its fields. */
		routing(build: BuildRequest<R>): INodePropertyRouting {
			return {
				request: { method: 'POST' },
				send: {
					preSend: [
						async function check(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
							await checkedItem(this, build);
							return options;
						},
					],
					paginate: true,
				},
				operations: {
					async pagination(this: IExecutePaginationFunctions, requestData) {
						const checked = await checkedItem(this, build);
						if ('orphan' in checked) return [];
						const { run, own } = checked;
						const itemIndex = this.getItemIndex();
						const earlier = run.deliveries.get(itemIndex);
						if (earlier) return await earlier;
						const left = { value: false };
						const delivery = send(this, requestData, run, own, left);
						run.deliveries.set(itemIndex, delivery);
						// Nothing left, or the API refused it: a retry of the node may send it.
						delivery.catch((error: unknown) => {
							if (!left.value || wasAnswered(error)) run.deliveries.delete(itemIndex);
						});
						return await delivery;
					},
				},
				...(api.postReceive ? { output: { postReceive: api.postReceive } } : {}),
			};
		},
	};
}
