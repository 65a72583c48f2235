/**
 * The benched workflows. Headless ones start with a Manual Trigger (`n8n execute` needs one) and
 * make their input without a Code node: a Code node starts n8n's task runner, about 2 s of every
 * run. The measured node is always named `Measured`. Timed nodes come after a 2 s Wait: a fresh n8n
 * is still busy for a moment after it boots (e.g. filling its pool of expression isolates), which
 * made single timings vary by 2× without it. Attachment workflows run in either binary data mode:
 * the mode is the run's environment, not the workflow's.
 */
import type { INode, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from '../n8n';
import { linearWorkflow, manualTrigger, node, rl, webhookTrigger } from '../n8n';
import { CONNECTSAFELY_SANDBOX } from '../sandbox/connectsafely';
import { UNIPILE_SANDBOX } from '../sandbox/unipile';
import { UNIPILE_V1_SANDBOX } from '../sandbox/unipileV1';
import { FLOOR_CREDENTIAL, FLOOR_NODE, FLOOR_TRIGGER } from './floor';

export const MEASURED = 'Measured';
export const READ_FILES = 'Read Files';

/** Credentials the workflows use (imported by the bench with the sandbox URLs). */
export const CREDENTIALS = {
	unipile: { id: 'benchUnipile00001', name: 'Unipile sandbox' },
	unipileSends: { id: 'benchUnipileSend1', name: 'Unipile sandbox, one chat per send' },
	unipileBig: { id: 'benchUnipileBig01', name: 'Unipile sandbox, 10,000 chats' },
	unipileV1: { id: 'benchUnipileV1001', name: 'Unipile v1 sandbox' },
	connectSafelyBig: {
		id: 'benchConnectSaf01',
		name: 'ConnectSafely sandbox, 10,000 conversations',
	},
	connectSafely: { id: 'benchConnectSaf02', name: 'ConnectSafely sandbox' },
	floor: { id: 'benchFloorCred001', name: 'Bench floor' },
};

/** Workflow IDs (16 characters at most). */
export const WORKFLOW = {
	/** Message → Send, Sending Options at their defaults but pacing: Skip If Already Sent on. */
	sendOurs: 'benchSendOurs001',
	sendNoSkip: 'benchSendNoSkip1',
	/** Chat → Start, a profile URL per item (resolved in the pre-flight). */
	startUrl: 'benchStartUrl001',
	sendFloor: 'benchSendFloor01',
	sendHttp: 'benchSendHttp001',
	chatsOurs: 'benchChatsOurs01',
	chatsHttp: 'benchChatsHttp01',
	convsOurs: 'benchConvsOurs01',
	convsHttp: 'benchConvsHttp01',
	control: 'benchControl0001',
	file20: 'benchFile20MB001',
	files10: 'benchFiles10x5v2',
	files10V1: 'benchFiles10x5v1',
	files10Cs: 'benchFiles10x5cs',
	trigger: 'benchTrigger0001',
	floorTrigger: 'benchFloorTrig01',
	webhook: 'benchWebhook0001',
} as const;

export const WEBHOOK_IDS = {
	trigger: 'b0000000-0000-4000-8000-0000000071a6',
	floorTrigger: 'b0000000-0000-4000-8000-00000000f10a',
	webhookPath: 'bench-plain',
	webhook: 'b0000000-0000-4000-8000-0000000091a1',
};

/** Lets the freshly booted n8n settle before the timed node (see above). */
const settle = () =>
	node(
		'Settle',
		'n8n-nodes-base.wait',
		{ resume: 'timeInterval', amount: 2, unit: 'seconds' },
		{ typeVersion: 1.1 },
	);

/** The chat of send item `index` in the sends sandbox (seeded `chat_0001`, `chat_0002`, …). */
const chatOf = (index: number) => `chat_${String(index + 1).padStart(4, '0')}`;

/**
 * A profile URL per item that the pre-flight resolves with a request of its own: the sandbox has
 * four relations, so the URLs are theirs in different letter cases (the sandbox finds a public
 * identifier in any case; our node reads each distinct identifier once per run).
 */
function profileUrlOf(index: number): string {
	const slug = `demo-contact-${(index % UNIPILE_SANDBOX.userIds.length) + 1}`;
	let mask = Math.floor(index / UNIPILE_SANDBOX.userIds.length);
	const cased = [...slug]
		.map((char) => {
			if (!/[a-z]/.test(char)) return char;
			const upper = mask % 2 === 1;
			mask = Math.floor(mask / 2);
			return upper ? char.toUpperCase() : char;
		})
		.join('');
	return `https://www.linkedin.com/in/${cased}/`;
}

/**
 * `count` items `{ text: 'Bench <i>', chat, profile }`, each to a chat and a person of its own: a
 * static JSON list (Edit Fields, raw) split into items.
 */
function sendItems(count: number): INode[] {
	const list = Array.from({ length: count }, (_, index) => ({
		text: `Bench ${index}`,
		chat: chatOf(index),
		profile: profileUrlOf(index),
	}));
	return [
		node(
			'List',
			'n8n-nodes-base.set',
			{ mode: 'raw', jsonOutput: JSON.stringify({ items: list }), options: {} },
			{ typeVersion: 3.4 },
		),
		node('Items', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'items' }, { typeVersion: 1 }),
	];
}

/** Read/Write Files from Disk: the files matching `selector`, one item each, in binary `data`. */
const readFiles = (selector: string) =>
	node(
		READ_FILES,
		'n8n-nodes-base.readWriteFile',
		{ operation: 'read', fileSelector: selector, options: { dataPropertyName: 'data' } },
		{ typeVersion: 1.1 },
	);

const NO_PACING = { pacing: false };

function unipileSend(
	credential: { id: string; name: string },
	target: { account: string; chat: string },
	content: INodeParameters,
	sendingOptions: INodeParameters = NO_PACING,
): INode {
	return node(
		MEASURED,
		'n8n-nodes-linkedin-messaging.unipile',
		{
			resource: 'message',
			operation: 'send',
			account: rl(target.account),
			chat: rl(target.chat),
			...content,
			sendingOptions,
		},
		{ credentials: { unipileApi: credential } },
	);
}

const v2Target = { account: UNIPILE_SANDBOX.accountId, chat: UNIPILE_SANDBOX.chatIds[0] };
const v1Target = { account: UNIPILE_V1_SANDBOX.accountId, chat: UNIPILE_V1_SANDBOX.chatIds[0] };
const fileContent = {
	text: '',
	attachments: { files: [{ binaryProperty: 'data', sendMode: 'file' }] },
};

/** The Unipile v2 account every send figure sends as. */
export const SEND_ACCOUNT = v2Target.account;

interface BenchUrls {
	/** The sends sandbox's v2 base URL (`.../v2`). */
	unipileSends: string;
	/** The 10,000-chat v2 sandbox's base URL. */
	unipileBig: string;
	/** The 10,000-conversation ConnectSafely sandbox's base URL. */
	connectSafelyBig: string;
}

/**
 * 1. Sends, every item to a chat of its own: ours with Skip If Already Sent on (the default) and off,
 * Chat → Start from a profile URL, the declarative floor and the HTTP Request node.
 */
function sendWorkflows(urls: BenchUrls, items: number): WorkflowJson[] {
	const text = { text: '={{ $json.text }}' };
	const toChat = { account: SEND_ACCOUNT, chat: '={{ $json.chat }}' };
	const ours = unipileSend(CREDENTIALS.unipileSends, toChat, text);
	const noSkip = unipileSend(CREDENTIALS.unipileSends, toChat, text, {
		...NO_PACING,
		skipIfSent: false,
	});
	// Skip If Already Sent off: its cost is the two figures above; this one is the resolution's.
	const start = node(
		MEASURED,
		'n8n-nodes-linkedin-messaging.unipile',
		{
			resource: 'chat',
			operation: 'start',
			account: rl(SEND_ACCOUNT),
			userId: '={{ $json.profile }}',
			...text,
			sendingOptions: { ...NO_PACING, skipIfSent: false },
		},
		{ credentials: { unipileApi: CREDENTIALS.unipileSends } },
	);
	const floor = node(
		MEASURED,
		FLOOR_NODE,
		{ operation: 'send', chat: '={{ $json.chat }}', ...text },
		{ credentials: { [FLOOR_CREDENTIAL]: CREDENTIALS.floor } },
	);
	const http = node(
		MEASURED,
		'n8n-nodes-base.httpRequest',
		{
			method: 'POST',
			url: `=${urls.unipileSends}/${SEND_ACCOUNT}/chats/{{ $json.chat }}/messages/send`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'X-API-KEY', value: UNIPILE_SANDBOX.apiKey }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ text: $json.text }) }}',
			options: {},
		},
		{ typeVersion: 4.2 },
	);
	const flow = (id: string, name: string, measured: INode) =>
		linearWorkflow(name, [manualTrigger(), ...sendItems(items), settle(), measured], id);
	return [
		flow(WORKFLOW.sendOurs, 'Bench: Unipile send', ours),
		flow(WORKFLOW.sendNoSkip, 'Bench: Unipile send, Skip If Already Sent off', noSkip),
		flow(WORKFLOW.startUrl, 'Bench: Unipile Chat Start from a profile URL', start),
		flow(WORKFLOW.sendFloor, 'Bench: floor send', floor),
		flow(WORKFLOW.sendHttp, 'Bench: HTTP Request send', http),
	];
}

/** n8n's HTTP Request node paging a list itself: a cursor parameter taken from `$response`. */
function httpPaged(
	url: string,
	query: Record<string, string>,
	header: { name: string; value: string },
	cursor: { param: string; next: string; done: string },
): INode {
	return node(
		MEASURED,
		'n8n-nodes-base.httpRequest',
		{
			method: 'GET',
			url,
			sendQuery: true,
			queryParameters: {
				parameters: Object.entries(query).map(([name, value]) => ({ name, value })),
			},
			sendHeaders: true,
			headerParameters: { parameters: [header] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: cursor.param, value: cursor.next }] },
						paginationCompleteWhen: 'other',
						completeExpression: cursor.done,
					},
				},
			},
		},
		{ typeVersion: 4.2 },
	);
}

/** 3. Big lists: Return All through our nodes and through the HTTP Request node's pagination. */
function listWorkflows(urls: BenchUrls): WorkflowJson[] {
	const chatsOurs = node(
		MEASURED,
		'n8n-nodes-linkedin-messaging.unipile',
		{
			resource: 'chat',
			operation: 'getAll',
			account: rl(UNIPILE_SANDBOX.accountId),
			returnAll: true,
			simplify: false,
			filters: {},
		},
		{ credentials: { unipileApi: CREDENTIALS.unipileBig } },
	);
	// Page sizes as our nodes ask: Unipile 100, ConnectSafely 50.
	const chatsHttp = httpPaged(
		`${urls.unipileBig}/${UNIPILE_SANDBOX.accountId}/chats`,
		{ limit: '100' },
		{ name: 'X-API-KEY', value: UNIPILE_SANDBOX.apiKey },
		{
			param: 'cursor',
			next: '={{ $response.body.next_cursor }}',
			done: '={{ !$response.body.next_cursor }}',
		},
	);
	const convsOurs = node(
		MEASURED,
		'n8n-nodes-linkedin-messaging.connectSafely',
		{
			resource: 'conversation',
			operation: 'getAll',
			account: rl(CONNECTSAFELY_SANDBOX.accountId),
			returnAll: true,
			simplify: false,
			filters: {},
		},
		{ credentials: { connectSafelyApi: CREDENTIALS.connectSafelyBig } },
	);
	const convsHttp = httpPaged(
		`${urls.connectSafelyBig}/linkedin/conversations`,
		{ count: '50', accountId: CONNECTSAFELY_SANDBOX.accountId },
		{ name: 'Authorization', value: `Bearer ${CONNECTSAFELY_SANDBOX.apiKey}` },
		{
			param: 'nextCursor',
			next: '={{ $response.body.nextCursor }}',
			done: '={{ !$response.body.hasMore }}',
		},
	);
	const flow = (id: string, name: string, measured: INode) =>
		linearWorkflow(name, [manualTrigger(), settle(), measured], id);
	return [
		flow(WORKFLOW.chatsOurs, 'Bench: Unipile chats, Return All', chatsOurs),
		flow(WORKFLOW.chatsHttp, 'Bench: HTTP Request chats, paginated', chatsHttp),
		flow(WORKFLOW.convsOurs, 'Bench: ConnectSafely conversations, Return All', convsOurs),
		flow(WORKFLOW.convsHttp, 'Bench: HTTP Request conversations, paginated', convsHttp),
	];
}

export interface BenchFiles {
	/** 1 KB: the control run. */
	small: string;
	/** 20 MB. */
	large: string;
	/** Glob of the ten 5 MB files. */
	fiveMbGlob: string;
}

/**
 * 4 and 5. Attachments: Unipile Message → Send (pacing off) on v2 (base64 JSON) and v1 (multipart),
 * ConnectSafely Attachment → Upload (the file as the raw body); the control sends one 1 KB file on v2.
 */
function fileWorkflows(files: BenchFiles): WorkflowJson[] {
	const flow = (id: string, name: string, selector: string, measured: INode) =>
		linearWorkflow(name, [manualTrigger(), readFiles(selector), measured], id);
	const v2 = () => unipileSend(CREDENTIALS.unipile, v2Target, fileContent);
	const upload = node(
		MEASURED,
		'n8n-nodes-linkedin-messaging.connectSafely',
		{
			resource: 'attachment',
			operation: 'upload',
			account: rl(CONNECTSAFELY_SANDBOX.accountId),
			binaryProperty: 'data',
		},
		{ credentials: { connectSafelyApi: CREDENTIALS.connectSafely } },
	);
	return [
		flow(WORKFLOW.control, 'Bench: 1 KB file (control)', files.small, v2()),
		flow(WORKFLOW.file20, 'Bench: 20 MB file', files.large, v2()),
		flow(WORKFLOW.files10, 'Bench: 10 x 5 MB, v2', files.fiveMbGlob, v2()),
		flow(
			WORKFLOW.files10V1,
			'Bench: 10 x 5 MB, v1',
			files.fiveMbGlob,
			unipileSend(CREDENTIALS.unipileV1, v1Target, fileContent),
		),
		flow(WORKFLOW.files10Cs, 'Bench: 10 x 5 MB, ConnectSafely upload', files.fiveMbGlob, upload),
	];
}

/** 2. Webhooks (server mode): our trigger, the floor trigger and n8n's Webhook node. */
function webhookWorkflows(): WorkflowJson[] {
	const done = () => node('Done', 'n8n-nodes-base.noOp');
	return [
		linearWorkflow(
			'Bench: Unipile Trigger',
			[
				node(
					'Unipile Trigger',
					'n8n-nodes-linkedin-messaging.unipileTrigger',
					{ events: ['message.receipt.read'] },
					{ credentials: { unipileApi: CREDENTIALS.unipile }, webhookId: WEBHOOK_IDS.trigger },
				),
				done(),
			],
			WORKFLOW.trigger,
		),
		linearWorkflow(
			'Bench: floor trigger',
			[node('Floor Trigger', FLOOR_TRIGGER, {}, { webhookId: WEBHOOK_IDS.floorTrigger }), done()],
			WORKFLOW.floorTrigger,
		),
		linearWorkflow(
			'Bench: Webhook node',
			[webhookTrigger({ path: WEBHOOK_IDS.webhookPath, webhookId: WEBHOOK_IDS.webhook }), done()],
			WORKFLOW.webhook,
		),
	];
}

export function benchWorkflows(urls: BenchUrls, files: BenchFiles, sendItems: number) {
	return [
		...sendWorkflows(urls, sendItems),
		...listWorkflows(urls),
		...fileWorkflows(files),
		...webhookWorkflows(),
	];
}
