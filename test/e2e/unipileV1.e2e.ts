/**
 * Unipile API v1 (DSN) in a real n8n 2.41.1: every v1 operation sends the exact multipart request,
 * the credential test tells a v2 key apart, and the trigger registers its own webhook, runs once
 * per delivery that carries its secret header and ignores the rest.
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
} from '../../tools/n8n';
import { unipileV1Api } from '../../tools/sandbox/credentials';
import { partsOf } from '../../tools/sandbox/multipart';
import type { UnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import { startUnipileV1Sandbox, UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';

const UNIPILE = 'n8n-nodes-linkedin-messaging.unipile';
const credential = { unipileApi: { id: 'e2eUnipileV1Cred1', name: 'Unipile v1 sandbox' } };
const ACCOUNT = UNIPILE_V1_SANDBOX.accountId;
const USERS = UNIPILE_V1_SANDBOX.userIds;
const CHAT = UNIPILE_V1_SANDBOX.chatIds[0];
const TRIGGER_WEBHOOK_ID = '5b9c1f0e-7a1d-4c55-9d3e-0000000e2ev1';
const NO_PACING = { pacing: false };
const once = { executeOnce: true };

const unipile = (name: string, parameters: IDataObject, extra: Partial<INode> = {}) =>
	node(
		name,
		UNIPILE,
		{ account: rl(ACCOUNT), ...parameters },
		{ credentials: credential, ...extra },
	);
const inbox = rl('CLASSIC_PRIMARY');

const everyOperation = linearWorkflow(
	'E2E Unipile v1: every operation',
	[
		manualTrigger(),
		...photoNodes(),
		unipile(
			'Start with InMail',
			{
				resource: 'chat',
				operation: 'startInMail',
				inbox,
				userId: 'ACoAAV1Stranger',
				text: 'Hello from n8n',
				attachments: { files: [{ binaryProperty: 'photo' }] },
				sendingOptions: NO_PACING,
			},
			once,
		),
		unipile(
			'Send',
			{
				resource: 'message',
				operation: 'send',
				chat: rl(CHAT),
				text: 'A follow-up',
				sendingOptions: NO_PACING,
			},
			once,
		),
		unipile(
			'Reply',
			{
				resource: 'message',
				operation: 'reply',
				chat: rl(CHAT),
				messageId: UNIPILE_V1_SANDBOX.messageIds[0],
				text: 'Re: that',
				sendingOptions: NO_PACING,
			},
			once,
		),
		unipile(
			'Start Group',
			{
				resource: 'chat',
				operation: 'startGroup',
				inbox,
				userIds: `${USERS[1]}, ${USERS[2]}`,
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
				inbox,
				userId: 'ACoAAV1Applicant',
				applicantId: 'app_1',
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
				inbox,
				userId: '1035',
				companyTopic: 'CAREERS',
				text: 'Hiring?',
				sendingOptions: NO_PACING,
			},
			once,
		),
		unipile('Get Chats', { resource: 'chat', operation: 'getAll', returnAll: true }, once),
		unipile(
			'Get Messages',
			{ resource: 'message', operation: 'getAll', chat: rl(CHAT), limit: 2 },
			once,
		),
		unipile('Get InMail Credits', { resource: 'inbox', operation: 'getInMailCredits' }, once),
	],
	'e2eUnipileV1Ops01',
);

const readReceipts = readReceiptsWorkflow('E2E Unipile v1 read receipts', 'e2eUnipileV1Read1', {
	credentials: credential,
	webhookId: TRIGGER_WEBHOOK_ID,
});

/** Issue #22 on v1: New Relation and Read receipts in one trigger: two v1 webhooks. */
const RELATION_WEBHOOK_ID = '5b9c1f0e-7a1d-4c55-9d3e-0000000e2ev2';
const relations = linearWorkflow(
	'E2E Unipile v1 new relations',
	[
		node(
			'Unipile Trigger',
			'n8n-nodes-linkedin-messaging.unipileTrigger',
			{ events: ['message.receipt.read', 'relation.new'], accounts: [ACCOUNT] },
			{ credentials: credential, webhookId: RELATION_WEBHOOK_ID, typeVersion: 1.1 },
		),
		node('Done', 'n8n-nodes-base.noOp'),
	],
	'e2eUnipileV1Rel1',
);

describe('Unipile API v1 in a real n8n 2.41.1', () => {
	let install: N8nInstall;
	let userFolder: string;
	let sandbox: UnipileV1Sandbox;

	beforeAll(
		async () => {
			install = await ensureN8nInstalled();
			userFolder = createUserFolder({ install });
			installPackage(userFolder, repoRoot());
			sandbox = await startUnipileV1Sandbox();
			await importCredentials(userFolder, [
				unipileV1Api(credential.unipileApi, sandbox),
				{
					id: 'e2eUnipileV1Wrong',
					name: 'A v2 key on the v1 DSN',
					type: 'unipileApi',
					data: { apiVersion: 'v1', apiKey: 'example-v2-key', dsn: sandbox.dsn },
				},
			]);
			await importWorkflows(userFolder, [everyOperation, readReceipts, relations]);
		},
		40 * 60 * 1000,
	);

	afterAll(async () => await sandbox?.close());
	beforeEach(() => sandbox.reset());

	it('sends every v1 operation as the exact multipart request', async () => {
		const result = await executeWorkflow(userFolder, everyOperation.id as string);
		expect(result.error).toBeUndefined();
		const requests = sandbox.requests.filter((request) => request.path.startsWith('/api/v1/'));
		// Each send looks for an earlier one first ("Skip If Already Sent", on by default): a start in
		// the account's chats of the last 24 h (v1 has no chat-by-user route), a send in its chat.
		const since = 'GET /api/v1/chats (24 h)';
		expect(
			requests.map((request) =>
				request.method === 'GET' && request.path === '/api/v1/chats' && request.query.after
					? since
					: `${request.method} ${request.path}`,
			),
		).toEqual([
			since,
			'POST /api/v1/chats',
			`GET /api/v1/chats/${CHAT}/messages`,
			`POST /api/v1/chats/${CHAT}/messages`,
			`GET /api/v1/chats/${CHAT}/messages`,
			`POST /api/v1/chats/${CHAT}/messages`,
			'POST /api/v1/chats',
			since,
			'POST /api/v1/chats',
			since,
			'POST /api/v1/chats',
			'GET /api/v1/chats',
			`GET /api/v1/chats/${CHAT}/messages`,
			'GET /api/v1/linkedin/inmail_balance',
		]);
		const [inMail, send, reply, group, applicant, organization] = requests.filter(
			(request) => request.method === 'POST',
		);
		expect(partsOf(inMail)).toEqual([
			['account_id', ACCOUNT],
			['attendees_ids', 'ACoAAV1Stranger'],
			['text', 'Hello from n8n'],
			['linkedin[api]', 'classic'],
			['linkedin[inmail]', 'true'],
			['attachments', `logo.png image/png ${PNG}`],
		]);
		expect(partsOf(send)).toEqual([
			['account_id', ACCOUNT],
			['text', 'A follow-up'],
		]);
		expect(partsOf(reply)).toEqual([
			['account_id', ACCOUNT],
			['text', 'Re: that'],
			['quote_id', UNIPILE_V1_SANDBOX.messageIds[0]],
		]);
		expect(partsOf(group)).toEqual([
			['account_id', ACCOUNT],
			['attendees_ids', USERS[1]],
			['attendees_ids', USERS[2]],
			['subject', 'E2E'],
			['text', 'Hi all'],
			['linkedin[api]', 'classic'],
		]);
		expect(partsOf(applicant)).toEqual([
			['account_id', ACCOUNT],
			['attendees_ids', 'ACoAAV1Applicant'],
			['text', 'Interview?'],
			['linkedin[api]', 'classic'],
			['linkedin[applicant_id]', 'app_1'],
		]);
		expect(partsOf(organization)).toEqual([
			['account_id', ACCOUNT],
			['attendees_ids', '1035'],
			['text', 'Hiring?'],
			['linkedin[api]', 'classic'],
			['linkedin[topic]', 'careers'],
		]);
		expect(outputOf(result.runData, 'Get Chats')).toHaveLength(UNIPILE_V1_SANDBOX.chatCount + 4);
		expect(outputOf(result.runData, 'Get Messages')).toHaveLength(2);
		expect(outputOf(result.runData, 'Get InMail Credits')[0]).toMatchObject({
			object: 'LinkedinInmailBalance',
		});
	});

	describe('on n8n start', () => {
		let server: N8nServer;
		beforeAll(async () => {
			server = await startN8n({ userFolder, install });
		}, 120_000);
		afterAll(async () => await server?.stop());

		it('tests the v1 key on the DSN, and tells a key of the other dashboard', async () => {
			expect((await server.testCredential(credential.unipileApi.id)).status).toBe('OK');
			const wrong = await server.testCredential('e2eUnipileV1Wrong');
			expect(wrong).toMatchObject({
				status: 'Error',
				message: expect.stringMatching(/^Unipile refused this API key\. Keys of API v2 come from/),
			});
			// Both keys were tried on the v1 accounts route (n8n may probe a refused key again).
			const tried = sandbox.requests.map(
				(request) => `${request.method} ${request.path} ${String(request.headers['x-api-key'])}`,
			);
			expect([...new Set(tried)]).toEqual([
				`GET /api/v1/accounts ${UNIPILE_V1_SANDBOX.apiKey}`,
				'GET /api/v1/accounts example-v2-key',
			]);
		});

		it('registers its webhook, runs once per delivery with its secret header, none without', async () => {
			await server.activate(readReceipts.id as string);
			const [webhook] = sandbox.webhooks();
			const url = server.webhookUrl(`${TRIGGER_WEBHOOK_ID}/webhook`);
			expect(webhook).toMatchObject({
				request_url: url,
				source: 'messaging',
				events: ['message_read'],
			});

			const delivered = await sandbox.emitMessageRead(CHAT, UNIPILE_V1_SANDBOX.messageIds[1]);
			expect(delivered.map((entry) => entry.status)).toEqual([200]);
			const [execution] = await server.waitForExecutions(readReceipts.id as string, 1);
			expect(
				outputOf(execution.data?.resultData.runData ?? {}, 'Unipile Trigger')[0],
			).toMatchObject({
				event: 'message.receipt.read',
				account_id: ACCOUNT,
				chat_id: CHAT,
				message_id: UNIPILE_V1_SANDBOX.messageIds[1],
			});

			// Unipile retries a delivery: the same payload again starts nothing.
			const repeated = await sandbox.emitMessageRead(CHAT, UNIPILE_V1_SANDBOX.messageIds[1], {
				repeat: true,
			});
			expect(repeated.map((entry) => entry.status)).toEqual([200]);
			const unauthenticated = await sandbox.emitMessageRead(
				CHAT,
				UNIPILE_V1_SANDBOX.messageIds[2],
				{
					headers: 'none',
				},
			);
			expect(unauthenticated.map((entry) => entry.status)).toEqual([401]);
			await sleep(2000);
			expect(await server.listExecutions({ workflowId: readReceipts.id as string })).toHaveLength(
				1,
			);

			await server.deactivate(readReceipts.id as string);
			expect(
				sandbox.requests
					.filter((request) => request.method === 'DELETE')
					.map((request) => request.path),
			).toEqual([`/api/v1/webhooks/${webhook.id}`]);
			expect(sandbox.webhooks()).toHaveLength(0);
		});

		it('New Relation: registers a users webhook beside the messaging one, runs once per relation with its secret header, none without or again, removes both', async () => {
			const workflowId = relations.id as string;
			await server.activate(workflowId);
			const url = server.webhookUrl(`${RELATION_WEBHOOK_ID}/webhook`);
			const webhooks = sandbox.webhooks();
			expect(
				webhooks.map(({ source, events, request_url, account_ids }) => ({
					source,
					events,
					request_url,
					account_ids,
				})),
			).toEqual([
				{ source: 'messaging', events: ['message_read'], request_url: url, account_ids: [ACCOUNT] },
				{ source: 'users', events: ['new_relation'], request_url: url, account_ids: [ACCOUNT] },
			]);

			expect((await sandbox.emitNewRelation()).map((entry) => entry.status)).toEqual([200]);
			const [execution] = await server.waitForExecutions(workflowId, 1);
			expect(outputOf(execution.data?.resultData.runData ?? {}, 'Unipile Trigger')).toEqual([
				expect.objectContaining({
					event: 'relation.new',
					account_id: ACCOUNT,
					relation_provider_id: USERS[0],
					relation_profile_url: 'https://www.linkedin.com/in/contact-er0001/',
				}),
			]);
			expect(
				(await sandbox.emitNewRelation({ repeat: true })).map((entry) => entry.status),
			).toEqual([200]);
			expect(
				(await sandbox.emitNewRelation({ providerId: USERS[1], headers: 'none' })).map(
					(entry) => entry.status,
				),
			).toEqual([401]);
			await sleep(2000);
			expect(await server.listExecutions({ workflowId })).toHaveLength(1);

			await server.deactivate(workflowId);
			expect(
				sandbox.requests
					.filter((request) => request.method === 'DELETE')
					.map((request) => request.path)
					.sort(),
			).toEqual(webhooks.map((webhook) => `/api/v1/webhooks/${webhook.id}`).sort());
			expect(sandbox.webhooks()).toEqual([]);
		});
	});
});
