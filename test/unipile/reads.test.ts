/** Get Many pages are bounded; Unipile errors never show the key. */
import { rl } from '../../tools/n8n/workflows';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import type { SandboxServer } from '../../tools/sandbox/server';
import { reply, startSandboxServer } from '../../tools/sandbox/server';
import { ACCOUNT, apiRequests, runUnipile } from './helpers';

const CHATS = `/v2/${ACCOUNT}/chats`;

let sandbox: UnipileSandbox;
beforeAll(async () => (sandbox = await startUnipileSandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const emptyPage = (cursor: string) => ({
	method: 'GET',
	path: CHATS,
	fault: { kind: 'respond' as const, status: 200, body: { data: [], next_cursor: cursor } },
});

describe('Get Many paging', () => {
	it('stops at an empty page even when it carries a new cursor', async () => {
		for (const cursor of ['c1', 'c2', 'c3']) sandbox.inject(emptyPage(cursor));
		const result = await runUnipile(sandbox, {
			resource: 'chat',
			operation: 'getAll',
			returnAll: true,
		});
		expect(result.status).toBe('success');
		expect(result.output('Unipile')).toHaveLength(0);
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('stops at the limit, asking only for what is missing', async () => {
		const result = await runUnipile(sandbox, { resource: 'chat', operation: 'getAll', limit: 3 });
		expect(result.output('Unipile').map((item) => item.json.id)).toEqual([
			'chat_0001',
			'chat_0002',
			'chat_0003',
		]);
		const requests = apiRequests(sandbox);
		expect(
			requests.map((request) => `${request.path}?limit=${String(request.query.limit)}`),
		).toEqual([`${CHATS}?limit=3`]);
	});

	it('follows next_cursor until the last page with Return All', async () => {
		const result = await runUnipile(sandbox, {
			resource: 'message',
			operation: 'getAll',
			chat: rl(UNIPILE_SANDBOX.chatIds[0]),
			returnAll: true,
			simplify: false,
		});
		expect(result.output('Unipile')).toHaveLength(3);
		const chats = await runUnipile(sandbox, {
			resource: 'chat',
			operation: 'getAll',
			returnAll: true,
		});
		expect(chats.output('Unipile')).toHaveLength(UNIPILE_SANDBOX.chatCount);
	});

	describe('against a list that never ends', () => {
		let endless: SandboxServer;
		beforeAll(async () => {
			endless = await startSandboxServer({
				onReset: () => {},
				handle: (request) => {
					const page = Number(request.query.cursor ?? 0) + 1;
					return reply(200, { data: [{ id: `chat_${page}` }], next_cursor: String(page) });
				},
			});
		});
		afterAll(async () => await endless.close());

		it('stops Return All with a clear error after 500 pages', async () => {
			const result = await runUnipile(
				{ ...sandbox, baseUrl: `${endless.url}/v2` } as UnipileSandbox,
				{ resource: 'chat', operation: 'getAll', returnAll: true },
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('Return All stopped after 500 pages (500 chats)');
			expect(result.error?.description).toBe(
				'Narrow the list with "Filters", or turn off "Return All" and set a "Limit".',
			);
			expect(endless.requests).toHaveLength(500);
		});
	});
});

it('redacts the API key from a Unipile error that echoes it', async () => {
	sandbox.inject({
		method: 'GET',
		path: CHATS,
		fault: {
			kind: 'respond',
			status: 401,
			body: {
				object: 'Error',
				type: 'api/invalid_credentials',
				status: 401,
				title: 'Unauthorized',
				detail: `API key ${UNIPILE_SANDBOX.apiKey} is not valid`,
			},
		},
	});
	const result = await runUnipile(sandbox, { resource: 'chat', operation: 'getAll', limit: 1 });
	expect(result.status).toBe('error');
	expect(result.error?.message).toBe('Unipile: API key *** is not valid');
	expect(JSON.stringify(result)).not.toContain(UNIPILE_SANDBOX.apiKey);
});
