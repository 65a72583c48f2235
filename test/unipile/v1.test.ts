/**
 * Every operation on Unipile API v1 (DSN), through n8n-core's engine against the strict v1
 * sandbox: the exact multipart requests, reads, and what v1 cannot do.
 */
import type { INodeParameters } from 'n8n-workflow';

import { normalizeDsn } from '../../credentials/UnipileApi.credentials';
import { rl } from '../../tools/n8n/workflows';
import type { MultipartPart } from '../../tools/sandbox/multipart';
import { parseMultipart } from '../../tools/sandbox/multipart';
import type { UnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import { startUnipileV1Sandbox, UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';
import { binaryItem, NO_PACING } from '../engine';
import { runUnipileV1 } from './helpers';

const ACCOUNT = UNIPILE_V1_SANDBOX.accountId;
const USER = UNIPILE_V1_SANDBOX.userIds[0];
const CHAT = UNIPILE_V1_SANDBOX.chatIds[0];
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 7)]);

let sandbox: UnipileV1Sandbox;
beforeAll(async () => (sandbox = await startUnipileV1Sandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const apiRequests = () => sandbox.requests.filter((request) => request.path.startsWith('/api/v1/'));

/** The parts of the one request the sandbox received, as [name, value or file description]. */
function partsOf(request = apiRequests()[0]) {
	const parsed = parseMultipart(request.rawBody, String(request.headers['content-type']));
	if ('error' in parsed) throw new Error(parsed.error);
	return parsed.parts.map((part: MultipartPart) =>
		part.file
			? [
					part.name,
					{ filename: part.file.filename, type: part.file.contentType, bytes: part.file.data },
				]
			: [part.name, part.value],
	);
}

const withFile = (property = 'data') => [
	binaryItem({}, { [property]: { data: PDF, mimeType: 'application/pdf', fileName: 'deck.pdf' } }),
];
const start = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'chat',
	operation,
	inbox: rl('CLASSIC_PRIMARY'),
	userId: USER,
	text: 'Hello from v1',
	...NO_PACING,
	...parameters,
});

describe('sends: one multipart request, as v1 documents it', () => {
	it('Chat → Start: POST /api/v1/chats, the file as a part with its bytes unchanged', async () => {
		const result = await runUnipileV1(
			sandbox,
			start('start', { attachments: { files: [{ binaryProperty: 'data' }] } }),
			{ inputItems: withFile() },
		);
		expect(result.error).toBeUndefined();
		const [request] = apiRequests();
		expect(`${request.method} ${request.path}`).toBe('POST /api/v1/chats');
		expect(request.headers['x-api-key']).toBe(UNIPILE_V1_SANDBOX.apiKey);
		expect(String(request.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		expect(partsOf()).toEqual([
			['account_id', ACCOUNT],
			['attendees_ids', USER],
			['text', 'Hello from v1'],
			['linkedin[api]', 'classic'],
			['attachments', { filename: 'deck.pdf', type: 'application/pdf', bytes: PDF }],
		]);
		expect(result.output('Unipile')[0].json).toMatchObject({
			object: 'ChatStarted',
			chat_id: CHAT,
			message_id: expect.any(String),
		});
	});

	it('Chat → Start Group: one attendees_ids part per member, the name as subject', async () => {
		const members = UNIPILE_V1_SANDBOX.userIds.slice(1, 3);
		const result = await runUnipileV1(
			sandbox,
			start('startGroup', { userIds: members.join(', '), groupName: 'Q3 partners' }),
		);
		expect(result.error).toBeUndefined();
		expect(partsOf()).toEqual([
			['account_id', ACCOUNT],
			['attendees_ids', members[0]],
			['attendees_ids', members[1]],
			['subject', 'Q3 partners'],
			['text', 'Hello from v1'],
			['linkedin[api]', 'classic'],
		]);
	});

	it('Chat → Start with InMail: linkedin[inmail]=true', async () => {
		const result = await runUnipileV1(sandbox, start('startInMail', { userId: 'ACoAAV1Stranger' }));
		expect(result.error).toBeUndefined();
		expect(partsOf()).toEqual([
			['account_id', ACCOUNT],
			['attendees_ids', 'ACoAAV1Stranger'],
			['text', 'Hello from v1'],
			['linkedin[api]', 'classic'],
			['linkedin[inmail]', 'true'],
		]);
	});

	it('Chat → Message Applicant: linkedin[applicant_id], no messaging token', async () => {
		const result = await runUnipileV1(
			sandbox,
			start('messageApplicant', {
				userId: 'ACoAAV1Applicant',
				applicantId: 'app_7',
				messagingToken: '',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(partsOf()).toEqual([
			['account_id', ACCOUNT],
			['attendees_ids', 'ACoAAV1Applicant'],
			['text', 'Hello from v1'],
			['linkedin[api]', 'classic'],
			['linkedin[applicant_id]', 'app_7'],
		]);
	});

	it('Chat → Message Organization: the topic in lower case as linkedin[topic]', async () => {
		const result = await runUnipileV1(
			sandbox,
			start('messageOrganization', { userId: '1035', companyTopic: 'REQUEST_A_DEMO' }),
		);
		expect(result.error).toBeUndefined();
		expect(partsOf()).toEqual([
			['account_id', ACCOUNT],
			['attendees_ids', '1035'],
			['text', 'Hello from v1'],
			['linkedin[api]', 'classic'],
			['linkedin[topic]', 'request_demo'],
		]);
	});

	it('the Sales Navigator inbox starts with linkedin[api]=sales_navigator', async () => {
		const result = await runUnipileV1(
			sandbox,
			start('start', { inbox: rl('SALES_NAVIGATOR_PRIMARY') }),
		);
		expect(result.error).toBeUndefined();
		expect(partsOf()).toContainEqual(['linkedin[api]', 'sales_navigator']);
	});

	it('Message → Send: POST /api/v1/chats/{chat_id}/messages with account_id as a guard', async () => {
		const result = await runUnipileV1(
			sandbox,
			{
				resource: 'message',
				operation: 'send',
				chat: rl(CHAT),
				text: 'See the deck',
				attachments: { files: [{ binaryProperty: 'data' }] },
				...NO_PACING,
			},
			{ inputItems: withFile() },
		);
		expect(result.error).toBeUndefined();
		const [request] = apiRequests();
		expect(`${request.method} ${request.path}`).toBe(`POST /api/v1/chats/${CHAT}/messages`);
		expect(partsOf()).toEqual([
			['account_id', ACCOUNT],
			['text', 'See the deck'],
			['attachments', { filename: 'deck.pdf', type: 'application/pdf', bytes: PDF }],
		]);
		expect(result.output('Unipile')[0].json).toMatchObject({
			object: 'MessageSent',
			message_id: expect.any(String),
			message_ids: [expect.any(String)],
		});
	});

	it('Message → Reply: quote_id', async () => {
		const quoted = UNIPILE_V1_SANDBOX.messageIds[0];
		const result = await runUnipileV1(sandbox, {
			resource: 'message',
			operation: 'reply',
			chat: rl(CHAT),
			messageId: quoted,
			text: 'Re: that',
			...NO_PACING,
		});
		expect(result.error).toBeUndefined();
		expect(partsOf()).toEqual([
			['account_id', ACCOUNT],
			['text', 'Re: that'],
			['quote_id', quoted],
		]);
	});

	it("refuses files over v1's 15 MB before any request", async () => {
		const big = Buffer.alloc(16 * 1024 * 1024, 1);
		const result = await runUnipileV1(
			sandbox,
			start('start', { attachments: { files: [{ binaryProperty: 'data' }] } }),
			{
				inputItems: [
					binaryItem({}, { data: { data: big, mimeType: 'application/pdf', fileName: 'big.pdf' } }),
				],
			},
		);
		expect(result.error?.message).toBe(
			'The attachments are 16.0 MB together, over the 15.0 MB limit',
		);
		expect(apiRequests()).toHaveLength(0);
	});
});

describe('reads', () => {
	it('Chat → Get Many pages with cursor through items', async () => {
		const result = await runUnipileV1(sandbox, {
			resource: 'chat',
			operation: 'getAll',
			returnAll: true,
			filters: { isUnread: true },
		});
		expect(result.error).toBeUndefined();
		const requests = apiRequests();
		expect(requests[0].path).toBe('/api/v1/chats');
		expect(requests[0].query).toEqual({
			account_id: ACCOUNT,
			account_type: 'LINKEDIN',
			unread: 'true',
			limit: '100',
		});
		expect(result.output('Unipile')).toHaveLength(10);
	});

	it('Message → Get Many lists a chat with sender_id', async () => {
		const result = await runUnipileV1(sandbox, {
			resource: 'message',
			operation: 'getAll',
			chat: rl(CHAT),
			limit: 2,
			filters: { senderId: USER },
		});
		expect(result.error).toBeUndefined();
		const [request] = apiRequests();
		expect(`${request.path}`).toBe(`/api/v1/chats/${CHAT}/messages`);
		expect(request.query).toEqual({ sender_id: USER, limit: '2' });
		expect(result.output('Unipile').map((item) => item.json.sender_id)).toEqual([USER, USER]);
	});

	it('Inbox → Get InMail Credits reads the v1 balance', async () => {
		const result = await runUnipileV1(sandbox, {
			resource: 'inbox',
			operation: 'getInMailCredits',
		});
		expect(result.error).toBeUndefined();
		const [request] = apiRequests();
		expect(`${request.path}?account_id=${String(request.query.account_id)}`).toBe(
			`/api/v1/linkedin/inmail_balance?account_id=${ACCOUNT}`,
		);
		expect(result.output('Unipile')[0].json).toMatchObject({ object: 'LinkedinInmailBalance' });
	});
});

describe('what v1 lacks fails before any request, saying what to do', () => {
	const cases: Array<[string, INodeParameters, string]> = [
		[
			'typing indicator',
			{ resource: 'inbox', operation: 'setTyping', chat: rl(CHAT) },
			'Set Typing is not available on Unipile API v1',
		],
		[
			'inboxes',
			{ resource: 'inbox', operation: 'getAll' },
			'Inbox → Get Many is not available on Unipile API v1',
		],
		[
			'forward',
			{
				resource: 'message',
				operation: 'forward',
				chat: rl(CHAT),
				messageId: UNIPILE_V1_SANDBOX.messageIds[0],
				destinationChat: rl(UNIPILE_V1_SANDBOX.chatIds[1]),
				...NO_PACING,
			},
			'Forward is not available on Unipile API v1',
		],
		[
			'typing before a send',
			{
				resource: 'message',
				operation: 'send',
				chat: rl(CHAT),
				text: 'x',
				sendingOptions: { pacing: false, typingFirst: true },
			},
			'"Show Typing First" is not available on Unipile API v1',
		],
		[
			'chat type filter',
			{ resource: 'chat', operation: 'getAll', filters: { type: 'group' } },
			'The "Type" and "Archived Only" filters is not available on Unipile API v1',
		],
	];
	it.each(cases)('%s', async (_name, parameters, message) => {
		const result = await runUnipileV1(sandbox, parameters);
		expect(result.error?.message).toBe(message);
		expect(apiRequests()).toHaveLength(0);
	});

	it('a missing DSN names the credential field', async () => {
		const result = await runUnipileV1(sandbox, start('start'), { dsn: ' ' });
		expect(result.error?.message).toBe(
			'The Unipile credential is not usable: The DSN is empty: copy it from dashboard.unipile.com',
		);
		expect(apiRequests()).toHaveLength(0);
	});
});

describe('the DSN as users paste it', () => {
	it.each([
		['api8.unipile.com:13851', 'https://api8.unipile.com:13851/api/v1', undefined],
		['https://api8.unipile.com:13851/', 'https://api8.unipile.com:13851/api/v1', undefined],
		['https://api8.unipile.com:13851/api/v1/', 'https://api8.unipile.com:13851/api/v1', undefined],
		['  api8.unipile.com:13851/api/v1  ', 'https://api8.unipile.com:13851/api/v1', undefined],
		[
			'https://api8.unipile.com/api/v1/accounts?port=13851',
			'https://api8.unipile.com/api/v1',
			'13851',
		],
		['https://api8.unipile.com?port=13851', 'https://api8.unipile.com/api/v1', '13851'],
		['http://127.0.0.1:4000', 'http://127.0.0.1:4000/api/v1', undefined],
	])('%s', (dsn, baseUrl, portQuery) => {
		expect(normalizeDsn(dsn)).toEqual({ baseUrl, portQuery });
	});

	it('goes through ?port= as a query parameter on every request', async () => {
		const dsn = `http://127.0.0.1:${sandbox.port}?port=${sandbox.port}`;
		const result = await runUnipileV1(
			sandbox,
			{ resource: 'inbox', operation: 'getInMailCredits' },
			{ dsn },
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests()[0].query).toEqual({ account_id: ACCOUNT, port: String(sandbox.port) });
	});
});
