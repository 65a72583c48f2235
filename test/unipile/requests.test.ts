/**
 * One row per operation: its parameters and the exact requests it sends on API v2 and v1, through
 * n8n-core's engine against the strict sandboxes, or the error it fails with before any request
 * (CONTRIBUTING.md, "Add an operation").
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { rl } from '../../tools/n8n/workflows';
import { partsOf } from '../../tools/sandbox/multipart';
import type { RecordedRequest } from '../../tools/sandbox/server';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import type { UnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import { startUnipileV1Sandbox, UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';
import { jsonOf, NO_PACING } from '../engine';
import { runUnipile, runUnipileV1 } from './helpers';

const V2 = UNIPILE_SANDBOX;
const V1 = UNIPILE_V1_SANDBOX;
const ACC = V2.accountId;

/** A request as the sandbox received it: "METHOD path", its query, and its JSON or multipart body. */
interface Sent {
	line: string;
	query?: IDataObject;
	json?: unknown;
	parts?: Array<[string, string]>;
}

interface Case {
	parameters: INodeParameters;
	inputItems?: INodeExecutionData[];
	/** Every API request, in order; none when the run fails before any request. */
	requests: Sent[];
	/** The run's error; with no requests, a check before anything was sent. */
	error?: string;
	/** What the first output item holds (a subset). */
	output?: IDataObject;
}

interface Row {
	name: string;
	v2: Case;
	v1: Case;
}

const sales = V2.salesNavigatorChatIds;
const rows: Row[] = [
	{
		name: 'Chat → Get',
		v2: {
			parameters: { resource: 'chat', operation: 'get', chat: rl(V2.chatIds[0]) },
			requests: [{ line: `GET /v2/${ACC}/chats/${V2.chatIds[0]}`, query: {} }],
			output: { object: 'Chat', id: V2.chatIds[0] },
		},
		v1: {
			parameters: { resource: 'chat', operation: 'get', chat: rl(V1.chatIds[0]) },
			requests: [
				{ line: `GET /api/v1/chats/${V1.chatIds[0]}`, query: { account_id: V1.accountId } },
			],
			output: { object: 'Chat', id: V1.chatIds[0] },
		},
	},
	{
		name: 'Chat → Mark as Read',
		v2: {
			parameters: { resource: 'chat', operation: 'markRead', chat: rl('chat_0003') },
			requests: [{ line: `PATCH /v2/${ACC}/chats/chat_0003`, json: { read_status: true } }],
			output: { object: 'Chat', id: 'chat_0003', unread_count: 0 },
		},
		v1: {
			parameters: { resource: 'chat', operation: 'markRead', chat: rl('chV1demo0003') },
			requests: [
				{
					line: 'PATCH /api/v1/chats/chV1demo0003',
					json: { action: 'setReadStatus', value: true },
				},
			],
			output: { object: 'ChatPatched' },
		},
	},
	{
		name: 'Chat → Get Many, one LinkedIn product',
		v2: {
			parameters: {
				resource: 'chat',
				operation: 'getAll',
				filters: { product: 'sales_navigator' },
				simplify: false,
			},
			requests: [
				{
					line: `GET /v2/${ACC}/inboxes/SALES_NAVIGATOR_PRIMARY/chats`,
					query: { limit: '50' },
				},
			],
			output: { id: sales[0], inbox_id: 'SALES_NAVIGATOR_PRIMARY' },
		},
		v1: {
			parameters: {
				resource: 'chat',
				operation: 'getAll',
				filters: { product: 'sales_navigator' },
			},
			// No folder filter on v1: the node keeps the product's chats of each page.
			requests: [
				{
					line: 'GET /api/v1/chats',
					query: { account_id: V1.accountId, account_type: 'LINKEDIN', limit: '250' },
				},
			],
			output: {
				id: V1.salesNavigatorChatIds[0],
				folder: ['INBOX', 'INBOX_LINKEDIN_SALES_NAVIGATOR'],
			},
		},
	},
	{
		name: 'Message → Get',
		v2: {
			parameters: {
				resource: 'message',
				operation: 'get',
				chat: rl(V2.chatIds[0]),
				message: rl(V2.messageIds[0]),
			},
			requests: [{ line: `GET /v2/${ACC}/chats/${V2.chatIds[0]}/messages/${V2.messageIds[0]}` }],
			output: { object: 'Message', id: V2.messageIds[0], chat_id: V2.chatIds[0] },
		},
		v1: {
			parameters: {
				resource: 'message',
				operation: 'get',
				chat: rl(V1.chatIds[0]),
				message: rl(V1.messageIds[0]),
			},
			requests: [{ line: `GET /api/v1/messages/${V1.messageIds[0]}` }],
			output: { object: 'Message', id: V1.messageIds[0], chat_id: V1.chatIds[0] },
		},
	},
	{
		name: 'Message → React',
		v2: {
			parameters: {
				resource: 'message',
				operation: 'react',
				chat: rl(V2.chatIds[0]),
				message: rl(V2.messageIds[0]),
				reaction: '🔥',
			},
			requests: [
				{
					line: `POST /v2/${ACC}/chats/${V2.chatIds[0]}/messages/${V2.messageIds[0]}/reactions`,
					json: { reaction: '🔥' },
				},
			],
			output: { object: 'MessageReactionAdded' },
		},
		v1: {
			parameters: {
				resource: 'message',
				operation: 'react',
				chat: rl(V1.chatIds[0]),
				message: rl(V1.messageIds[0]),
				reaction: '🔥',
			},
			requests: [],
			error: 'React is not available on Unipile API v1',
		},
	},
	{
		name: 'Attachment → Download',
		v2: {
			parameters: {
				resource: 'attachment',
				operation: 'download',
				chat: rl(V2.attachment.chatId),
				message: rl(V2.attachment.messageId),
				attachment: rl(V2.attachment.attachmentId),
			},
			requests: [
				{ line: `GET /v2/${ACC}/chats/chat_0004/messages/msg_0004_3` },
				{ line: `GET /v2/${ACC}/chats/chat_0004/messages/msg_0004_3/attachments/att_0004_3` },
			],
			output: {
				chat_id: 'chat_0004',
				message_id: 'msg_0004_3',
				attachment_id: 'att_0004_3',
				type: 'file',
				file_name: 'proposal.pdf',
				mime_type: 'application/pdf',
			},
		},
		v1: {
			parameters: {
				resource: 'attachment',
				operation: 'download',
				chat: rl(V1.attachment.chatId),
				message: rl(V1.attachment.messageId),
				attachment: rl(V1.attachment.attachmentId),
			},
			requests: [
				{ line: 'GET /api/v1/messages/msV1demo0004_3' },
				{ line: 'GET /api/v1/messages/msV1demo0004_3/attachments/attV1demo0004' },
			],
			output: { attachment_id: 'attV1demo0004', file_name: 'proposal.pdf' },
		},
	},
	{
		name: 'Chat → Start with InMail, with a subject (none on v2 Classic)',
		v2: {
			parameters: {
				resource: 'chat',
				operation: 'startInMail',
				inbox: rl('CLASSIC_PRIMARY'),
				userId: 'ACoAAStranger01',
				subject: 'Quick question',
				text: 'Hello',
				...NO_PACING,
			},
			requests: [
				{
					line: `POST /v2/${ACC}/inboxes/CLASSIC_PRIMARY/chats/send`,
					json: {
						users_ids: 'ACoAAStranger01',
						text: 'Hello',
						specifics: { linkedin: { classic: { inmail: true } } },
					},
				},
			],
			output: { object: 'ChatStarted' },
		},
		v1: {
			parameters: {
				resource: 'chat',
				operation: 'startInMail',
				inbox: rl('CLASSIC_PRIMARY'),
				userId: 'ACoAAV1Stranger',
				subject: 'Quick question',
				text: 'Hello',
				...NO_PACING,
			},
			requests: [
				{
					line: 'POST /api/v1/chats',
					parts: [
						['account_id', V1.accountId],
						['attendees_ids', 'ACoAAV1Stranger'],
						['text', 'Hello'],
						['linkedin[api]', 'classic'],
						['subject', 'Quick question'],
						['linkedin[inmail]', 'true'],
					],
				},
			],
			output: { object: 'ChatStarted' },
		},
	},
	{
		name: 'Chat → Start with InMail from Sales Navigator: the product subject',
		v2: {
			parameters: {
				resource: 'chat',
				operation: 'startInMail',
				inbox: rl('SALES_NAVIGATOR_PRIMARY'),
				userId: 'ACoAAStranger02',
				subject: 'Your Q3 plans',
				text: 'Hello',
				...NO_PACING,
			},
			requests: [
				{
					line: `POST /v2/${ACC}/inboxes/SALES_NAVIGATOR_PRIMARY/chats/send`,
					json: {
						users_ids: 'ACoAAStranger02',
						text: 'Hello',
						specifics: { linkedin: { sales_navigator: { subject: 'Your Q3 plans' } } },
					},
				},
			],
			output: { object: 'ChatStarted' },
		},
		v1: {
			parameters: {
				resource: 'chat',
				operation: 'startInMail',
				inbox: rl('SALES_NAVIGATOR_PRIMARY'),
				userId: 'ACoAAV1Stranger',
				subject: 'Your Q3 plans',
				text: 'Hello',
				...NO_PACING,
			},
			requests: [
				{
					line: 'POST /api/v1/chats',
					parts: [
						['account_id', V1.accountId],
						['attendees_ids', 'ACoAAV1Stranger'],
						['text', 'Hello'],
						['linkedin[api]', 'sales_navigator'],
						['subject', 'Your Q3 plans'],
					],
				},
			],
			output: { object: 'ChatStarted' },
		},
	},
	{
		name: 'Chat → Start from Sales Navigator without a subject',
		v2: {
			parameters: {
				resource: 'chat',
				operation: 'start',
				inbox: rl('SALES_NAVIGATOR_PRIMARY'),
				userId: 'ACoAAStranger02',
				text: 'Hello',
				...NO_PACING,
			},
			requests: [],
			error:
				'The "Subject" parameter is empty: API v2 needs a subject from Sales Navigator (SALES_NAVIGATOR_PRIMARY)',
		},
		v1: {
			parameters: {
				resource: 'chat',
				operation: 'start',
				inbox: rl('SALES_NAVIGATOR_PRIMARY'),
				userId: 'ACoAAV1Stranger',
				text: 'Hello',
				...NO_PACING,
			},
			requests: [
				{
					line: 'POST /api/v1/chats',
					parts: [
						['account_id', V1.accountId],
						['attendees_ids', 'ACoAAV1Stranger'],
						['text', 'Hello'],
						['linkedin[api]', 'sales_navigator'],
					],
				},
			],
			output: { object: 'ChatStarted' },
		},
	},
	{
		name: 'Chat → Start from Recruiter: subject and signature',
		v2: {
			parameters: {
				resource: 'chat',
				operation: 'start',
				inbox: rl('RECRUITER_PRIMARY'),
				userId: 'ACoAAStranger03',
				subject: 'A role for you',
				text: 'Hello',
				signature: 'Ana, Talent Partner',
				...NO_PACING,
			},
			// The sandbox's Recruiter inbox has messaging disabled: the request is exact, the answer a refusal.
			requests: [
				{
					line: `POST /v2/${ACC}/inboxes/RECRUITER_PRIMARY/chats/send`,
					json: {
						users_ids: 'ACoAAStranger03',
						text: 'Hello',
						specifics: {
							linkedin: {
								recruiter: { subject: 'A role for you', signature: 'Ana, Talent Partner' },
							},
						},
					},
				},
			],
			error:
				'Unipile: Inbox RECRUITER_PRIMARY is disabled: messaging is off for it on this account',
		},
		v1: {
			parameters: {
				resource: 'chat',
				operation: 'start',
				inbox: rl('RECRUITER_PRIMARY'),
				userId: 'ACoAAV1Stranger',
				subject: 'A role for you',
				text: 'Hello',
				signature: 'Ana, Talent Partner',
				...NO_PACING,
			},
			// The v1 sandbox's account has no Recruiter subscription.
			requests: [
				{
					line: 'POST /api/v1/chats',
					parts: [
						['account_id', V1.accountId],
						['attendees_ids', 'ACoAAV1Stranger'],
						['text', 'Hello'],
						['linkedin[api]', 'recruiter'],
						['subject', 'A role for you'],
						['linkedin[signature]', 'Ana, Talent Partner'],
					],
				},
			],
			error: 'Unipile: linkedin[api]: this account has no LinkedIn Recruiter subscription',
		},
	},
	{
		name: 'Chat → Start with InMail from Recruiter without a signature',
		v2: {
			parameters: {
				resource: 'chat',
				operation: 'startInMail',
				inbox: rl('RECRUITER_PRIMARY'),
				userId: 'ACoAAStranger03',
				subject: 'A role for you',
				text: 'Hello',
				...NO_PACING,
			},
			requests: [],
			error:
				'The "Signature" parameter is empty: API v2 needs a signature from Recruiter (RECRUITER_PRIMARY)',
		},
		v1: {
			parameters: {
				resource: 'chat',
				operation: 'startInMail',
				inbox: rl('RECRUITER_PRIMARY'),
				userId: 'ACoAAV1Stranger',
				subject: 'A role for you',
				text: 'Hello',
				...NO_PACING,
			},
			// No linkedin[inmail]: a Recruiter start is an InMail by itself.
			requests: [
				{
					line: 'POST /api/v1/chats',
					parts: [
						['account_id', V1.accountId],
						['attendees_ids', 'ACoAAV1Stranger'],
						['text', 'Hello'],
						['linkedin[api]', 'recruiter'],
						['subject', 'A role for you'],
					],
				},
			],
			error: 'Unipile: linkedin[api]: this account has no LinkedIn Recruiter subscription',
		},
	},
];

/** Errors before any request: the same on both versions, or each version's. */
const badInputs: Array<[string, INodeParameters, string | { v2: string; v1: string }]> = [
	[
		'a non-Primary inbox',
		{
			resource: 'chat',
			operation: 'start',
			inbox: rl('CLASSIC_SECONDARY'),
			userId: 'ACoAAUser0001',
			text: 'Hello',
		},
		'The "Inbox" parameter must be a Primary inbox (…_PRIMARY): only a Primary inbox starts chats',
	],
	[
		'a reaction that is a word',
		{
			resource: 'message',
			operation: 'react',
			chat: rl('c'),
			message: rl('m'),
			reaction: 'like',
		},
		{
			v2: 'The "Reaction" parameter must be one emoji, e.g. 👍',
			v1: 'React is not available on Unipile API v1',
		},
	],
	[
		'no message to read',
		{ resource: 'message', operation: 'get', chat: rl('c'), message: rl('={{ "" }}') },
		'The "Message" parameter is empty',
	],
	[
		'no attachment to download',
		{
			resource: 'attachment',
			operation: 'download',
			chat: rl('c'),
			message: rl('m'),
			attachment: rl('={{ "" }}'),
		},
		'The "Attachment" parameter is empty',
	],
];

function line(request: RecordedRequest) {
	return `${request.method} ${request.path}`;
}

/** The API requests as a row states them (only what the row states of each is compared). */
function asSent(requests: RecordedRequest[], expected: Sent[]): Sent[] {
	return requests.map((request, index) => {
		const want = expected[index] ?? {};
		return {
			line: line(request),
			...('query' in want ? { query: request.query } : {}),
			...('json' in want ? { json: request.body } : {}),
			...('parts' in want ? { parts: partsOf(request) as Array<[string, string]> } : {}),
		};
	});
}

describe.each([
	['v2', (row: Row) => row.v2],
	['v1', (row: Row) => row.v1],
] as const)('on API %s', (version, caseOf) => {
	let v2: UnipileSandbox;
	let v1: UnipileV1Sandbox;
	beforeAll(async () => {
		if (version === 'v2') v2 = await startUnipileSandbox();
		else v1 = await startUnipileV1Sandbox();
	});
	afterAll(async () => await (version === 'v2' ? v2 : v1).close());
	beforeEach(() => (version === 'v2' ? v2 : v1).reset());

	const run = async (parameters: INodeParameters, inputItems?: INodeExecutionData[]) =>
		version === 'v2'
			? await runUnipile(v2, parameters, { inputItems })
			: await runUnipileV1(v1, parameters, { inputItems });
	const sent = () =>
		version === 'v2'
			? v2.requests.filter((request) => request.path.startsWith('/v2/'))
			: v1.requests.filter((request) => request.path.startsWith('/api/v1/'));

	it.each(rows.map((row) => [row.name, caseOf(row)] as const))(
		'%s',
		async (_name, { parameters, inputItems, requests, error, output }) => {
			const result = await run(parameters, inputItems);
			expect(asSent(sent(), requests)).toEqual(requests);
			expect(result.error?.message).toBe(error);
			if (output) expect(jsonOf(result.output('Unipile'))[0]).toMatchObject(output);
		},
	);

	it.each(badInputs)('refuses %s before any request', async (_name, parameters, messages) => {
		const result = await run({ ...parameters, ...NO_PACING });
		expect(sent()).toEqual([]);
		expect(result.error?.message).toBe(typeof messages === 'string' ? messages : messages[version]);
	});
});
