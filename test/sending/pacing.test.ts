/**
 * Pacing per account across executions of one n8n process, gaps from the end of one send to the
 * start of the next, invalid settings refused before any request.
 */
import type { INodeParameters } from 'n8n-workflow';

import { rl } from '../../tools/n8n/workflows';
import { binaryItem } from '../engine';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox } from '../../tools/sandbox/unipile';
import { apiRequests, CHAT, runUnipile, SEND_PATH } from '../unipile/helpers';

let sandbox: UnipileSandbox;
beforeAll(async () => (sandbox = await startUnipileSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const send = (sendingOptions: INodeParameters, text = '={{ $json.text }}'): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	chat: rl(CHAT),
	text,
	sendingOptions,
});
const texts = (...values: string[]) => values.map((text) => ({ json: { text } }));
/** Milliseconds from the end of each send to the start of the next, as the sandbox saw them. */
const gaps = () => {
	const sends = apiRequests(sandbox);
	return sends
		.slice(1)
		.map((request, index) => request.receivedAt - (sends[index].respondedAt ?? 0));
};

describe('invalid delay settings are refused before any request, naming the field', () => {
	const cases: Array<[string, INodeParameters, string]> = [
		['a negative delay', { minDelay: -1 }, 'The "Min Delay (Seconds)" parameter must be 0 or more'],
		[
			'a delay expression that is not a number',
			{ maxDelay: '={{ "soon" }}' },
			'The "Max Delay (Seconds)" parameter must be a number of seconds',
		],
		[
			'a max below the min',
			{ minDelay: 5, maxDelay: 1 },
			'The "Max Delay (Seconds)" parameter (1) is below "Min Delay (Seconds)" (5)',
		],
		[
			'a delay over an hour',
			{ minDelay: 7200, maxDelay: 7200 },
			'The "Min Delay (Seconds)" parameter must be 3600 or less',
		],
	];
	it.each(cases)('%s', async (_name, sendingOptions, message) => {
		const result = await runUnipile(sandbox, send(sendingOptions), { inputItems: texts('a', 'b') });
		expect(result.status).toBe('error');
		// Item 0 is itself invalid: its own error is the node's.
		expect(result.error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

it('spaces the items of one run by the delay, in order', async () => {
	const result = await runUnipile(sandbox, send({ minDelay: 0.2, maxDelay: 0.3 }), {
		inputItems: texts('one', 'two', 'three'),
	});
	expect(result.status).toBe('success');
	expect(apiRequests(sandbox).map((request) => (request.body as { text: string }).text)).toEqual([
		'one',
		'two',
		'three',
	]);
	for (const gap of gaps()) {
		expect(gap).toBeGreaterThanOrEqual(190);
		expect(gap).toBeLessThan(1000);
	}
});

it('spaces three executions started at once on one account', async () => {
	const results = await Promise.all(
		['first', 'second', 'third'].map(
			async (text) => await runUnipile(sandbox, send({ minDelay: 0.3, maxDelay: 0.3 }, text)),
		),
	);
	expect(results.map((result) => result.status)).toEqual(['success', 'success', 'success']);
	expect(apiRequests(sandbox)).toHaveLength(3);
	for (const gap of gaps()) expect(gap).toBeGreaterThanOrEqual(290);
});

it('counts the gap from the end of a slow send, not from its start', async () => {
	sandbox.inject({ method: 'POST', path: SEND_PATH, fault: { kind: 'delay', ms: 700 } });
	const result = await runUnipile(sandbox, send({ minDelay: 0.3, maxDelay: 0.3 }), {
		inputItems: texts('slow', 'next'),
	});
	expect(result.status).toBe('success');
	const [slow, next] = apiRequests(sandbox);
	expect((slow.respondedAt ?? 0) - slow.receivedAt).toBeGreaterThanOrEqual(690);
	expect(next.receivedAt - (slow.respondedAt ?? 0)).toBeGreaterThanOrEqual(290);
});

it('with pacing off, sends every item at once: all are in flight before the first is answered', async () => {
	sandbox.inject({ method: 'POST', path: SEND_PATH, times: 4, fault: { kind: 'delay', ms: 400 } });
	const result = await runUnipile(sandbox, send({ pacing: false }), {
		inputItems: texts('a', 'b', 'c', 'd'),
	});
	expect(result.status).toBe('success');
	const sends = apiRequests(sandbox);
	expect(sends).toHaveLength(4);
	const firstAnswer = Math.min(...sends.map((request) => request.respondedAt ?? Infinity));
	expect(sends.every((request) => request.receivedAt < firstAnswer)).toBe(true);
});

it('with pacing off, sends that carry files go one at a time per account (each holds its files)', async () => {
	sandbox.inject({ method: 'POST', path: SEND_PATH, times: 3, fault: { kind: 'delay', ms: 300 } });
	const file = {
		data: Buffer.from('%PDF-1.4 tiny'),
		mimeType: 'application/pdf',
		fileName: 'a.pdf',
	};
	const result = await runUnipile(
		sandbox,
		{
			...send({ pacing: false }),
			attachments: { files: [{ binaryProperty: 'data', sendMode: 'file' }] },
		},
		{ inputItems: ['a', 'b', 'c'].map((text) => binaryItem({ text }, { data: file })) },
	);
	expect(result.status).toBe('success');
	const sends = apiRequests(sandbox);
	expect(sends.map((request) => (request.body as { text: string }).text)).toEqual(['a', 'b', 'c']);
	for (const [index, request] of sends.slice(1).entries()) {
		expect(request.receivedAt).toBeGreaterThanOrEqual(sends[index].respondedAt ?? Infinity);
	}
});

it('with pacing on, sends one at a time: none starts before the previous one was answered', async () => {
	const result = await runUnipile(sandbox, send({ minDelay: 0, maxDelay: 0 }), {
		inputItems: texts('a', 'b', 'c'),
	});
	expect(result.status).toBe('success');
	expect(gaps()).toHaveLength(2);
	for (const gap of gaps()) expect(gap).toBeGreaterThanOrEqual(0);
});
