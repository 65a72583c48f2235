jest.mock('n8n-workflow', () =>
	jest
		.requireActual<typeof import('../engine/clock')>('../engine/clock')
		.workflowWithVirtualSleep(),
);
import type { INodeParameters } from 'n8n-workflow';

import { rl } from '../../tools/n8n/workflows';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import { binaryItem, jsonOf, NO_PACING } from '../engine';
import { settle, useVirtualClock } from '../engine/clock';
import { ACCOUNT, apiRequests, CHAT, runUnipile, SEND_PATH } from './helpers';

const USER = UNIPILE_SANDBOX.userIds[0];
const MB = 1024 * 1024;

let sandbox: UnipileSandbox;
beforeAll(async () => (sandbox = await startUnipileSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());
useVirtualClock();

const start = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'chat',
	operation: 'start',
	inbox: rl('CLASSIC_PRIMARY'),
	userId: USER,
	text: 'Hello',
	...NO_PACING,
	...overrides,
});
const send = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	chat: rl(CHAT),
	text: 'Hello again',
	...NO_PACING,
	...overrides,
});
const file = (property: string, bytes: number) => ({
	[property]: {
		data: Buffer.alloc(bytes, 1),
		mimeType: 'application/pdf',
		fileName: `${property}.pdf`,
	},
});

describe('bad input fails before any request, naming what to fix', () => {
	const cases: Array<[string, INodeParameters, RegExp, ReturnType<typeof binaryItem>[]?]> = [
		[
			'no recipient',
			start({ userId: '={{ $json.missing }}' }),
			/"Recipient Profile URL or User ID" parameter is empty/,
		],
		['empty text and no file', start({ text: '  ' }), /"Text" parameter is empty and no file/],
		[
			'files over 20 MB together',
			start({ attachments: { files: [{ binaryProperty: 'a' }, { binaryProperty: 'b' }] } }),
			/over the 20\.0 MB limit/,
			[binaryItem({}, { ...file('a', 11 * MB), ...file('b', 10 * MB) })],
		],
		[
			'a missing binary property',
			start({ attachments: { files: [{ binaryProperty: 'photo' }] } }),
			/no binary property "photo"/,
			[binaryItem({}, file('data', 10))],
		],
		[
			'an attachment without a property name',
			start({ attachments: { files: [{ binaryProperty: ' ' }] } }),
			/no binary property name/,
		],
		[
			'an account ID that is not v2',
			start({ account: rl('={{ "12345" }}') }),
			/"Account" parameter must be a Unipile v2 account ID/,
		],
		['no chat', send({ chat: rl('={{ $json.missing }}') }), /"Chat" parameter is empty/],
		[
			'a reply without the quoted message',
			send({ operation: 'reply', messageId: '' }),
			/Message to Reply To/,
		],
		[
			'a group with one member',
			start({ operation: 'startGroup', userIds: USER }),
			/needs at least two IDs/,
		],
		[
			'a forward without destination',
			{
				resource: 'message',
				operation: 'forward',
				chat: rl(CHAT),
				messageId: 'm1',
				destinationChat: rl('={{ $json.missing }}'),
				...NO_PACING,
			},
			/"Destination Chat" parameter is empty/,
		],
		[
			'an applicant without token',
			start({
				operation: 'messageApplicant',
				applicantId: 'a1',
				messagingToken: '={{ $json.missing }}',
			}),
			/"Messaging Token" parameter is empty/,
		],
	];

	const rows = cases.map(([name, parameters, message, inputItems]) => ({
		name,
		parameters,
		message,
		inputItems,
	}));
	it.each(rows)('$name', async ({ parameters, message, inputItems }) => {
		const result = await runUnipile(sandbox, parameters, { inputItems });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('is stopped by n8n itself when a required field is left empty', async () => {
		const result = await runUnipile(sandbox, send({ chat: rl('') }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/^The 'Unipile' node has issues:\n- Parameter "Chat" is required/,
		);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('sends nothing from a batch when one item is invalid', async () => {
		const items = [{ json: { text: 'one' } }, { json: { text: '' } }, { json: { text: 'three' } }];
		const result = await runUnipile(sandbox, send({ text: '={{ $json.text }}' }), {
			inputItems: items,
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Nothing was sent in this run of the node: item 1 has invalid input (The "Text" parameter is empty and no file is attached)',
		);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('with continue on fail, sends the valid items and marks the bad one', async () => {
		const items = [{ json: { text: 'one' } }, { json: { text: '' } }, { json: { text: 'three' } }];
		const result = await runUnipile(sandbox, send({ text: '={{ $json.text }}' }), {
			inputItems: items,
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		const output = result.output('Unipile');
		expect(output).toHaveLength(3);
		expect(output[1].error?.message).toBe('The "Text" parameter is empty and no file is attached');
		expect(apiRequests(sandbox).map((request) => (request.body as { text: string }).text)).toEqual([
			'one',
			'three',
		]);
	});
});

describe('API errors', () => {
	it('names the field to check when an ID does not exist', async () => {
		const result = await runUnipile(sandbox, send({ chat: rl('no-such-chat') }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Unipile: Chat no-such-chat not found');
		expect(result.error?.description).toMatch(/Chat/);
	});

	it('points at the credential when the key is rejected, without showing it', async () => {
		const wrongKey = 'example-wrong-unipile-key';
		const result = await runUnipile(sandbox, send(), { apiKey: wrongKey });
		expect(result.status).toBe('error');
		expect(result.error?.description).toMatch(
			/^Check the Unipile credential: the API key must come from the dashboard of its "API Version"/,
		);
		expect(JSON.stringify(result)).not.toContain(wrongKey);
	});

	it('keeps going per item with continue on fail', async () => {
		const items = [{ json: { chat: CHAT } }, { json: { chat: 'no-such-chat' } }];
		const result = await runUnipile(sandbox, send({ chat: rl('={{ $json.chat }}') }), {
			inputItems: items,
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		const output = result.output('Unipile');
		expect(output[0].json.object).toBe('MessageSent');
		expect(output[1].error?.message).toBe('Unipile: Chat no-such-chat not found');
	});
});

describe('sending safely', () => {
	it('waits for retry-after and retries once when Unipile rate-limits the send', async () => {
		sandbox.inject({
			method: 'POST',
			path: SEND_PATH,
			fault: {
				kind: 'respond',
				status: 429,
				headers: { 'retry-after': '1' },
				body: {
					object: 'Error',
					type: 'api/too_many_requests',
					status: 429,
					title: 'Too many requests',
				},
			},
		});
		const result = await settle(runUnipile(sandbox, send()));
		expect(result.status).toBe('success');
		const attempts = apiRequests(sandbox).filter((request) => request.path === SEND_PATH);
		expect(attempts.map((request) => request.receivedAt - attempts[0].receivedAt)).toEqual([
			0, 1000,
		]);
	});

	it('fails a provider rate limit at once, with the reset time', async () => {
		sandbox.inject({
			method: 'POST',
			path: SEND_PATH,
			fault: {
				kind: 'respond',
				status: 429,
				headers: { 'x-ratelimit-reset': '3600' },
				body: {
					object: 'Error',
					type: 'provider/too_many_requests',
					status: 429,
					title: 'Too many requests',
				},
			},
		});
		const result = await runUnipile(sandbox, send());
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/rate limit.*in 3600 s \(at \d{4}-/);
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('never resends when the connection drops after the request left', async () => {
		sandbox.inject({ method: 'POST', path: SEND_PATH, fault: { kind: 'reset' } });
		const result = await runUnipile(sandbox, send());
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Unipile did not confirm the message (the connection broke): it may have gone out. 1 message of this run may have gone out (item 0)',
		);
		expect(result.error?.description).toMatch(/so it is not sent again/);
		expect(apiRequests(sandbox)).toHaveLength(1);
		expect(JSON.stringify(result)).not.toContain(UNIPILE_SANDBOX.apiKey);
	});

	it('skips a message already sent in the chat', async () => {
		const parameters = send({
			text: 'Only once please',
			sendingOptions: { pacing: false, skipIfSent: true },
		});
		const first = await runUnipile(sandbox, parameters);
		expect(first.error).toBeUndefined();
		const second = await runUnipile(sandbox, parameters);
		expect(jsonOf(first.output('Unipile'))[0].object).toBe('MessageSent');
		expect(jsonOf(second.output('Unipile'))[0]).toMatchObject({ skipped: true });
		expect(apiRequests(sandbox).filter((request) => request.path === SEND_PATH)).toHaveLength(1);
	});

	it('paces items one after another with a random delay in range', async () => {
		const items = [1, 2, 3, 4].map((n) => ({ json: { text: `paced ${n}` } }));
		const result = await settle(
			runUnipile(
				sandbox,
				send({ text: '={{ $json.text }}', sendingOptions: { minDelay: 20, maxDelay: 30 } }),
				{ inputItems: items },
			),
		);
		expect(result.status).toBe('success');
		const sends = apiRequests(sandbox).filter((request) => request.path === SEND_PATH);
		expect(sends.map((request) => (request.body as { text: string }).text)).toEqual(
			items.map((item) => item.json.text),
		);
		const gaps = sends.slice(1).map((request, i) => request.receivedAt - sends[i].receivedAt);
		expect(gaps).toHaveLength(3);
		expect(gaps.every((gap) => gap >= 20_000 && gap <= 30_000)).toBe(true);
	});

	it('sends all items at once with pacing off', async () => {
		const items = [1, 2, 3, 4, 5].map((n) => ({ json: { text: `fast ${n}` } }));
		const result = await settle(
			runUnipile(sandbox, send({ text: '={{ $json.text }}' }), { inputItems: items }),
		);
		expect(result.status).toBe('success');
		// No wait at all: the virtual clock never moved.
		const sends = apiRequests(sandbox);
		expect(sends).toHaveLength(5);
		expect(new Set(sends.map((request) => request.receivedAt)).size).toBe(1);
	});

	it('shows a typing indicator before the send', async () => {
		const result = await settle(
			runUnipile(
				sandbox,
				send({
					text: 'hi',
					sendingOptions: { pacing: false, skipIfSent: false, typingFirst: true },
				}),
			),
		);
		expect(result.status).toBe('success');
		const requests = apiRequests(sandbox);
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`POST /v2/${ACCOUNT}/chats/${CHAT}/composing`,
			`POST ${SEND_PATH}`,
		]);
		// Typing lasts 1 s + 40 ms per character.
		expect(requests[1].receivedAt - requests[0].receivedAt).toBe(1080);
	});
});
