import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';

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
