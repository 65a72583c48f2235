import FormData from 'form-data';

import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';

let sandbox: ConnectSafelySandbox;
beforeAll(async () => (sandbox = await startConnectSafelySandbox()));
afterAll(async () => await sandbox.close());

const auth = { authorization: `Bearer ${CONNECTSAFELY_SANDBOX.apiKey}` };
const uploadUrl = () => `${sandbox.url}/linkedin/conversations/upload-attachment?filename=logo.png`;

it('rejects a multipart upload, as the API wants the raw file', async () => {
	const form = new FormData();
	form.append('file', Buffer.from('png bytes'), { filename: 'logo.png', contentType: 'image/png' });
	const response = await fetch(uploadUrl(), {
		method: 'POST',
		headers: { ...auth, ...form.getHeaders() },
		body: form.getBuffer(),
	});
	expect(response.status).toBe(400);
	expect(await response.json()).toMatchObject({ success: false, code: 'validation_error' });
});

it('accepts the raw file with its MIME type', async () => {
	const response = await fetch(uploadUrl(), {
		method: 'POST',
		headers: { ...auth, 'content-type': 'image/png' },
		body: Buffer.from('png bytes'),
	});
	expect(response.status).toBe(200);
	expect(await response.json()).toMatchObject({
		success: true,
		attachment: { name: 'logo.png', mediaType: 'image/png', byteSize: 9 },
	});
});

it('refuses a wrong key', async () => {
	const response = await fetch(`${sandbox.url}/linkedin/accounts`, {
		headers: { authorization: 'Bearer nope' },
	});
	expect(response.status).toBe(401);
});
