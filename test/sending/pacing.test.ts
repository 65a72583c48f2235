/**
 * Pacing per account across executions of one n8n process, gaps from the end of one send to the
 * start of the next, invalid settings refused before any request. Gaps are measured on a virtual
 * clock (test/engine/clock.ts): exact, and no real waiting.
 */
jest.mock('n8n-workflow', () =>
	jest
		.requireActual<typeof import('../engine/clock')>('../engine/clock')
		.workflowWithVirtualSleep(),
);
import type { INodeParameters } from 'n8n-workflow';

import { rl } from '../../tools/n8n/workflows';
import { binaryItem } from '../engine';
import { settle, useVirtualClock } from '../engine/clock';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox } from '../../tools/sandbox/unipile';
import { apiRequests, CHAT, runUnipile, SEND_PATH } from '../unipile/helpers';

let sandbox: UnipileSandbox;
beforeAll(async () => (sandbox = await startUnipileSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());
useVirtualClock();

const send = (sendingOptions: INodeParameters, text = '={{ $json.text }}'): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	chat: rl(CHAT),
	text,
	sendingOptions: { skipIfSent: false, ...sendingOptions },
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
		[
			'a negative delay',
			{ minDelay: -1 },
			'The "Pacing Delay From (Seconds)" parameter must be 0 or more',
		],
		[
			'a delay expression that is not a number',
			{ maxDelay: '={{ "soon" }}' },
			'The "Pacing Delay To (Seconds)" parameter must be a number of seconds',
		],
		[
			'a max below the min',
			{ minDelay: 5, maxDelay: 1 },
			'The "Pacing Delay To (Seconds)" parameter (1) is below "Pacing Delay From (Seconds)" (5)',
		],
		[
			'a delay over an hour',
			{ minDelay: 7200, maxDelay: 7200 },
			'The "Pacing Delay From (Seconds)" parameter must be 3600 or less',
		],
	];
	it.each(cases)('%s', async (_name, sendingOptions, message) => {
		const result = await settle(
			runUnipile(sandbox, send(sendingOptions), { inputItems: texts('a', 'b') }),
		);
		expect(result.status).toBe('error');
		// Item 0 is itself invalid: its own error is the node's.
		expect(result.error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

it('spaces the items of one run by the default 10–20 s, in order', async () => {
	const result = await settle(
		runUnipile(sandbox, send({}), { inputItems: texts('one', 'two', 'three') }),
	);
	expect(result.status).toBe('success');
	expect(apiRequests(sandbox).map((request) => (request.body as { text: string }).text)).toEqual([
		'one',
		'two',
		'three',
	]);
	expect(gaps()).toHaveLength(2);
	for (const gap of gaps()) {
		expect(gap).toBeGreaterThanOrEqual(10_000);
		expect(gap).toBeLessThanOrEqual(20_000);
	}
});

it('spaces three executions started at once on one account', async () => {
	const results = await settle(
		Promise.all(
			['first', 'second', 'third'].map(
				async (text) => await runUnipile(sandbox, send({ minDelay: 30, maxDelay: 30 }, text)),
			),
		),
	);
	expect(results.map((result) => result.status)).toEqual(['success', 'success', 'success']);
	expect(apiRequests(sandbox)).toHaveLength(3);
	expect(gaps()).toEqual([30_000, 30_000]);
});

it('counts the gap from the end of a slow send, not from its start', async () => {
	sandbox.inject({ method: 'POST', path: SEND_PATH, fault: { kind: 'delay', ms: 7000 } });
	const result = await settle(
		runUnipile(sandbox, send({ minDelay: 3, maxDelay: 3 }), { inputItems: texts('slow', 'next') }),
	);
	expect(result.status).toBe('success');
	const [slow, next] = apiRequests(sandbox);
	expect((slow.respondedAt ?? 0) - slow.receivedAt).toBe(7000);
	expect(next.receivedAt - (slow.respondedAt ?? 0)).toBe(3000);
});

it('re-checks the gap after waiting: a paced send after an unpaced one of the same account waits its delay', async () => {
	sandbox.inject({ method: 'POST', path: SEND_PATH, fault: { kind: 'delay', ms: 5000 } });
	// The unpaced send goes at once and is slow; the paced one, started right after, must wait for
	// its end and then its whole delay.
	const [unpaced, paced] = await settle(
		Promise.all([
			runUnipile(sandbox, send({ pacing: false }, 'unpaced')),
			runUnipile(sandbox, send({ minDelay: 2, maxDelay: 2 }, 'paced')),
		]),
	);
	expect([unpaced.status, paced.status]).toEqual(['success', 'success']);
	const sends = apiRequests(sandbox);
	expect(sends.map((request) => (request.body as { text: string }).text)).toEqual([
		'unpaced',
		'paced',
	]);
	expect(gaps()).toEqual([2000]);
});

it('with pacing off, sends every item at once: all are in flight before the first is answered', async () => {
	sandbox.inject({
		method: 'POST',
		path: SEND_PATH,
		times: 4,
		fault: { kind: 'gather', count: 4 },
	});
	const result = await settle(
		runUnipile(sandbox, send({ pacing: false }), { inputItems: texts('a', 'b', 'c', 'd') }),
	);
	expect(result.status).toBe('success');
	// The sandbox answers none until all four wait: sent one after another, they would get 503.
	expect(result.output('Unipile').map((item) => item.json.object)).toEqual([
		'MessageSent',
		'MessageSent',
		'MessageSent',
		'MessageSent',
	]);
});

it('with pacing off, sends that carry files go one at a time per account (each holds its files)', async () => {
	sandbox.inject({ method: 'POST', path: SEND_PATH, times: 3, fault: { kind: 'delay', ms: 300 } });
	const file = {
		data: Buffer.from('%PDF-1.4 tiny'),
		mimeType: 'application/pdf',
		fileName: 'a.pdf',
	};
	const result = await settle(
		runUnipile(
			sandbox,
			{
				...send({ pacing: false }),
				attachments: { files: [{ binaryProperty: 'data', sendMode: 'file' }] },
			},
			{ inputItems: ['a', 'b', 'c'].map((text) => binaryItem({ text }, { data: file })) },
		),
	);
	expect(result.status).toBe('success');
	const sends = apiRequests(sandbox);
	expect(sends.map((request) => (request.body as { text: string }).text)).toEqual(['a', 'b', 'c']);
	expect(gaps()).toEqual([0, 0]);
});
