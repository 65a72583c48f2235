import type { IDataObject } from 'n8n-workflow';

import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import { binaryItem, jsonOf, NO_PACING } from '../engine';
import { apiRequests, runConnectSafely } from './helpers';

const PROFILE = CONNECTSAFELY_SANDBOX.profileIds[0];
const CONVERSATION = CONNECTSAFELY_SANDBOX.conversationUrns[0];
const SEND = '/linkedin/conversations/send';

let sandbox: ConnectSafelySandbox;
beforeAll(async () => (sandbox = await startConnectSafelySandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const send = (extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	recipientProfileId: PROFILE,
	message: 'Hello Ana',
	...NO_PACING,
	...extra,
});

it('Send posts the recipient and message with the Bearer key', async () => {
	const result = await runConnectSafely(sandbox, send());
	expect(result.error).toBeUndefined();
	const [request] = apiRequests(sandbox);
	expect(`${request.method} ${request.path}`).toBe(`POST ${SEND}`);
	expect(request.headers.authorization).toBe(`Bearer ${CONNECTSAFELY_SANDBOX.apiKey}`);
	expect(request.body).toMatchObject({ recipientProfileId: PROFILE, message: 'Hello Ana' });
});

it('takes a key pasted with spaces and a line break around it', async () => {
	const result = await runConnectSafely(sandbox, send(), {
		apiKey: ` ${CONNECTSAFELY_SANDBOX.apiKey}\n`,
	});
	expect(result.error).toBeUndefined();
	expect(apiRequests(sandbox)[0].headers.authorization).toBe(
		`Bearer ${CONNECTSAFELY_SANDBOX.apiKey}`,
	);
});

it('Send takes a profile URL and sends its slug', async () => {
	await runConnectSafely(
		sandbox,
		send({ recipientProfileId: `https://www.linkedin.com/in/${PROFILE}/` }),
	);
	expect(apiRequests(sandbox)[0].body).toMatchObject({ recipientProfileId: PROFILE });
});

it('Send uploads each file as a raw body, then attaches it', async () => {
	const png = Buffer.from('89504e47', 'hex');
	const result = await runConnectSafely(
		sandbox,
		send({ attachments: { files: [{ binaryProperty: 'data' }] } }),
		{
			inputItems: [
				binaryItem({}, { data: { data: png, mimeType: 'image/png', fileName: 'logo.png' } }),
			],
		},
	);
	expect(result.error).toBeUndefined();
	const [upload, message] = apiRequests(sandbox);
	expect(upload.path).toBe('/linkedin/conversations/upload-attachment');
	expect(upload.query).toMatchObject({ filename: 'logo.png' });
	expect(upload.headers['content-type']).toBe('image/png');
	expect(upload.rawBody.equals(png)).toBe(true);
	expect(message.body).toMatchObject({
		attachments: [{ file: { mediaType: 'image/png', byteSize: 4, name: 'logo.png' } }],
	});
});

/** An attachment object as Attachment → Upload outputs it, uploaded to the sandbox. */
async function uploadToSandbox(): Promise<IDataObject> {
	const response = await fetch(
		`${sandbox.baseUrl}/linkedin/conversations/upload-attachment?filename=deck.pdf`,
		{
			method: 'POST',
			headers: {
				authorization: `Bearer ${CONNECTSAFELY_SANDBOX.apiKey}`,
				'content-type': 'application/pdf',
			},
			body: Buffer.from('%PDF-1.4'),
			signal: AbortSignal.timeout(5000),
		},
	);
	const { attachment } = (await response.json()) as { attachment: IDataObject };
	return attachment;
}

it('Send takes an uploaded attachment as it is, its fields defaulting to the Upload output', async () => {
	const attachment = await uploadToSandbox();
	const before = apiRequests(sandbox).length;
	const result = await runConnectSafely(sandbox, send({ attachments: { uploaded: [{}] } }), {
		inputItems: [{ json: attachment }],
	});
	expect(result.error).toBeUndefined();
	const requests = apiRequests(sandbox).slice(before);
	expect(requests.map((request) => request.path)).toEqual([SEND]);
	expect(requests[0].body).toMatchObject({ attachments: [{ file: attachment }] });
});

it.each([
	[
		'"Profile URN" picked and no URN',
		send({ recipientBy: 'profileUrn', recipientProfileId: '' }),
		'The "Recipient Profile URN" parameter is empty',
	],
	[
		'no recipient',
		send({ recipientProfileId: '' }),
		'The "Recipient Profile ID or URL" parameter is empty',
	],
	['an empty message', send({ message: '={{ " " }}' }), 'The "Message" parameter is empty'],
	[
		'a missing binary field',
		send({ attachments: { files: [{ binaryProperty: 'nope' }] } }),
		'The item has no binary property "nope" (set in "Attachments")',
	],
	[
		'an uploaded attachment without its Asset URN',
		send({
			attachments: {
				uploaded: [{ assetUrn: '', byteSize: '4', mediaType: 'image/png', name: 'a.png' }],
			},
		}),
		'The "Attachments" parameter is empty (uploaded.0.assetUrn)',
	],
])('refuses %s before any request', async (_name, parameters, message) => {
	const result = await runConnectSafely(sandbox, parameters);
	expect(result.status).toBe('error');
	expect(result.error?.message).toBe(message);
	expect(apiRequests(sandbox)).toHaveLength(0);
});

it('Reply sends into the conversation', async () => {
	const result = await runConnectSafely(sandbox, {
		resource: 'message',
		operation: 'reply',
		conversationUrn: { __rl: true, mode: 'id', value: CONVERSATION },
		message: 'Re: thanks',
		...NO_PACING,
	});
	expect(result.error).toBeUndefined();
	expect(apiRequests(sandbox)[0].body).toMatchObject({
		conversationUrn: CONVERSATION,
		message: 'Re: thanks',
	});
});

it('Conversation Get Many follows nextCursor with Return All', async () => {
	const result = await runConnectSafely(sandbox, {
		resource: 'conversation',
		operation: 'getAll',
		returnAll: true,
	});
	expect(result.error).toBeUndefined();
	expect(apiRequests(sandbox).length).toBeGreaterThan(1);
	expect(jsonOf(result.output('ConnectSafely')).length).toBe(
		CONNECTSAFELY_SANDBOX.conversationCount,
	);
});

it('Get Messages URL-encodes the conversation URN', async () => {
	const result = await runConnectSafely(sandbox, {
		resource: 'conversation',
		operation: 'getMessages',
		conversationUrn: { __rl: true, mode: 'id', value: CONVERSATION },
		returnAll: true,
	});
	expect(result.error).toBeUndefined();
	expect(apiRequests(sandbox)[0].path).toBe(
		`/linkedin/conversations/${encodeURIComponent(CONVERSATION)}/messages`,
	);
	expect(jsonOf(result.output('ConnectSafely')).length).toBeGreaterThan(0);
});

it('fails a 429 with its reset time, sends once, and says the send was refused', async () => {
	sandbox.inject({
		method: 'POST',
		path: SEND,
		fault: {
			kind: 'respond',
			status: 429,
			body: { success: false, error: 'Rate limit exceeded', holdUntil: '2026-12-01T00:00:00Z' },
		},
	});
	const result = await runConnectSafely(sandbox, send());
	expect(result.status).toBe('error');
	expect(result.error?.message).toMatch(/2026-12-01/);
	expect(result.error?.message).not.toMatch(/did not answer/);
	expect(apiRequests(sandbox)).toHaveLength(1);
});

it('never resends after a connection reset', async () => {
	sandbox.inject({ method: 'POST', path: SEND, fault: { kind: 'reset' } });
	const result = await runConnectSafely(sandbox, send());
	expect(result.error?.message).toBe(
		'ConnectSafely did not confirm the message (the connection broke): it may have gone out. 1 message of this run may have gone out (item 0)',
	);
	expect(apiRequests(sandbox)).toHaveLength(1);
	expect(JSON.stringify(result)).not.toContain(CONNECTSAFELY_SANDBOX.apiKey);
});

it('skips a message already sent in the conversation', async () => {
	const parameters = send({
		message: 'Only once',
		sendingOptions: { pacing: false, skipIfSent: true },
	});
	await runConnectSafely(sandbox, parameters);
	const second = await runConnectSafely(sandbox, parameters);
	expect(jsonOf(second.output('ConnectSafely'))[0]).toMatchObject({ skipped: true });
	expect(apiRequests(sandbox).filter((request) => request.path === SEND)).toHaveLength(1);
});

/** The error n8n keeps for the node's run, as the editor's error panel reads it. */
function panelError(result: Awaited<ReturnType<typeof runConnectSafely>>) {
	const error = result.runData.ConnectSafely?.[0]?.error as unknown as {
		message: string;
		description?: string | null;
		httpCode?: string | null;
		messages?: string[];
		context?: { data?: unknown; itemIndex?: number };
	};
	return {
		message: error.message,
		description: error.description,
		// The editor shows "From ConnectSafely" for any of these (docs/n8n-behaviour.md#errors-from-routed-requests).
		fromConnectSafely: Boolean(
			error.httpCode ||
			(error.messages ?? []).some((entry) => entry !== error.message) ||
			error.context?.data,
		),
		itemIndex: error.context?.itemIndex,
	};
}

it('shows a failed check of a send as a check, not as an answer of ConnectSafely', async () => {
	const result = await runConnectSafely(sandbox, send({ message: '={{ " " }}' }));
	expect(apiRequests(sandbox)).toEqual([]);
	expect(panelError(result)).toEqual({
		message: 'The "Message" parameter is empty',
		description: 'Write the message text in "Message".',
		fromConnectSafely: false,
		itemIndex: 0,
	});
});

it('shows a failed check of a read as a check', async () => {
	const result = await runConnectSafely(sandbox, {
		resource: 'relationship',
		operation: 'check',
		profileId: '={{ ".." }}',
	});
	expect(apiRequests(sandbox)).toEqual([]);
	expect(panelError(result)).toEqual({
		message:
			'The "Profile ID or URL" parameter must be a profile ID such as john-doe-123, or a profile URL',
		description:
			'Enter the part after linkedin.com/in/, e.g. john-doe-123, or paste the whole profile URL.',
		fromConnectSafely: false,
		itemIndex: 0,
	});
});
