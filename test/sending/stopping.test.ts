/**
 * Sends that have not left when the execution ends never leave; n8n's Retry On Fail never sends an
 * item twice; retries after a refusal are bounded.
 */
import type { INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { rl } from '../../tools/n8n/workflows';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox } from '../../tools/sandbox/unipile';
import { ACCOUNT, apiRequests, CHAT, runUnipile, SEND_PATH } from '../unipile/helpers';
import { settle } from './helpers';

let sandbox: UnipileSandbox;
beforeAll(async () => (sandbox = await startUnipileSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const send = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	chat: rl('={{ $json.chat }}'),
	text: '={{ $json.text }}',
	sendingOptions: { pacing: false },
	...overrides,
});
const item = (text: string, chat = CHAT) => ({ json: { text, chat } });
const rateLimited = (retryAfter: string) => ({
	method: 'POST',
	path: SEND_PATH,
	times: 10,
	fault: {
		kind: 'respond' as const,
		status: 429,
		headers: { 'retry-after': retryAfter },
		body: {
			object: 'Error',
			type: 'api/too_many_requests',
			status: 429,
			title: 'Too many requests',
		},
	},
});

/** Resolves once the sandbox has received `count` API requests (bounded: 10 s). */
async function requestsReceived(count: number) {
	for (let waited = 0; waited < 10_000; waited += 20) {
		if (apiRequests(sandbox).length >= count) return;
		await sleep(20);
	}
	throw new Error(`the sandbox did not receive ${count} requests within 10 s`);
}

describe('when the execution is stopped', () => {
	it('sends no queued item after the stop', async () => {
		const result = await runUnipile(
			sandbox,
			send({ sendingOptions: { minDelay: 1, maxDelay: 1 } }),
			{
				inputItems: [item('one'), item('two'), item('three')],
				cancelWhen: requestsReceived(1),
			},
		);
		expect(result.status).toBe('error');
		await settle(2500);
		expect(apiRequests(sandbox).map((request) => (request.body as { text: string }).text)).toEqual([
			'one',
		]);
	});
});

describe("n8n's Retry On Fail", () => {
	const retry = { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 };

	it('does not send an item again that the first try sent; retries the refused one', async () => {
		const result = await runUnipile(sandbox, send(), {
			inputItems: [item('sent once'), item('refused', 'no-such-chat')],
			settings: retry,
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Unipile: Chat no-such-chat not found');
		expect(
			apiRequests(sandbox).map(
				(request) => `${request.path} ${(request.body as { text: string }).text}`,
			),
		).toEqual([
			`${SEND_PATH} sent once`,
			`/v2/${ACCOUNT}/chats/no-such-chat/messages/send refused`,
			`/v2/${ACCOUNT}/chats/no-such-chat/messages/send refused`,
		]);
	});

	it('does not send again when the outcome of the first try is unknown', async () => {
		sandbox.inject({ method: 'POST', path: SEND_PATH, fault: { kind: 'reset' } });
		const result = await runUnipile(sandbox, send(), {
			inputItems: [item('maybe sent')],
			settings: retry,
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Unipile did not answer the send \(/);
		expect(result.error?.description).toMatch(/so it was not sent again/);
		expect(apiRequests(sandbox)).toHaveLength(1);
	});
});

describe('a send the API refused with retry-after', () => {
	it('is tried 3 times at most, at least 1 s apart, even when retry-after says 0', async () => {
		sandbox.inject(rateLimited('0'));
		const result = await runUnipile(sandbox, send(), { inputItems: [item('limited')] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Unipile rate limit reached \(api\/too_many_requests\)/);
		const attempts = apiRequests(sandbox);
		expect(attempts).toHaveLength(3);
		for (let i = 1; i < attempts.length; i++) {
			expect(attempts[i].receivedAt - (attempts[i - 1].respondedAt ?? 0)).toBeGreaterThanOrEqual(
				990,
			);
		}
	});

	it('is tried 3 times at most when retry-after keeps asking for 1 s', async () => {
		sandbox.inject(rateLimited('1'));
		const result = await runUnipile(sandbox, send(), { inputItems: [item('limited')] });
		expect(result.status).toBe('error');
		expect(apiRequests(sandbox)).toHaveLength(3);
	});

	it('waits no longer in total than "Max Rate Limit Wait"', async () => {
		sandbox.inject(rateLimited('1'));
		const result = await runUnipile(
			sandbox,
			send({ sendingOptions: { pacing: false, maxRateLimitWait: 1.5 } }),
			{ inputItems: [item('limited')] },
		);
		expect(result.status).toBe('error');
		expect(apiRequests(sandbox)).toHaveLength(2);
	});

	it('is sent once the limit passes', async () => {
		sandbox.inject({ ...rateLimited('1'), times: 1 });
		const result = await runUnipile(sandbox, send(), { inputItems: [item('later')] });
		expect(result.status).toBe('success');
		expect(apiRequests(sandbox)).toHaveLength(2);
		expect(result.output('Unipile')[0].json.object).toBe('MessageSent');
	});
});
