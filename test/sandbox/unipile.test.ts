import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import { reply, startSandboxServer } from '../../tools/sandbox/server';

let sandbox: UnipileSandbox;
beforeAll(async () => (sandbox = await startUnipileSandbox()));
afterAll(async () => await sandbox.close());

const start = (body: unknown) =>
	fetch(`${sandbox.baseUrl}/${UNIPILE_SANDBOX.accountId}/inboxes/CLASSIC_PRIMARY/chats/send`, {
		method: 'POST',
		headers: { 'x-api-key': UNIPILE_SANDBOX.apiKey, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});

it.each([
	['attendees_ids', { attendees_ids: ['u'], text: 'x' }],
	['options', { users_ids: 'u', text: 'x', options: { linkedin: { classic: { inmail: true } } } }],
])('rejects the off-spec key %s, naming it', async (key, body) => {
	const response = await start(body);
	expect(response.status).toBe(400);
	expect(((await response.json()) as { detail: string }).detail).toContain(key);
});

it('rejects calls without the API key', async () => {
	const response = await fetch(`${sandbox.baseUrl}/accounts/`);
	expect(response.status).toBe(400);
});

describe('webhook events', () => {
	it('delivers New Relation and Account Status as signed envelopes to the endpoints that asked for them', async () => {
		sandbox.reset();
		const received: Array<{ type: string; payload: unknown; signed: boolean }> = [];
		const receiver = await startSandboxServer({
			onReset: () => {},
			handle: (request) => {
				const body = request.body as { type: string; payload: unknown };
				received.push({
					type: body.type,
					payload: body.payload,
					signed: /^t=\d+,v0=[0-9a-f]{64}$/.test(String(request.headers['unipile-signature'])),
				});
				return reply(200, {});
			},
		});
		try {
			const created = await fetch(`${sandbox.baseUrl}/webhooks/endpoints/`, {
				method: 'POST',
				headers: { 'x-api-key': UNIPILE_SANDBOX.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({
					url: `${receiver.url}/hook`,
					trigger_events: ['relation.request.accept', 'account.status.errored'],
				}),
			});
			expect(created.status).toBe(200);
			const one = [{ url: `${receiver.url}/hook`, status: 200 }];
			expect(await sandbox.emitNewRelation(UNIPILE_SANDBOX.userIds[2])).toEqual(one);
			expect(await sandbox.emitAccountStatus('errored')).toEqual(one);
			expect(await sandbox.emitAccountStatus('running')).toEqual([]);
			expect(received).toEqual([
				{
					type: 'relation.request.accept',
					payload: {
						user_provider_id: UNIPILE_SANDBOX.userIds[2],
						user_full_name: 'Contact 0003',
						user_public_identifier: 'contact-0003',
						user_profile_url: 'https://www.linkedin.com/in/contact-0003/',
					},
					signed: true,
				},
				{
					type: 'account.status.errored',
					payload: { timestamp: expect.any(String), reason: 'provider' },
					signed: true,
				},
			]);
		} finally {
			await receiver.close();
		}
	});
});
