/**
 * The benched workflows. Headless ones start with a Manual Trigger (`n8n execute` needs one) and
 * make their input without a Code node: a Code node starts n8n's task runner, about 2 s of every
 * run. The measured node is always named `Measured`. Timed nodes come after a 2 s Wait: a fresh n8n
 * is still busy for a moment after it boots (e.g. filling its pool of expression isolates), which
 * made single timings vary by 2× without it.
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
	unipileBig: { id: 'benchUnipileBig01', name: 'Unipile sandbox, 10,000 chats' },
	unipileV1: { id: 'benchUnipileV1001', name: 'Unipile v1 sandbox' },
	connectSafelyBig: {
		id: 'benchConnectSaf01',
		name: 'ConnectSafely sandbox, 10,000 conversations',
	},
	floor: { id: 'benchFloorCred001', name: 'Bench floor' },
};

/** Workflow IDs (16 characters at most). */
export const WORKFLOW = {
	sendOurs: 'benchSendOurs001',
	sendFloor: 'benchSendFloor01',
	sendHttp: 'benchSendHttp001',
	chatsOurs: 'benchChatsOurs01',
	chatsHttp: 'benchChatsHttp01',
	convsOurs: 'benchConvsOurs01',
	convsHttp: 'benchConvsHttp01',
	control: 'benchControl0001',
	file20: 'benchFile20MB001',
	files10: 'benchFiles10x5v2',
	controlV1: 'benchControlV101',
	files10V1: 'benchFiles10x5v1',
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

/** `count` items `{ text: 'Bench <i>' }`: a static JSON list (Edit Fields, raw) split into items. */
function textItems(count: number): INode[] {
	const list = Array.from({ length: count }, (_, index) => ({ text: `Bench ${index}` }));
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

function unipileSend(
	credential: { id: string; name: string },
	target: { account: string; chat: string },
	content: INodeParameters,
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
			sendingOptions: { pacing: false },
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

/** The POST every send figure makes, relative to the v2 base URL. */
export const SEND_PATH = `/${v2Target.account}/chats/${v2Target.chat}/messages/send`;

interface BenchUrls {
	/** v2 sandbox base URL (`.../v2`). */
	unipile: string;
	/** The 10,000-chat v2 sandbox's base URL. */
	unipileBig: string;
	/** The 10,000-conversation ConnectSafely sandbox's base URL. */
	connectSafelyBig: string;
}

/** 1. Sends: ours, the declarative floor and the HTTP Request node, same POST, same items. */
function sendWorkflows(urls: BenchUrls, items: number): WorkflowJson[] {
	const ours = unipileSend(CREDENTIALS.unipile, v2Target, { text: '={{ $json.text }}' });
	const floor = node(
		MEASURED,
		FLOOR_NODE,
		{ operation: 'send', text: '={{ $json.text }}' },
		{ credentials: { [FLOOR_CREDENTIAL]: CREDENTIALS.floor } },
	);
	const http = node(
		MEASURED,
		'n8n-nodes-base.httpRequest',
		{
			method: 'POST',
			url: `${urls.unipile}${SEND_PATH}`,
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
		linearWorkflow(name, [manualTrigger(), ...textItems(items), settle(), measured], id);
	return [
		flow(WORKFLOW.sendOurs, 'Bench: Unipile send', ours),
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

/** 4 and 6. Attachments through Unipile Send (pacing off): v2 (base64 JSON) and v1 (multipart). */
function fileWorkflows(files: BenchFiles): WorkflowJson[] {
	const flow = (
		id: string,
		name: string,
		selector: string,
		credential: { id: string; name: string },
		target: { account: string; chat: string },
	) =>
		linearWorkflow(
			name,
			[manualTrigger(), readFiles(selector), unipileSend(credential, target, fileContent)],
			id,
		);
	return [
		flow(
			WORKFLOW.control,
			'Bench: 1 KB file (control)',
			files.small,
			CREDENTIALS.unipile,
			v2Target,
		),
		flow(WORKFLOW.file20, 'Bench: 20 MB file', files.large, CREDENTIALS.unipile, v2Target),
		flow(WORKFLOW.files10, 'Bench: 10 x 5 MB, v2', files.fiveMbGlob, CREDENTIALS.unipile, v2Target),
		flow(
			WORKFLOW.controlV1,
			'Bench: 1 KB file, v1 (control)',
			files.small,
			CREDENTIALS.unipileV1,
			v1Target,
		),
		flow(
			WORKFLOW.files10V1,
			'Bench: 10 x 5 MB, v1',
			files.fiveMbGlob,
			CREDENTIALS.unipileV1,
			v1Target,
		),
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
