/**
 * Our nodes inside a real n8n 2.41.1 (installed as a community package) against the sandbox APIs
 * on 127.0.0.1: headless workflow runs, then the trigger's whole lifecycle on `n8n start`.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { N8nInstall, N8nServer } from '../../tools/n8n';
import {
	createUserFolder,
	ensureN8nInstalled,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installPackage,
	linearWorkflow,
	manualTrigger,
	node,
	outputOf,
	photoNodes,
	PNG,
	readReceiptsWorkflow,
	repoRoot,
	rl,
	sleep,
	startN8n,
	waitFor,
	webhookTrigger,
} from '../../tools/n8n';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import { connectSafelyApi, unipileApi } from '../../tools/sandbox/credentials';
import type { RecordedRequest } from '../../tools/sandbox/server';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';

const UNIPILE = 'n8n-nodes-linkedin-messaging.unipile';
const CONNECTSAFELY = 'n8n-nodes-linkedin-messaging.connectSafely';
const TRIGGER = 'n8n-nodes-linkedin-messaging.unipileTrigger';
const unipileCredential = { unipileApi: { id: 'e2eUnipile0000001', name: 'Unipile sandbox' } };
const connectSafelyCredential = {
	connectSafelyApi: { id: 'e2eConnectSafely1', name: 'ConnectSafely sandbox' },
};
const ACCOUNT = rl(UNIPILE_SANDBOX.accountId);
const CS_ACCOUNT = rl(CONNECTSAFELY_SANDBOX.accountId);
const NO_PACING = { pacing: false };
const TRIGGER_WEBHOOK_ID = '5b9c1f0e-7a1d-4c55-9d3e-00000000e2e1';

const unipile = (name: string, parameters: IDataObject, extra: Partial<INode> = {}) =>
	node(
		name,
		UNIPILE,
		{ account: ACCOUNT, ...parameters },
		{ credentials: unipileCredential, ...extra },
	);
const connectSafely = (name: string, parameters: IDataObject, extra: Partial<INode> = {}) =>
	node(
		name,
		CONNECTSAFELY,
		{ account: CS_ACCOUNT, ...parameters },
		{ credentials: connectSafelyCredential, ...extra },
	);
const code = (name: string, jsCode: string) =>
	node(name, 'n8n-nodes-base.code', { jsCode }, { typeVersion: 2 });
const once = { executeOnce: true };

/** Issue #2's acceptance workflow. */
const outreach = linearWorkflow(
	'E2E Unipile: InMail with image, send, forward',
	[
		manualTrigger(),
		// Start with InMail streams the file from n8n's binary store.
		...photoNodes(),
		unipile('Start with InMail', {
			resource: 'chat',
			operation: 'startInMail',
			inbox: rl('CLASSIC_PRIMARY'),
			userId: UNIPILE_SANDBOX.userIds[3],
			text: 'Hello from n8n',
			attachments: { files: [{ binaryProperty: 'photo', sendMode: 'native' }] },
			sendingOptions: NO_PACING,
		}),
		unipile('Send', {
			resource: 'message',
			operation: 'send',
			chat: rl('={{ $json.chat_id }}'),
			text: 'A follow-up',
			sendingOptions: NO_PACING,
		}),
		unipile('Forward', {
			resource: 'message',
			operation: 'forward',
			chat: rl("={{ $('Start with InMail').item.json.chat_id }}"),
			messageId: '={{ $json.message_id }}',
			destinationChat: rl(UNIPILE_SANDBOX.chatIds[1]),
			text: 'FYI',
			sendingOptions: NO_PACING,
		}),
	],
	'e2eUnipileOutreach1',
);

/** Every other Unipile operation once. */
const chat = rl(UNIPILE_SANDBOX.chatIds[2]);
const everyUnipileOperation = linearWorkflow(
	'E2E Unipile: every operation',
	[
		manualTrigger(),
		unipile(
			'Start',
			{
				resource: 'chat',
				operation: 'start',
				inbox: rl('CLASSIC_PRIMARY'),
				userId: 'ACoAAE2eNew1',
				text: 'Hi',
				sendingOptions: NO_PACING,
			},
			once,
		),
		unipile(
			'Start Group',
			{
				resource: 'chat',
				operation: 'startGroup',
				inbox: rl('CLASSIC_PRIMARY'),
				userIds: 'ACoAAE2eA, ACoAAE2eB',
				groupName: 'E2E',
				text: 'Hi all',
				sendingOptions: NO_PACING,
			},
			once,
		),
		unipile(
			'Message Applicant',
			{
				resource: 'chat',
				operation: 'messageApplicant',
				inbox: rl('CLASSIC_PRIMARY'),
				userId: 'ACoAAE2eApplicant',
				applicantId: 'app_1',
				messagingToken: 'token_1',
				text: 'Interview?',
				sendingOptions: NO_PACING,
			},
			once,
		),
		unipile(
			'Message Organization',
			{
				resource: 'chat',
				operation: 'messageOrganization',
				inbox: rl('CLASSIC_PRIMARY'),
				userId: '1035',
				companyTopic: 'CAREERS',
				text: 'Hiring?',
				sendingOptions: NO_PACING,
			},
			once,
		),
		unipile('Get Chats', { resource: 'chat', operation: 'getAll', returnAll: true }, once),
		unipile(
			'Reply',
			{
				resource: 'message',
				operation: 'reply',
				chat,
				messageId: 'msg_0003_3',
				text: 'Re: that',
				sendingOptions: NO_PACING,
			},
			once,
		),
		unipile('Get Messages', { resource: 'message', operation: 'getAll', chat, limit: 2 }, once),
		unipile(
			'Set Typing',
			{ resource: 'inbox', operation: 'setTyping', chat, composingAction: 'typing' },
			once,
		),
		unipile('Get Inboxes', { resource: 'inbox', operation: 'getAll' }, once),
		unipile('Get InMail Credits', { resource: 'inbox', operation: 'getInMailCredits' }, once),
	],
	'e2eUnipileEveryOp01',
);

/** Issue #4's acceptance workflow: Send takes the attachment object that Upload returned. */
const conversation = CONNECTSAFELY_SANDBOX.conversationUrns[0];
const connectSafelyFlow = linearWorkflow(
	'E2E ConnectSafely: upload, send, messages',
	[
		manualTrigger(),
		code(
			'File',
			`return [{ json: {}, binary: { data: { data: Buffer.from('${PNG}', 'hex').toString('base64'), mimeType: 'image/png', fileName: 'logo.png' } } }];`,
		),
		connectSafely('Upload', {
			resource: 'attachment',
			operation: 'upload',
			binaryProperty: 'data',
		}),
		connectSafely('Send', {
			resource: 'message',
			operation: 'send',
			recipientProfileId: CONNECTSAFELY_SANDBOX.profileIds[0],
			message: 'Here is the logo',
			// What the editor fills in when "Uploaded Attachment" is added after an Upload node.
			attachments: {
				uploaded: [
					{
						assetUrn: '={{ $json.assetUrn }}',
						byteSize: '={{ $json.byteSize }}',
						mediaType: '={{ $json.mediaType }}',
						name: '={{ $json.name }}',
					},
				],
			},
			sendingOptions: NO_PACING,
		}),
		connectSafely(
			'Get Messages',
			{
				resource: 'conversation',
				operation: 'getMessages',
				conversationUrn: rl(conversation),
				returnAll: true,
			},
			once,
		),
	],
	'e2eConnectSafely001',
);

/** Issue #22: look people up, then invite them; the one already connected is skipped. */
const invitations = linearWorkflow(
	'E2E ConnectSafely: profile, relationship, invitations',
	[
		manualTrigger(),
		connectSafely(
			'Get Profile',
			{
				resource: 'profile',
				operation: 'get',
				profileId: 'https://www.linkedin.com/in/eli-demo-5/',
			},
			once,
		),
		connectSafely(
			'Check Relationship',
			{ resource: 'relationship', operation: 'check', profileId: '={{ $json.profileId }}' },
			once,
		),
		code(
			'Leads',
			"return ['ana-demo-1', 'eli-demo-5', 'farah-demo-6'].map((profile) => ({ json: { profile } }));",
		),
		connectSafely('Invite', {
			resource: 'invitation',
			operation: 'send',
			recipientProfileId: '={{ $json.profile }}',
			note: 'Hi, glad to connect.',
			sendingOptions: { minDelay: 1, maxDelay: 1 },
		}),
	],
	'e2eCsInvitations01',
);

/** Issue #6: 20 items paced 1–2 s apart. */
const paced = linearWorkflow(
	'E2E pacing: 20 sends',
	[
		manualTrigger(),
		code(
			'Twenty',
			'return Array.from({ length: 20 }, (_, i) => ({ json: { text: `Paced ${i + 1}` } }));',
		),
		unipile('Send Paced', {
			resource: 'message',
			operation: 'send',
			chat: rl(UNIPILE_SANDBOX.chatIds[0]),
			text: '={{ $json.text }}',
			sendingOptions: { minDelay: 1, maxDelay: 2 },
		}),
	],
	'e2ePacing0000000001',
);

/** Issue #6: kinds of bad input, each its own node (continue on error): errors, zero requests. */
const badInputs: Array<[string, IDataObject]> = [
	[
		'No Recipient',
		{
			resource: 'chat',
			operation: 'start',
			inbox: rl('CLASSIC_PRIMARY'),
			userId: '={{ "" }}',
			text: 'x',
		},
	],
	['Empty Text', { resource: 'message', operation: 'send', chat, text: '={{ " " }}' }],
	[
		'Missing File',
		{
			resource: 'message',
			operation: 'send',
			chat,
			text: 'x',
			attachments: { files: [{ binaryProperty: 'nope' }] },
		},
	],
	[
		'Unnamed File',
		{
			resource: 'message',
			operation: 'send',
			chat,
			text: 'x',
			attachments: { files: [{ binaryProperty: '={{ "" }}' }] },
		},
	],
	[
		'Bad Account',
		{ resource: 'message', operation: 'send', account: rl('={{ "12345" }}'), chat, text: 'x' },
	],
	['No Chat', { resource: 'message', operation: 'send', chat: rl('={{ "" }}'), text: 'x' }],
	[
		'No Quote',
		{ resource: 'message', operation: 'reply', chat, messageId: '={{ "" }}', text: 'x' },
	],
	[
		'One Member',
		{
			resource: 'chat',
			operation: 'startGroup',
			inbox: rl('CLASSIC_PRIMARY'),
			userIds: 'ACoAAOnly',
			text: 'x',
		},
	],
	[
		'No Destination',
		{
			resource: 'message',
			operation: 'forward',
			chat,
			messageId: 'm',
			destinationChat: rl('={{ "" }}'),
		},
	],
	[
		'No Token',
		{
			resource: 'chat',
			operation: 'messageApplicant',
			inbox: rl('CLASSIC_PRIMARY'),
			userId: 'u',
			applicantId: 'a',
			messagingToken: '={{ "" }}',
			text: 'x',
		},
	],
];
const badInput = linearWorkflow(
	'E2E bad input',
	[
		manualTrigger(),
		...badInputs.map(([name, parameters]) =>
			unipile(
				name,
				{ ...parameters, sendingOptions: NO_PACING },
				{ onError: 'continueRegularOutput' },
			),
		),
	],
	'e2eBadInput00000001',
);

/** Issue #11: item 3 of 4 has an expression that throws (no node "Enrich"). */
const THROWS_FOR_LAST = '={{ $json.name ? "Hi " + $json.name : $("Enrich").item.json.greeting }}';
const fourItems = code(
	'Four',
	"return [{ json: { name: 'Ana' } }, { json: { name: 'Bo' } }, { json: { name: 'Cy' } }, { json: {} }];",
);
const expressionError = (workflowId: string, requestOptions: IDataObject = {}) =>
	linearWorkflow(
		`E2E expression error ${workflowId}`,
		[
			manualTrigger(),
			fourItems,
			unipile('Send Four', {
				resource: 'message',
				operation: 'send',
				chat: rl(UNIPILE_SANDBOX.chatIds[0]),
				text: THROWS_FOR_LAST,
				sendingOptions: { minDelay: 0.2, maxDelay: 0.3 },
				requestOptions,
			}),
		],
		workflowId,
	);
const expressionErrorPlain = expressionError('e2eExprError01');
const expressionErrorBatched = expressionError('e2eExprBatch01', {
	batching: { batch: { batchSize: 1, batchInterval: 100 } },
});

/** Issue #11: one send per webhook call, paced per account across executions. */
const PACED_HOOK = 'e2e-paced-send';
const pacedByWebhook = linearWorkflow(
	'E2E paced across executions',
	[
		webhookTrigger({ path: PACED_HOOK, webhookId: '7c1d2e3f-0011-4a5b-8c9d-00000000e2e2' }),
		unipile('Send Paced', {
			resource: 'message',
			operation: 'send',
			chat: rl(UNIPILE_SANDBOX.chatIds[1]),
			text: '={{ $json.body.text }}',
			sendingOptions: { minDelay: 1, maxDelay: 1 },
		}),
	],
	'e2ePacedHook01',
);

const readReceipts = readReceiptsWorkflow('E2E read receipts', 'e2eReadReceipts0001', {
	credentials: unipileCredential,
	webhookId: TRIGGER_WEBHOOK_ID,
});

/** Issue #22: New Relation, on the account list (node version 1.1). */
const RELATION_WEBHOOK_ID = '5b9c1f0e-7a1d-4c55-9d3e-00000000e2e7';
const newRelations = linearWorkflow(
	'E2E new relations',
	[
		node(
			'Unipile Trigger',
			TRIGGER,
			{ events: ['relation.new'], accounts: [UNIPILE_SANDBOX.accountId] },
			{ credentials: unipileCredential, webhookId: RELATION_WEBHOOK_ID, typeVersion: 1.1 },
		),
		node('Done', 'n8n-nodes-base.noOp'),
	],
	'e2eNewRelation01',
);

/** Issue #20: read receipts whose executions overlap (each waits 2 s after the trigger). */
const OVERLAP_WEBHOOK_ID = '5b9c1f0e-7a1d-4c55-9d3e-00000000e2e8';
const overlapping = readReceiptsWorkflow(
	'E2E overlapping read receipts',
	'e2eOverlapping01',
	{ credentials: unipileCredential, webhookId: OVERLAP_WEBHOOK_ID },
	node(
		'Wait',
		'n8n-nodes-base.wait',
		{ amount: 2, unit: 'seconds' },
		{ typeVersion: 1.1, webhookId: '5b9c1f0e-7a1d-4c55-9d3e-00000000e2e9' },
	),
);

const api = (requests: RecordedRequest[], prefix: string) =>
	requests.filter((request) => request.path.startsWith(prefix));

describe('our nodes in a real n8n 2.41.1', () => {
	let install: N8nInstall;
	let userFolder: string;
	let unipileSandbox: UnipileSandbox;
	let csSandbox: ConnectSafelySandbox;

	beforeAll(
		async () => {
			install = await ensureN8nInstalled();
			userFolder = createUserFolder({ install });
			installPackage(userFolder, repoRoot());
			unipileSandbox = await startUnipileSandbox();
			csSandbox = await startConnectSafelySandbox();
			await importCredentials(userFolder, [
				unipileApi(unipileCredential.unipileApi, unipileSandbox),
				{
					id: 'e2eUnipileWrongKey',
					name: 'Unipile wrong key',
					type: 'unipileApi',
					data: { apiKey: 'example-wrong-key', baseUrl: unipileSandbox.baseUrl },
				},
				connectSafelyApi(connectSafelyCredential.connectSafelyApi, csSandbox),
				connectSafelyApi({ id: 'e2eCsWrongKey0001', name: 'ConnectSafely wrong key' }, csSandbox, {
					apiKey: 'example-wrong-cs-key',
				}),
			]);
			await importWorkflows(userFolder, [
				outreach,
				everyUnipileOperation,
				connectSafelyFlow,
				invitations,
				paced,
				badInput,
				readReceipts,
				expressionErrorPlain,
				expressionErrorBatched,
				pacedByWebhook,
				newRelations,
				overlapping,
			]);
		},
		40 * 60 * 1000,
	);

	afterAll(async () => {
		await unipileSandbox?.close();
		await csSandbox?.close();
	});

	beforeEach(() => {
		unipileSandbox.reset();
		csSandbox.reset();
	});

	it('runs Manual Trigger → Start with InMail (image) → Send → Forward with spec-exact requests', async () => {
		const result = await executeWorkflow(userFolder, outreach.id as string);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const requests = api(unipileSandbox.requests, '/v2/');
		// Each send looks for an earlier one first ("Skip If Already Sent", on by default): the
		// recipient's chat and its messages, then the chat of each send.
		const chatId = outputOf(result.runData, 'Start with InMail')[0].chat_id as string;
		const messageId = outputOf(result.runData, 'Send')[0].message_id as string;
		const acc = `/v2/${UNIPILE_SANDBOX.accountId}`;
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET ${acc}/users/${UNIPILE_SANDBOX.userIds[3]}/chat`,
			`GET ${acc}/chats/${chatId}/messages`,
			`POST ${acc}/inboxes/CLASSIC_PRIMARY/chats/send`,
			`GET ${acc}/chats/${chatId}/messages`,
			`POST ${acc}/chats/${chatId}/messages/send`,
			`GET ${acc}/chats/${UNIPILE_SANDBOX.chatIds[1]}/messages`,
			`POST ${acc}/chats/${chatId}/messages/${messageId}/forward`,
		]);
		const [start, send, forward] = requests.filter((request) => request.method === 'POST');
		expect(start.body).toEqual({
			users_ids: UNIPILE_SANDBOX.userIds[3],
			text: 'Hello from n8n',
			specifics: { linkedin: { classic: { inmail: true } } },
			attachments: [
				{
					content: Buffer.from(PNG, 'hex').toString('base64'),
					content_type: 'image/png',
					filename: 'logo.png',
					send_mode: 'native',
				},
			],
		});
		expect(send.body).toEqual({ text: 'A follow-up' });
		expect(forward.body).toEqual({ chat_id: UNIPILE_SANDBOX.chatIds[1], text: 'FYI' });
		expect(outputOf(result.runData, 'Forward')[0]).toMatchObject({ object: 'MessageForwarded' });
	});

	it('runs every other Unipile operation', async () => {
		const result = await executeWorkflow(userFolder, everyUnipileOperation.id as string);
		expect(result.error).toBeUndefined();
		const seen = api(unipileSandbox.requests, '/v2/').map(
			(request) => `${request.method} ${request.path.replace(UNIPILE_SANDBOX.accountId, ':acc')}`,
		);
		// Every request, in order: the starts and sends look for an earlier send first (on by
		// default; a group has no one to look up).
		expect(seen).toEqual([
			'GET /v2/:acc/users/ACoAAE2eNew1/chat',
			'POST /v2/:acc/inboxes/CLASSIC_PRIMARY/chats/send',
			'POST /v2/:acc/inboxes/CLASSIC_PRIMARY/chats/send',
			'GET /v2/:acc/users/ACoAAE2eApplicant/chat',
			'POST /v2/:acc/inboxes/CLASSIC_PRIMARY/chats/send',
			'GET /v2/:acc/users/1035/chat',
			'POST /v2/:acc/inboxes/CLASSIC_PRIMARY/chats/send',
			'GET /v2/:acc/chats',
			`GET /v2/:acc/chats/${UNIPILE_SANDBOX.chatIds[2]}/messages`,
			`POST /v2/:acc/chats/${UNIPILE_SANDBOX.chatIds[2]}/messages/send`,
			`GET /v2/:acc/chats/${UNIPILE_SANDBOX.chatIds[2]}/messages`,
			`POST /v2/:acc/chats/${UNIPILE_SANDBOX.chatIds[2]}/composing`,
			'GET /v2/:acc/inboxes',
			'GET /v2/:acc/linkedin/inmail-credits',
		]);
		// The seeded chats and the four this workflow started.
		expect(outputOf(result.runData, 'Get Chats')).toHaveLength(UNIPILE_SANDBOX.chatCount + 4);
		expect(outputOf(result.runData, 'Get Messages')).toHaveLength(2);
	});

	it('runs ConnectSafely Upload → Send with the attachment → Get Messages', async () => {
		const result = await executeWorkflow(userFolder, connectSafelyFlow.id as string);
		expect(result.error).toBeUndefined();
		const requests = api(csSandbox.requests, '/linkedin/');
		const upload = requests.find(
			(request) => request.path === '/linkedin/conversations/upload-attachment',
		);
		expect(upload?.headers['content-type']).toBe('image/png');
		expect(upload?.headers.authorization).toBe(`Bearer ${CONNECTSAFELY_SANDBOX.apiKey}`);
		expect(upload?.rawBody.equals(Buffer.from(PNG, 'hex'))).toBe(true);
		const uploaded = outputOf(result.runData, 'Upload')[0];
		expect(uploaded).toMatchObject({ assetUrn: expect.any(String), mediaType: 'image/png' });
		// One upload: Send passes the uploaded attachment back as it is, without uploading again.
		expect(requests.filter((request) => request.path.endsWith('/upload-attachment'))).toHaveLength(
			1,
		);
		const sends = requests.filter((request) => request.path === '/linkedin/conversations/send');
		expect(sends).toHaveLength(1);
		expect(sends[0].body).toEqual({
			accountId: CONNECTSAFELY_SANDBOX.accountId,
			recipientProfileId: CONNECTSAFELY_SANDBOX.profileIds[0],
			message: 'Here is the logo',
			attachments: [{ file: uploaded }],
		});
		const messages = outputOf(result.runData, 'Get Messages');
		expect(messages[0]).toMatchObject({ text: 'Here is the logo', isSentByOwner: true });
	});

	it('runs ConnectSafely Get Profile → Check Relationship → Invite three, skipping the connected one', async () => {
		const result = await executeWorkflow(userFolder, invitations.id as string);
		expect(result.error).toBeUndefined();
		const account = CONNECTSAFELY_SANDBOX.accountId;
		const seen = api(csSandbox.requests, '/linkedin/').map(
			(request) => `${request.method} ${request.path}`,
		);
		expect(seen).toEqual([
			'POST /linkedin/profile',
			`GET /linkedin/relationship/${account}/eli-demo-5`,
			`GET /linkedin/relationship/${account}/ana-demo-1`,
			`GET /linkedin/relationship/${account}/eli-demo-5`,
			`GET /linkedin/relationship/${account}/farah-demo-6`,
			'POST /linkedin/connect',
			'POST /linkedin/connect',
		]);
		const posts = api(csSandbox.requests, '/linkedin/connect');
		expect(posts.map((post) => post.body)).toEqual(
			['eli-demo-5', 'farah-demo-6'].map((profileId) => ({
				accountId: account,
				profileId,
				customMessage: 'Hi, glad to connect.',
			})),
		);
		expect(posts[1].receivedAt - (posts[0].respondedAt ?? 0)).toBeGreaterThanOrEqual(990);
		expect(outputOf(result.runData, 'Check Relationship')[0]).toMatchObject({
			connected: false,
			invitationSent: false,
		});
		expect(outputOf(result.runData, 'Invite')).toEqual([
			expect.objectContaining({ skipped: true, reason: 'already connected' }),
			{
				success: true,
				message: 'Connection request sent successfully',
				profileUrn: 'urn:li:fsd_profile:ACoAAEliDemo5',
			},
			expect.objectContaining({ success: true, profileUrn: 'urn:li:fsd_profile:ACoAAFarahDemo6' }),
		]);
	});

	it('paces 20 sends 1 to 2 s apart', async () => {
		const result = await executeWorkflow(userFolder, paced.id as string, { timeoutMs: 180_000 });
		expect(result.error).toBeUndefined();
		const sends = api(unipileSandbox.requests, '/v2/').filter(
			(request) => request.method === 'POST',
		);
		expect(sends).toHaveLength(20);
		const gaps = sends
			.slice(1)
			.map((request, index) => request.receivedAt - sends[index].receivedAt);
		for (const gap of gaps) {
			expect(gap).toBeGreaterThanOrEqual(990);
			expect(gap).toBeLessThanOrEqual(2100);
		}
	}, 240_000);

	it('gives every kind of bad input a clear error and sends nothing', async () => {
		const result = await executeWorkflow(userFolder, badInput.id as string);
		for (const [name] of badInputs) {
			const [item] = outputOf(result.runData, name);
			expect({ name, error: typeof item?.error === 'string' && item.error.length > 10 }).toEqual({
				name,
				error: true,
			});
		}
		expect(api(unipileSandbox.requests, '/v2/')).toHaveLength(0);
		expect(JSON.stringify(result.run)).not.toContain(UNIPILE_SANDBOX.apiKey);
	});

	it.each([
		['without batching', expressionErrorPlain],
		['with Request Options → Batching', expressionErrorBatched],
	])('sends nothing when item 3 of 4 has an expression error, %s', async (_name, workflow) => {
		const result = await executeWorkflow(userFolder, workflow.id as string);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("Referenced node doesn't exist");
		// Long enough for paced sends of items 0–2 to have gone out, had they been left running.
		await sleep(2000);
		expect(api(unipileSandbox.requests, '/v2/')).toHaveLength(0);
	});

	describe('on n8n start', () => {
		let server: N8nServer;

		beforeAll(async () => {
			server = await startN8n({ userFolder, install });
		}, 120_000);

		afterAll(async () => await server?.stop());

		it('spaces the sends of three executions started at once on one account', async () => {
			await server.activate(pacedByWebhook.id as string);
			const calls = await Promise.all(
				['one', 'two', 'three'].map(
					async (text) => await server.callWebhook(PACED_HOOK, { method: 'POST', body: { text } }),
				),
			);
			expect(calls.map((call) => call.status)).toEqual([200, 200, 200]);
			await server.waitForExecutions(pacedByWebhook.id as string, 3, 60_000);
			const sends = api(unipileSandbox.requests, '/v2/').filter(
				(request) => request.method === 'POST',
			);
			expect(sends.map((request) => (request.body as { text: string }).text).sort()).toEqual([
				'one',
				'three',
				'two',
			]);
			for (let i = 1; i < sends.length; i++) {
				expect(sends[i].receivedAt - (sends[i - 1].respondedAt ?? 0)).toBeGreaterThanOrEqual(990);
			}
			await server.deactivate(pacedByWebhook.id as string);
		}, 120_000);

		it('shows our nodes and credentials, and tests the credential for real', async () => {
			const types = await server.listNodeTypes();
			const names = types.map((type) => type.name);
			expect(names).toEqual(expect.arrayContaining([UNIPILE, CONNECTSAFELY, TRIGGER]));
			// The editor searches these words (codex alias) along with the display name.
			const codex = types.find((type) => type.name === CONNECTSAFELY)?.codex as
				| { alias?: string[] }
				| undefined;
			expect(codex?.alias).toEqual(expect.arrayContaining(['LinkedIn', 'connection request']));
			expect((await server.testCredential('e2eUnipile0000001')).status).toBe('OK');
			const wrong = await server.testCredential('e2eUnipileWrongKey');
			expect(wrong.status).toBe('Error');
			expect(JSON.stringify(wrong)).not.toContain('example-wrong-key');
			const cs = connectSafelyCredential.connectSafelyApi.id;
			expect((await server.testCredential(cs)).status).toBe('OK');
			const wrongCs = await server.testCredential('e2eCsWrongKey0001');
			expect(wrongCs).toMatchObject({
				status: 'Error',
				message:
					'ConnectSafely refused this API key. Copy it again from https://connectsafely.ai/api-key and paste it whole into "API Key".',
			});
			expect(JSON.stringify(wrongCs)).not.toContain('example-wrong-cs-key');
		});

		it('registers the webhook on activation, runs once per signed receipt, ignores forgeries, removes it on deactivation', async () => {
			await server.activate(readReceipts.id as string);
			const posts = unipileSandbox.requests.filter((request) => request.method === 'POST');
			expect(posts.map((request) => request.path)).toEqual(['/v2/webhooks/endpoints/']);
			const url = server.webhookUrl(`${TRIGGER_WEBHOOK_ID}/webhook`);
			const endpoints = unipileSandbox.webhooks();
			expect(endpoints).toHaveLength(1);
			expect(endpoints[0]).toMatchObject({ url, trigger_events: ['message.receipt.read'] });

			const eventId = 'evt_e2e_redelivered_after_restart';
			const delivered = await unipileSandbox.emitReadReceipt(
				UNIPILE_SANDBOX.chatIds[0],
				UNIPILE_SANDBOX.messageIds[0],
				{ id: eventId },
			);
			expect(delivered).toEqual([{ url, status: 200 }]);
			const [execution] = await server.waitForExecutions(readReceipts.id as string, 1);
			expect(execution.status).toBe('success');
			const item = outputOf(execution.data?.resultData.runData ?? {}, 'Unipile Trigger')[0];
			expect(item).toMatchObject({
				event: 'message.receipt.read',
				chat_id: UNIPILE_SANDBOX.chatIds[0],
				message_id: UNIPILE_SANDBOX.messageIds[0],
				reader_id: UNIPILE_SANDBOX.userIds[0],
			});

			// Unipile retries a delivery it thinks failed; one that lands after a restart of n8n is
			// still recognised (the trigger keeps recent event IDs in the workflow's static data).
			const saved = await waitFor(
				'the event ID in the static data',
				async () => {
					const workflow = await server.rest.get<{ staticData?: IDataObject }>(
						`/workflows/${readReceipts.id as string}`,
					);
					const node = workflow.staticData?.['node:Unipile Trigger'] as IDataObject | undefined;
					const seen = Object.keys((node?.recentEvents as IDataObject | undefined) ?? {});
					return seen.length ? seen : undefined;
				},
				10_000,
			);
			expect(saved).toHaveLength(1);
			const { port } = server;
			await server.stop();
			server = await startN8n({ userFolder, install, port });
			const again = await unipileSandbox.emitReadReceipt(
				UNIPILE_SANDBOX.chatIds[0],
				UNIPILE_SANDBOX.messageIds[0],
				{ id: eventId },
			);
			expect(again).toEqual([{ url, status: 200 }]);
			await sleep(2000);
			expect(await server.listExecutions({ workflowId: readReceipts.id as string })).toHaveLength(
				1,
			);

			const forged = await unipileSandbox.emitReadReceipt(
				UNIPILE_SANDBOX.chatIds[0],
				'msg_forged',
				{ signature: 'forged' },
			);
			expect(forged[0].status).toBe(401);
			const unsigned = await unipileSandbox.emitReadReceipt(
				UNIPILE_SANDBOX.chatIds[0],
				'msg_unsigned',
				{ signature: 'none' },
			);
			expect(unsigned[0].status).toBe(401);
			await sleep(2000);
			expect(await server.listExecutions({ workflowId: readReceipts.id as string })).toHaveLength(
				1,
			);

			await server.deactivate(readReceipts.id as string);
			const deleted = unipileSandbox.requests.filter((request) => request.method === 'DELETE');
			expect(deleted.map((request) => request.path)).toEqual([
				`/v2/webhooks/endpoints/${endpoints[0].id}`,
			]);
			expect(unipileSandbox.webhooks()).toHaveLength(0);
		});

		it('New Relation: registers relation.request.accept for the listed account, runs once per signed event, refuses forgeries, removes its endpoint', async () => {
			const workflowId = newRelations.id as string;
			await server.activate(workflowId);
			const url = server.webhookUrl(`${RELATION_WEBHOOK_ID}/webhook`);
			const [endpoint] = unipileSandbox.webhooks();
			expect(unipileSandbox.webhooks()).toEqual([
				expect.objectContaining({
					url,
					trigger_events: ['relation.request.accept'],
					account_ids: [UNIPILE_SANDBOX.accountId],
				}),
			]);

			const contact = UNIPILE_SANDBOX.userIds[1];
			const eventId = 'evt_e2e_new_relation';
			expect(await unipileSandbox.emitNewRelation(contact, { id: eventId })).toEqual([
				{ url, status: 200 },
			]);
			const [execution] = await server.waitForExecutions(workflowId, 1);
			expect(outputOf(execution.data?.resultData.runData ?? {}, 'Unipile Trigger')).toEqual([
				expect.objectContaining({
					event_id: eventId,
					event: 'relation.new',
					account_id: UNIPILE_SANDBOX.accountId,
					relation_provider_id: contact,
					relation_name: 'Contact 0002',
					relation_profile_url: 'https://www.linkedin.com/in/contact-0002/',
				}),
			]);

			expect(await unipileSandbox.emitNewRelation(contact, { id: eventId })).toEqual([
				{ url, status: 200 },
			]);
			const forged = await unipileSandbox.emitNewRelation(UNIPILE_SANDBOX.userIds[2], {
				signature: 'forged',
			});
			expect(forged).toEqual([{ url, status: 401 }]);
			await sleep(2000);
			expect(await server.listExecutions({ workflowId })).toHaveLength(1);

			await server.deactivate(workflowId);
			expect(
				unipileSandbox.requests
					.filter((request) => request.method === 'DELETE')
					.map((request) => request.path),
			).toEqual([`/v2/webhooks/endpoints/${endpoint.id}`]);
			expect(unipileSandbox.webhooks()).toEqual([]);
		});

		it('remembers 18 events whose executions overlapped: redelivered after a restart, they start 0 executions', async () => {
			const workflowId = overlapping.id as string;
			await server.activate(workflowId);
			const url = server.webhookUrl(`${OVERLAP_WEBHOOK_ID}/webhook`);
			const ids = Array.from({ length: 18 }, (_, index) => `evt_e2e_overlap_${index}`);
			const deliver = async () =>
				(
					await Promise.all(
						ids.map(
							async (id) =>
								await unipileSandbox.emitReadReceipt(
									UNIPILE_SANDBOX.chatIds[0],
									UNIPILE_SANDBOX.messageIds[0],
									{ id },
								),
						),
					)
				).flat();
			expect(await deliver()).toEqual(ids.map(() => ({ url, status: 200 })));
			const runs = await server.waitForExecutions(workflowId, 18, 60_000);
			expect(runs.map((run) => run.status)).toEqual(ids.map(() => 'success'));
			// Each execution waited 2 s after the trigger, so they ran at the same time.
			const overlaps = runs.filter((run, index) =>
				runs.some(
					(other, otherIndex) =>
						otherIndex !== index &&
						Date.parse(other.startedAt) < Date.parse(run.stoppedAt ?? '') &&
						Date.parse(run.startedAt) < Date.parse(other.stoppedAt ?? ''),
				),
			);
			expect(overlaps).toHaveLength(18);

			const remembered = async () => {
				const workflow = await server.rest.get<{ staticData?: IDataObject }>(
					`/workflows/${workflowId}`,
				);
				const data = workflow.staticData?.['node:Unipile Trigger'] as IDataObject | undefined;
				return Object.keys((data?.recentEvents as IDataObject | undefined) ?? {}).length;
			};
			expect(await remembered()).toBe(18);

			const { port } = server;
			await server.stop();
			server = await startN8n({ userFolder, install, port });
			await server.waitForPublished(workflowId);
			expect(await deliver()).toEqual(ids.map(() => ({ url, status: 200 })));
			await sleep(3000);
			expect(await server.listExecutions({ workflowId })).toHaveLength(18);
			await server.deactivate(workflowId);
		}, 180_000);
	});
});
