/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test: listens for unhandled rejections on process */
/**
 * The send guarantees (docs/sending.md) in the combinations that broke them before, each a case of
 * issue #20, run through n8n-core's engine with the node loaded as n8n loads it. Waits run on a
 * virtual clock (test/engine/clock.ts): what is proven is who sent what, not how long it took.
 */
jest.mock('n8n-workflow', () =>
	jest
		.requireActual<typeof import('../engine/clock')>('../engine/clock')
		.workflowWithVirtualSleep(),
);
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { UnipileApi } from '../../credentials/UnipileApi.credentials';
import { Unipile } from '../../nodes/Unipile/Unipile.node';
import { rl } from '../../tools/n8n/workflows';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import type { FaultRule } from '../../tools/sandbox/server';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import { apiRequests as csRequests, runConnectSafely } from '../connectsafely/helpers';
import { loadNodeType, loopNode, runWorkflow } from '../engine';
import { drain, settle, until, useVirtualClock } from '../engine/clock';
import {
	ACCOUNT,
	apiRequests,
	CHAT,
	runUnipile,
	runUnipileV1,
	SEND_PATH,
} from '../unipile/helpers';
import { startUnipileV1Sandbox, UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';

let unipile: UnipileSandbox;
let connectSafely: ConnectSafelySandbox;
beforeAll(async () => {
	unipile = await startUnipileSandbox();
	connectSafely = await startConnectSafelySandbox();
});
afterAll(async () => {
	await unipile.close();
	await connectSafely.close();
});
beforeEach(() => {
	unipile.reset();
	connectSafely.reset();
});
useVirtualClock();

const CS_SEND = '/linkedin/conversations/send';
const START_PATH = `/v2/${ACCOUNT}/inboxes/CLASSIC_PRIMARY/chats/send`;
// n8n reads 0 as its default of 1000 ms.
const retry = { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 };

const send = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	chat: rl('={{ $json.chat }}'),
	text: '={{ $json.text }}',
	...overrides,
});
const item = (text: string, chat = CHAT) => ({ json: { text, chat } });
const posts = () =>
	apiRequests(unipile)
		.filter((request) => request.method === 'POST')
		.map(
			(request) =>
				`${request.path.replace(`/v2/${ACCOUNT}`, '')} ${(request.body as { text: string }).text}`,
		);
const problem = (status: number, type: string, detail: string) => ({
	object: 'Error',
	type,
	status,
	title: detail,
	detail,
});
const answer = (
	path: string,
	status: number,
	body: unknown,
	headers?: Record<string, string>,
	times = 1,
): FaultRule => ({
	method: 'POST',
	path,
	times,
	fault: { kind: 'respond', status, body, headers },
});

describe('1. Retry On Fail never sends again what may have gone out', () => {
	it.each([
		['Unipile Message → Send answered 504', 504, SEND_PATH, send()],
		[
			'Unipile Chat → Start answered 500',
			500,
			START_PATH,
			{
				resource: 'chat',
				operation: 'start',
				inbox: rl('CLASSIC_PRIMARY'),
				userId: UNIPILE_SANDBOX.userIds[0],
				text: 'Hi there',
			},
		],
	])(
		'%s: one POST, and the item says it may have gone out',
		async (_name, status, path, parameters) => {
			unipile.inject(answer(path, status, problem(status, 'api/unexpected', 'Upstream failed')));
			const result = await settle(
				runUnipile(unipile, parameters, { inputItems: [item('Hi there')], settings: retry }),
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				`Unipile did not confirm the message (HTTP ${status}: Unipile: Upstream failed): it may have gone out. 1 message of this run may have gone out (item 0)`,
			);
			expect(apiRequests(unipile).filter((request) => request.method === 'POST')).toHaveLength(1);
		},
	);

	it('ConnectSafely send answered 500: one POST', async () => {
		connectSafely.inject(answer(CS_SEND, 500, { success: false, error: 'LinkedIn failed' }));
		const result = await settle(
			runConnectSafely(
				connectSafely,
				{ resource: 'message', operation: 'send', recipientProfileId: 'ana-lopez', message: 'Hi' },
				{ settings: retry },
			),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'ConnectSafely did not confirm the message (HTTP 500: ConnectSafely could not complete the request: LinkedIn failed): it may have gone out. 1 message of this run may have gone out (item 0)',
		);
		expect(csRequests(connectSafely).filter((request) => request.path === CS_SEND)).toHaveLength(1);
	});
});

describe('2. The retry bound holds per item, over all of n8n’s tries', () => {
	const limited = (retryAfter: string) =>
		answer(
			SEND_PATH,
			429,
			problem(429, 'api/too_many_requests', 'Too many requests'),
			{ 'retry-after': retryAfter },
			20,
		);

	it('429 retry-after 0 with Retry On Fail (2 tries): 3 POSTs, at least 1 s apart', async () => {
		unipile.inject(limited('0'));
		const result = await settle(
			runUnipile(unipile, send({ sendingOptions: { pacing: false } }), {
				inputItems: [item('A')],
				settings: retry,
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Unipile rate limit reached \(api\/too_many_requests\)/);
		const sent = apiRequests(unipile).filter((request) => request.method === 'POST');
		expect(sent.map((request) => request.receivedAt - sent[0].receivedAt)).toEqual([0, 1000, 2000]);
	});

	it('"Max Rate Limit Wait" is the total over all tries', async () => {
		unipile.inject(limited('1'));
		const result = await settle(
			runUnipile(unipile, send({ sendingOptions: { pacing: false, maxRateLimitWait: 1.5 } }), {
				inputItems: [item('A')],
				settings: { ...retry, maxTries: 5 },
			}),
		);
		expect(result.status).toBe('error');
		expect(posts()).toEqual([
			'/chats/chat_0001/messages/send A',
			'/chats/chat_0001/messages/send A',
		]);
	});

	it('with pacing on, a retry waits the pacing delay too: it is another send', async () => {
		unipile.inject(limited('1'));
		const result = await settle(
			runUnipile(unipile, send({ sendingOptions: { minDelay: 12, maxDelay: 12 } }), {
				inputItems: [item('A')],
			}),
		);
		expect(result.status).toBe('error');
		const sent = apiRequests(unipile).filter((request) => request.method === 'POST');
		expect(sent.map((request) => request.receivedAt - sent[0].receivedAt)).toEqual([
			0, 12_000, 24_000,
		]);
	});

	it('a send refused once goes out on the next attempt', async () => {
		unipile.inject({ ...limited('1'), times: 1 });
		const result = await settle(runUnipile(unipile, send(), { inputItems: [item('A')] }));
		expect(result.status).toBe('success');
		expect(posts()).toHaveLength(2);
		expect(result.output('Unipile')[0].json.object).toBe('MessageSent');
	});
});

describe('3. A partly sent run says what went out, and a re-run sends only the rest', () => {
	it('items 0 and 1 sent, item 2 refused: the error lists them, item 3 is not sent', async () => {
		const inputItems = [item('A'), item('B'), item('C', 'no-such-chat'), item('D')];
		const result = await settle(runUnipile(unipile, send(), { inputItems }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Unipile: Chat no-such-chat not found. 2 messages of this run went out (items 0, 1)',
		);
		expect(result.error?.description).toMatch(
			/^Went out: item 0 to chat chat_0001 \(msg_\w+\); item 1 to chat chat_0001 \(msg_\w+\)\. Running the workflow again skips what went out and sends the rest\. Check the Account/,
		);
		// Item 2's chat is refused by the look for an earlier send, before its POST.
		expect(apiRequests(unipile).map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /v2/${ACCOUNT}/chats/chat_0001/messages`,
			`POST ${SEND_PATH}`,
			`GET /v2/${ACCOUNT}/chats/chat_0001/messages`,
			`POST ${SEND_PATH}`,
			`GET /v2/${ACCOUNT}/chats/no-such-chat/messages`,
		]);

		unipile.requests.length = 0;
		const fixed = [item('A'), item('B'), item('C'), item('D')];
		const again = await settle(runUnipile(unipile, send(), { inputItems: fixed }));
		expect(again.status).toBe('success');
		expect(again.output('Unipile').map((output) => output.json.skipped ?? false)).toEqual([
			true,
			true,
			false,
			false,
		]);
		expect(posts()).toEqual([
			'/chats/chat_0001/messages/send C',
			'/chats/chat_0001/messages/send D',
		]);
	});
});

describe('4. A node that runs twice in one execution counts its earlier runs', () => {
	/** Loop → Unipile → Loop, `batchSize` items per run of the node, `type` its type id. */
	const loopRun = async (type: string, batchSize: number, inputItems: INodeExecutionData[]) =>
		await settle(
			runWorkflow({
				nodeTypes: { [type]: loadNodeType(Unipile), 'test.loop': loopNode(batchSize) },
				credentialTypes: [new UnipileApi()],
				credentials: {
					unipile: {
						type: 'unipileApi',
						data: { apiKey: UNIPILE_SANDBOX.apiKey, baseUrl: unipile.baseUrl },
					},
				},
				nodes: [
					{
						id: 'loop',
						name: 'Loop',
						type: 'test.loop',
						typeVersion: 1,
						position: [200, 0],
						parameters: {},
					},
					{
						id: 'send',
						name: 'Unipile',
						type,
						typeVersion: 1,
						position: [400, 0],
						parameters: { account: rl(ACCOUNT), ...send() },
						credentials: { unipileApi: { id: 'unipile', name: 'unipile' } },
					},
				],
				connections: {
					Start: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
					Loop: { main: [[], [{ node: 'Unipile', type: 'main', index: 0 }]] },
					Unipile: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
				},
				inputItems,
			}),
		);

	it('run 2 has an invalid item: its error says run 1 sent 2 messages', async () => {
		const result = await loopRun('test.unipile', 2, [item('A'), item('B'), item('C'), item('')]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Nothing was sent in this run of the node: item 1 has invalid input (The "Text" parameter is empty and no file is attached). 2 messages went out in earlier runs of this node in this execution',
		);
		expect(result.error?.description).toMatch(
			/^Fix item 1 and run again: Write a message in "Text", or add a file under "Attachments"\. Went out before: run 1 item 0 to chat chat_0001 \(msg_\w+\); run 1 item 1 to chat chat_0001 \(msg_\w+\)\. Running the workflow again skips what went out/,
		);
		expect(posts()).toEqual([
			'/chats/chat_0001/messages/send A',
			'/chats/chat_0001/messages/send B',
		]);
	});

	it('as an agent’s tool (one call per run), a bad call’s error says its fix once, and the re-run skips', async () => {
		const result = await loopRun('test.unipileTool', 1, [item('A'), item('B'), item('')]);
		expect(result.status).toBe('error');
		const fix = 'Write a message in "Text", or add a file under "Attachments".';
		const wentOut =
			/Went out before: run 1 item 0 to chat chat_0001 \(msg_\w+\); run 2 item 0 to chat chat_0001 \(msg_\w+\)\. Running the workflow again skips what went out and sends the rest\.$/;
		// Only the message reaches a model, so it carries the fix too; the editor shows the description.
		const [message, rest] = (result.error?.message ?? '').split(` ${fix} `);
		expect(message).toBe(
			'The "Text" parameter is empty and no file is attached. 2 messages went out in earlier runs of this node in this execution.',
		);
		expect(rest).toMatch(new RegExp(`^${wentOut.source}`));
		expect(result.error?.description?.slice(0, fix.length)).toBe(fix);
		expect(result.error?.description).toMatch(wentOut);
		expect(posts()).toEqual([
			'/chats/chat_0001/messages/send A',
			'/chats/chat_0001/messages/send B',
		]);
	});
});

describe('5. Execute Once checks only the item it sends', () => {
	it('sends item 0 although item 1 is invalid', async () => {
		const result = await settle(
			runUnipile(unipile, send(), {
				inputItems: [item('A'), item('')],
				settings: { executeOnce: true },
			}),
		);
		expect(result.status).toBe('success');
		expect(posts()).toEqual(['/chats/chat_0001/messages/send A']);
	});
});

describe('6. What was checked is what is sent, and nothing leaves after the node failed', () => {
	// Throws only on its second evaluation, which is n8n's own while it builds item 1: the
	// pre-flight (a later evaluation) sees valid input, n8n fails the node.
	const flaky =
		'={{ ($json.k = ($json.k ?? 0) + 1) && ($json.k === 2 && $json.i === 1 ? $("Nowhere").first().json.x : "Hi " + $json.i) }}';

	it.each([
		['paced', {}],
		['pacing off', { sendingOptions: { pacing: false } }],
		[
			'Batching, 2 per batch',
			{ requestOptions: { batching: { batch: { batchSize: 2, batchInterval: 10 } } } },
		],
	])('%s: no request at all, and no unhandled rejection', async (_name, options) => {
		const unhandled: unknown[] = [];
		const record = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', record);
		try {
			const inputItems = [0, 1, 2].map((i) => ({ json: { i, chat: CHAT } }));
			const result = await settle(
				runUnipile(unipile, send({ text: flaky, ...options }), { inputItems }),
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe("Referenced node doesn't exist");
			await drain();
			expect(apiRequests(unipile)).toEqual([]);
			expect(unhandled).toEqual([]);
		} finally {
			process.off('unhandledRejection', record);
		}
	});
});

describe('7. ConnectSafely paces by the LinkedIn account, however it was given', () => {
	const DEFAULT_ACCOUNT = { __rl: true, mode: 'list', value: '' };
	const message = (account: INodeParameters['account'], text: string): INodeParameters => ({
		resource: 'message',
		operation: 'send',
		account,
		recipientProfileId: 'ana-lopez',
		message: text,
		sendingOptions: { minDelay: 30, maxDelay: 30, skipIfSent: false },
	});

	it('the default account and the same account by ID share one lane: 30 s apart', async () => {
		const results = await settle(
			Promise.all([
				runConnectSafely(connectSafely, message(DEFAULT_ACCOUNT, 'by default')),
				runConnectSafely(connectSafely, message(rl(CONNECTSAFELY_SANDBOX.accountId), 'by ID')),
			]),
		);
		expect(results.map((result) => result.status)).toEqual(['success', 'success']);
		const sends = csRequests(connectSafely).filter((request) => request.path === CS_SEND);
		expect(sends.map((request) => (request.body as { accountId: string }).accountId)).toEqual([
			CONNECTSAFELY_SANDBOX.accountId,
			CONNECTSAFELY_SANDBOX.accountId,
		]);
		expect(sends[1].receivedAt - (sends[0].respondedAt ?? 0)).toBe(30_000);
	});

	it('two credentials holding one key share the default account’s lane', async () => {
		const other = (parameters: INodeParameters) =>
			runConnectSafely(connectSafely, parameters, { credentialId: 'second credential' });
		const results = await settle(
			Promise.all([
				runConnectSafely(connectSafely, message(DEFAULT_ACCOUNT, 'first')),
				other(message(DEFAULT_ACCOUNT, 'second')),
			]),
		);
		expect(results.map((result) => result.status)).toEqual(['success', 'success']);
		const sends = csRequests(connectSafely).filter((request) => request.path === CS_SEND);
		expect(sends[1].receivedAt - (sends[0].respondedAt ?? 0)).toBe(30_000);
	});
});

describe('10. Lists that cannot be complete fail instead of looking complete', () => {
	const page = (cursor: string | null, id: string) => ({
		method: 'GET',
		path: `/v2/${ACCOUNT}/chats`,
		fault: {
			kind: 'respond' as const,
			status: 200,
			body: { object: 'ChatList', data: [{ id }], next_cursor: cursor },
		},
	});

	it('a cursor that comes back (A → B → A) ends with an error, not a partial list', async () => {
		unipile.inject(page('A', 'c1'));
		unipile.inject(page('B', 'c2'));
		unipile.inject(page('A', 'c3'));
		const result = await settle(
			runUnipile(unipile, {
				resource: 'chat',
				operation: 'getAll',
				returnAll: true,
				simplify: false,
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'The list of chats is incomplete: after 3 chats, the API gave a page cursor it had given before',
		);
	});

	it('API v1: "Unread Only" added and switched off sends no unread filter (v1 reads false as "read only")', async () => {
		const v1 = await startUnipileV1Sandbox();
		try {
			const result = await settle(
				runUnipileV1(v1, {
					resource: 'chat',
					operation: 'getAll',
					returnAll: true,
					filters: { isUnread: false },
				}),
			);
			expect(result.status).toBe('success');
			expect(result.output('Unipile')).toHaveLength(UNIPILE_V1_SANDBOX.chatCount);
			const lists = v1.requests.filter((request) => request.path === '/api/v1/chats');
			expect(lists.map((request) => request.query.unread)).toEqual([undefined]);
		} finally {
			await v1.close();
		}
	});

	it('a Limit of 2.5 is refused before any request, naming the field', async () => {
		const result = await settle(
			runUnipile(unipile, { resource: 'chat', operation: 'getAll', limit: '={{ 2.5 }}' }),
		);
		expect(result.error?.message).toBe(
			'The "Limit" parameter must be a whole number of 1 or more (got 2.5)',
		);
		expect(apiRequests(unipile)).toEqual([]);
	});
});

describe('when the execution is stopped', () => {
	it('sends no queued item after the stop', async () => {
		const stopped = until(() => posts().length > 0);
		const result = await settle(
			runUnipile(unipile, send(), {
				inputItems: [item('one'), item('two'), item('three')],
				cancelWhen: stopped,
			}),
		);
		expect(result.status).toBe('error');
		await drain();
		expect(posts()).toEqual(['/chats/chat_0001/messages/send one']);
	});
});

describe("n8n's Retry On Fail after a refusal", () => {
	it('sends only the refused item again; the sent one is reused', async () => {
		const result = await settle(
			runUnipile(unipile, send({ sendingOptions: { pacing: false, skipIfSent: false } }), {
				inputItems: [item('sent once'), item('refused', 'no-such-chat')],
				settings: retry,
			}),
		);
		expect(result.status).toBe('error');
		expect(posts()).toEqual([
			'/chats/chat_0001/messages/send sent once',
			'/chats/no-such-chat/messages/send refused',
			'/chats/no-such-chat/messages/send refused',
		]);
	});
});
