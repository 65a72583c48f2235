import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodePropertyRouting,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, randomInt, sleep } from 'n8n-workflow';

import { unknownOutcome, wasAnswered } from './errors';

/** The "Sending Options" a send operation reads; see `sendingOptions()` for the UI. */
export interface SendingOptions {
	pacing?: boolean;
	minDelay?: number;
	maxDelay?: number;
	typingFirst?: boolean;
	skipIfSent?: boolean;
	skipWindowHours?: number;
	maxRateLimitWait?: number;
}

export const DEFAULT_SENDING = {
	minDelay: 10,
	maxDelay: 20,
	skipWindowHours: 24,
	maxRateLimitWait: 60,
};

/** The request as n8n's routing built it (its url is relative to the base URL). */
export type Request = DeclarativeRestApiSettings.HttpRequestOptions;

/** What an API contributes to the shared send pipeline. */
export interface DeliveryHooks {
	service: string;
	/** Before sending: e.g. show a typing indicator. */
	beforeSend?: (this: IExecutePaginationFunctions, request: Request) => Promise<void>;
	/** With "Skip If Already Sent": an earlier identical message from us, if any. */
	findEarlierSend?: (
		this: IExecutePaginationFunctions,
		request: Request,
		windowHours: number,
	) => Promise<IDataObject | undefined>;
	/** Seconds to wait when the API rejected the send before processing it (safe to retry). */
	retryAfter?: (error: NodeApiError) => number | undefined;
	/**
	 * The request to send, built once every item is checked and the send is not skipped: e.g. files
	 * uploaded or encoded into the body. Reused as is if the send is retried.
	 */
	prepare?: (this: IExecutePaginationFunctions, request: Request) => Promise<Request>;
}

/**
 * What a send's preSend hands to `prepare`, e.g. files checked but not read yet, so that they are
 * read only when that item is sent, and not at all when it is skipped. Keyed by the request options
 * object the preSend returns, which RoutingNode hands to the delivery unchanged.
 */
export function heldUntilSend<T>() {
	const held = new WeakMap<object, T>();
	return {
		hold<R extends object>(request: R, value: T): R {
			held.set(request, value);
			return request;
		},
		get: (request: object): T | undefined => held.get(request),
	};
}

interface Slot {
	promise: Promise<void>;
	resolve: () => void;
}

function slot(): Slot {
	let resolve = () => {};
	const promise = new Promise<void>((done) => (resolve = done));
	return { promise, resolve };
}

/**
 * State shared by the items of one node run. n8n's RoutingNode starts every item's request at once
 * (Promise.allSettled), so items coordinate here, keyed by the run's execute-data object, which all
 * item contexts of one run share.
 */
interface RunState {
	checking: number;
	checked: Slot;
	valid: number[];
	invalid: Array<{ itemIndex: number; message: string }>;
	/** Resolved when an item's send is over (or it will never send). */
	done: Map<number, Slot>;
	lastSendAt?: number;
}

const runs = new WeakMap<object, RunState>();

function runState(context: IExecuteSingleFunctions): RunState {
	const key = context.getExecuteData() ?? context;
	let state = runs.get(key);
	if (!state) {
		state = { checking: 0, checked: slot(), valid: [], invalid: [], done: new Map() };
		runs.set(key, state);
	}
	return state;
}

/**
 * Wraps a send operation's input check (its only preSend). RoutingNode calls every item's preSend
 * in one synchronous loop, so all items register here before any of them can reach the network;
 * sends then wait until every item has been checked.
 */
export function checkedInput(check: PreSendAction): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		const state = runState(this);
		const itemIndex = this.getItemIndex();
		const mine = slot();
		state.done.set(itemIndex, mine);
		state.checking++;
		const outcome = await check.call(this, requestOptions).then(
			(options) => ({ options }),
			(error: unknown) => ({ error }),
		);
		if ('error' in outcome) {
			const message =
				outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
			state.invalid.push({ itemIndex, message });
			mine.resolve();
		} else {
			state.valid.push(itemIndex);
		}
		if (--state.checking === 0) state.checked.resolve();
		if ('error' in outcome) throw outcome.error;
		return outcome.options;
	};
}

function sendingOptions(context: IExecuteSingleFunctions): SendingOptions {
	return context.getNodeParameter('sendingOptions', {}) as SendingOptions;
}

async function waitForTurn(state: RunState, itemIndex: number, options: SendingOptions) {
	const order = [...state.valid].sort((a, b) => a - b);
	const previous = order[order.indexOf(itemIndex) - 1];
	if (previous !== undefined) await state.done.get(previous)?.promise;
	if (state.lastSendAt === undefined) return;
	const min = options.minDelay ?? DEFAULT_SENDING.minDelay;
	const max = Math.max(min, options.maxDelay ?? DEFAULT_SENDING.maxDelay);
	const delayMs = randomInt(Math.round(min * 1000), Math.round(max * 1000) + 1);
	const wait = state.lastSendAt + delayMs - Date.now();
	if (wait > 0) await sleep(wait);
}

type Attempt = { items: INodeExecutionData[] } | { error: unknown };

async function attempt(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<Attempt> {
	try {
		return { items: await context.makeRoutingRequest(requestData) };
	} catch (error) {
		return { error };
	}
}

/**
 * Runs one send: waits until all items are checked, paces, optionally skips a duplicate, sends once,
 * and retries only when the API said it did not process the request (rate limited with retry-after).
 * Hooked in as the operation's `routing.operations.pagination` function, n8n's declarative hook for
 * taking over a request's execution.
 */
export function createDelivery(hooks: DeliveryHooks) {
	return async function deliver(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const state = runState(this);
		const itemIndex = this.getItemIndex();
		const node = this.getNode();
		const options = sendingOptions(this);
		const mine = state.done.get(itemIndex) ?? slot();

		if (state.checking > 0) await state.checked.promise;
		if (state.invalid.length && !this.continueOnFail()) {
			mine.resolve();
			const [first] = [...state.invalid].sort((a, b) => a.itemIndex - b.itemIndex);
			throw new NodeOperationError(
				node,
				`Nothing was sent: item ${first.itemIndex} has invalid input (${first.message})`,
				{
					itemIndex,
					description:
						'Fix that input and run again. No item of this run was sent, so running again sends each message once. To send the valid items anyway, set the node to continue on error.',
				},
			);
		}

		try {
			if (options.pacing ?? true) await waitForTurn(state, itemIndex, options);
			if (options.skipIfSent && hooks.findEarlierSend) {
				const earlier = await hooks.findEarlierSend.call(
					this,
					requestData.options,
					options.skipWindowHours ?? DEFAULT_SENDING.skipWindowHours,
				);
				if (earlier) return [{ json: { skipped: true, reason: 'already sent', earlier } }];
			}
			const request = hooks.prepare
				? await hooks.prepare.call(this, requestData.options)
				: requestData.options;
			if (options.typingFirst && hooks.beforeSend)
				await hooks.beforeSend.call(this, requestData.options);
			return await sendWithRetry(this, { ...requestData, options: request }, hooks, options, state);
		} finally {
			mine.resolve();
		}
	};
}

async function sendWithRetry(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	hooks: DeliveryHooks,
	options: SendingOptions,
	state: RunState,
): Promise<INodeExecutionData[]> {
	const maxWait = options.maxRateLimitWait ?? DEFAULT_SENDING.maxRateLimitWait;
	let waited = 0;
	for (;;) {
		state.lastSendAt = Date.now();
		const outcome = await attempt(context, requestData);
		if ('items' in outcome) return outcome.items;
		const { error } = outcome;
		if (!wasAnswered(error)) {
			throw unknownOutcome(context.getNode(), hooks.service, context.getItemIndex(), error);
		}
		const retryAfter = hooks.retryAfter?.(error);
		if (retryAfter === undefined || waited + retryAfter > maxWait) throw error;
		waited += retryAfter;
		await sleep(retryAfter * 1000);
	}
}

/**
 * The routing of an API's send operations: POST, the operation's input check (its only preSend),
 * then `deliver` (waits for every item's check, paces, skips duplicates, never re-sends an unknown
 * outcome) through n8n's declarative pagination hook, then the API's output shaping.
 */
export function sendRoutingWith(
	deliver: ReturnType<typeof createDelivery>,
	postReceive: PostReceiveAction[] = [],
) {
	return (url: string, check: PreSendAction, body?: IDataObject): INodePropertyRouting => ({
		request: { method: 'POST', url, ...(body ? { body } : {}) },
		send: { preSend: [checkedInput(check)], paginate: true },
		operations: { pagination: deliver },
		...(postReceive.length ? { output: { postReceive } } : {}),
	});
}
