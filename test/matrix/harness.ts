/**
 * The send invariants of docs/sending.md#invariants, checked over every combination of a send
 * operation × an n8n feature × an API answer × an input, through n8n-core's engine with the node
 * loaded as n8n loads it, against the strict sandboxes. Each `*.matrix.ts` file runs one operation
 * (`npm run test:matrix`). Waits run on the virtual clock (test/engine/clock.ts); request timeouts
 * are real (200 ms).
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { ConnectSafelyApi } from '../../credentials/ConnectSafelyApi.credentials';
import { UnipileApi } from '../../credentials/UnipileApi.credentials';
import { ConnectSafely } from '../../nodes/ConnectSafely/ConnectSafely.node';
import { Unipile } from '../../nodes/Unipile/Unipile.node';
import { rl } from '../../tools/n8n/workflows';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import { CONNECTSAFELY_NETWORK } from '../../tools/sandbox/connectsafelyNetwork';
import { NETWORK } from '../../tools/sandbox/network';
import type { Fault, RecordedRequest, SandboxServer } from '../../tools/sandbox/server';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import { startUnipileV1Sandbox, UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';
import type { RunResult } from '../engine';
import { binaryItem, loadNodeType, loopNode, runWorkflow } from '../engine';
import { drain, settle, useVirtualClock } from '../engine/clock';

type Api = 'unipile' | 'unipileV1' | 'connectSafely';

/** A send operation: its parameters (`text` is where the item's marker goes) and where it posts. */
interface Operation {
	api: Api;
	name: string;
	parameters: INodeParameters;
	/** The field that carries the marker; an expression reading `$json.text`. */
	textField: string;
	path: string;
	/** Items carry a file named after the marker (uploads). */
	file?: boolean;
	/** Not a message: not paced (docs/sending.md). */
	unpaced?: boolean;
	/** The text of the invalid item, when an empty one is valid (an invitation's note is optional). */
	invalidText?: string;
	/**
	 * When an empty text is valid and no text is invalid (a file, a forward's comment): parameters
	 * that make the item whose text is empty invalid, as expressions on `$json.text`.
	 */
	invalidWithoutText?: INodeParameters;
	/**
	 * A field naming the person the item goes to, and the people it picks from: one per item of
	 * each execution, as a second invitation to someone is skipped without a request. Each
	 * combination starts from the reset sandbox: nobody invited, the week's count as seeded
	 * (ConnectSafely 12 of 90; a combination sends at most 6).
	 */
	recipient?: { field: string; people: readonly string[] };
}

const V2 = `/v2/${UNIPILE_SANDBOX.accountId}`;
const CHAT = UNIPILE_SANDBOX.chatIds[0];
const V1_CHAT = UNIPILE_V1_SANDBOX.chatIds[0];
const MESSAGE = UNIPILE_SANDBOX.messageIds[0];
/** The chat a forward goes to. */
const FORWARD_TO = UNIPILE_SANDBOX.chatIds[1];
const relations = UNIPILE_SANDBOX.userIds;
/** Over LinkedIn's 300 characters of an invitation note, and without a marker. */
const LONG_NOTE = 'x'.repeat(301);

export const OPERATIONS: Record<string, Operation> = {
	'unipile.send': {
		api: 'unipile',
		name: 'Unipile Message → Send',
		parameters: { resource: 'message', operation: 'send', chat: rl(CHAT) },
		textField: 'text',
		path: `${V2}/chats/${CHAT}/messages/send`,
	},
	'unipile.reply': {
		api: 'unipile',
		name: 'Unipile Message → Reply',
		parameters: {
			resource: 'message',
			operation: 'reply',
			chat: rl(CHAT),
			messageId: UNIPILE_SANDBOX.messageIds[0],
		},
		textField: 'text',
		path: `${V2}/chats/${CHAT}/messages/send`,
	},
	'unipile.forward': {
		api: 'unipile',
		name: 'Unipile Message → Forward',
		parameters: {
			resource: 'message',
			operation: 'forward',
			chat: rl(CHAT),
			messageId: MESSAGE,
			destinationChat: rl(FORWARD_TO),
		},
		textField: 'text',
		path: `${V2}/chats/${CHAT}/messages/${MESSAGE}/forward`,
		// The comment is optional: the invalid item has no destination chat.
		invalidWithoutText: { destinationChat: rl(`={{ $json.text ? "${FORWARD_TO}" : "" }}`) },
	},
	'unipile.start': {
		api: 'unipile',
		name: 'Unipile Chat → Start',
		parameters: {
			resource: 'chat',
			operation: 'start',
			inbox: rl('CLASSIC_PRIMARY'),
			userId: relations[0],
		},
		textField: 'text',
		path: `${V2}/inboxes/CLASSIC_PRIMARY/chats/send`,
	},
	'unipile.startInMail': {
		api: 'unipile',
		name: 'Unipile Chat → Start with InMail',
		parameters: {
			resource: 'chat',
			operation: 'startInMail',
			inbox: rl('CLASSIC_PRIMARY'),
			userId: NETWORK.openProfile.providerId,
		},
		textField: 'text',
		path: `${V2}/inboxes/CLASSIC_PRIMARY/chats/send`,
	},
	'unipile.startGroup': {
		api: 'unipile',
		name: 'Unipile Chat → Start Group',
		parameters: {
			resource: 'chat',
			operation: 'startGroup',
			inbox: rl('CLASSIC_PRIMARY'),
			userIds: `${relations[0]}, ${relations[1]}`,
		},
		textField: 'text',
		path: `${V2}/inboxes/CLASSIC_PRIMARY/chats/send`,
	},
	'unipile.messageApplicant': {
		api: 'unipile',
		name: 'Unipile Chat → Message Applicant',
		parameters: {
			resource: 'chat',
			operation: 'messageApplicant',
			inbox: rl('CLASSIC_PRIMARY'),
			userId: relations[2],
			applicantId: '7001',
			messagingToken: 'token-7001',
		},
		textField: 'text',
		path: `${V2}/inboxes/CLASSIC_PRIMARY/chats/send`,
	},
	'unipile.messageOrganization': {
		api: 'unipile',
		name: 'Unipile Chat → Message Organization',
		parameters: {
			resource: 'chat',
			operation: 'messageOrganization',
			inbox: rl('CLASSIC_PRIMARY'),
			userId: '1035',
			companyTopic: 'REQUEST_A_DEMO',
		},
		textField: 'text',
		path: `${V2}/inboxes/CLASSIC_PRIMARY/chats/send`,
	},
	'unipile.sendInvitation': {
		api: 'unipile',
		name: 'Unipile Invitation → Send',
		parameters: { resource: 'invitation', operation: 'send' },
		textField: 'note',
		path: `${V2}/users/me/relation-requests`,
		invalidText: LONG_NOTE,
		recipient: {
			field: 'userId',
			people: NETWORK.prospects.map((prospect) => prospect.providerId),
		},
	},
	'unipileV1.send': {
		api: 'unipileV1',
		name: 'Unipile v1 Message → Send',
		parameters: { resource: 'message', operation: 'send', chat: rl(V1_CHAT) },
		textField: 'text',
		path: `/api/v1/chats/${V1_CHAT}/messages`,
	},
	'unipileV1.reply': {
		api: 'unipileV1',
		name: 'Unipile v1 Message → Reply',
		parameters: {
			resource: 'message',
			operation: 'reply',
			chat: rl(V1_CHAT),
			messageId: UNIPILE_V1_SANDBOX.messageIds[0],
		},
		textField: 'text',
		path: `/api/v1/chats/${V1_CHAT}/messages`,
	},
	'unipileV1.start': {
		api: 'unipileV1',
		name: 'Unipile v1 Chat → Start',
		parameters: {
			resource: 'chat',
			operation: 'start',
			inbox: rl('CLASSIC_PRIMARY'),
			userId: UNIPILE_V1_SANDBOX.userIds[0],
		},
		textField: 'text',
		path: '/api/v1/chats',
	},
	'unipileV1.sendInvitation': {
		api: 'unipileV1',
		name: 'Unipile v1 Invitation → Send',
		parameters: { resource: 'invitation', operation: 'send' },
		textField: 'note',
		path: '/api/v1/users/invite',
		invalidText: LONG_NOTE,
		// The same seeded people as v2: both sandboxes play tools/sandbox/network.ts.
		recipient: {
			field: 'userId',
			people: NETWORK.prospects.map((prospect) => prospect.providerId),
		},
	},
	'connectSafely.send': {
		api: 'connectSafely',
		name: 'ConnectSafely Message → Send',
		parameters: {
			resource: 'message',
			operation: 'send',
			recipientProfileId: CONNECTSAFELY_SANDBOX.profileIds[0],
		},
		textField: 'message',
		path: '/linkedin/conversations/send',
	},
	'connectSafely.reply': {
		api: 'connectSafely',
		name: 'ConnectSafely Message → Reply',
		parameters: {
			resource: 'message',
			operation: 'reply',
			conversationUrn: { __rl: true, mode: 'id', value: CONNECTSAFELY_SANDBOX.conversationUrns[0] },
		},
		textField: 'message',
		path: '/linkedin/conversations/send',
	},
	'connectSafely.sendInMail': {
		api: 'connectSafely',
		name: 'ConnectSafely Message → Send InMail',
		parameters: {
			resource: 'message',
			operation: 'sendInMail',
			recipientProfileId: CONNECTSAFELY_SANDBOX.profileIds[1],
		},
		textField: 'message',
		path: '/linkedin/messaging/send',
	},
	'connectSafely.sendWithTyping': {
		api: 'connectSafely',
		name: 'ConnectSafely Message → Send With Typing Indicator',
		parameters: {
			resource: 'message',
			operation: 'sendWithTyping',
			recipientProfileId: CONNECTSAFELY_SANDBOX.profileIds[0],
			additionalFields: { conversationUrn: CONNECTSAFELY_SANDBOX.conversationUrns[0] },
		},
		textField: 'message',
		path: '/linkedin/messaging/send-with-typing',
	},
	'connectSafely.sendInvitation': {
		api: 'connectSafely',
		name: 'ConnectSafely Invitation → Send',
		parameters: { resource: 'invitation', operation: 'send' },
		textField: 'note',
		path: '/linkedin/connect',
		invalidText: LONG_NOTE,
		recipient: {
			field: 'recipientProfileId',
			people: CONNECTSAFELY_NETWORK.prospects.map((prospect) => prospect.profileId),
		},
	},
	'connectSafely.upload': {
		api: 'connectSafely',
		name: 'ConnectSafely Attachment → Upload',
		parameters: { resource: 'attachment', operation: 'upload', binaryProperty: 'data' },
		textField: 'additionalFields.fileName',
		path: '/linkedin/conversations/upload-attachment',
		file: true,
		unpaced: true,
		// An upload's bad input: the item names a binary field it does not have.
		invalidWithoutText: { binaryProperty: '={{ $json.text ? "data" : "missing" }}' },
	},
};

/** n8n's features, as a workflow sets them. */
export const CONDITIONS = [
	'plain',
	'Retry On Fail (3 tries)',
	'Batching (1 per batch)',
	'Continue On Fail (regular output)',
	'Continue On Fail (error output)',
	'Execute Once',
	'the node run twice in one execution',
	'3 concurrent executions',
	'two nodes on one account',
	'the default account',
	'the account by ID',
] as const;
type Condition = (typeof CONDITIONS)[number];

/** What the API answers every send of the operation. */
export const ANSWERS = [
	'2xx',
	'400',
	'404',
	'429 retry-after 0',
	'429 retry-after 1',
	'429 retry-after 1 day',
	'429 retry-after as an HTTP date',
	'500',
	'502',
	'504',
	'a timeout',
	'a reset after the body was sent',
] as const;
type Answer = (typeof ANSWERS)[number];

export const INPUTS = [
	'all items valid',
	'the last item invalid',
	'an expression that throws only on its second evaluation',
] as const;
type Input = (typeof INPUTS)[number];

const REFUSED = new Set<Answer>([
	'400',
	'404',
	'429 retry-after 0',
	'429 retry-after 1',
	'429 retry-after 1 day',
	'429 retry-after as an HTTP date',
]);
const GAP_MS = 5000;
/** The request timeout when the answer is a timeout; otherwise n8n's default, so load cannot fake one. */
const TIMEOUT_MS = 200;
const ITEMS = 2;

function errorBody(api: Api, status: number, type: string) {
	if (api === 'connectSafely') return { success: false, error: `Sandbox answer ${status}` };
	if (api === 'unipileV1') return { title: 'Sandbox answer', type: `errors/${type}`, status };
	return {
		object: 'Error',
		type: `api/${type}`,
		status,
		title: 'Sandbox answer',
		detail: 'Sandbox answer',
	};
}

function faultOf(api: Api, answer: Answer): Fault | undefined {
	const limited = (retryAfter: string): Fault => ({
		kind: 'respond',
		status: 429,
		headers: { 'retry-after': retryAfter },
		body: errorBody(api, 429, 'too_many_requests'),
	});
	switch (answer) {
		case '2xx':
			return undefined;
		case '400':
			return { kind: 'respond', status: 400, body: errorBody(api, 400, 'invalid_parameters') };
		case '404':
			return { kind: 'respond', status: 404, body: errorBody(api, 404, 'resource_not_found') };
		case '429 retry-after 0':
			return limited('0');
		case '429 retry-after 1':
			return limited('1');
		case '429 retry-after 1 day':
			return limited('86400');
		case '429 retry-after as an HTTP date':
			return limited(new Date(Date.now() + 60_000).toUTCString());
		case 'a timeout':
			return { kind: 'hang' };
		case 'a reset after the body was sent':
			return { kind: 'reset' };
		default:
			return {
				kind: 'respond',
				status: Number(answer),
				body: errorBody(api, Number(answer), 'unexpected'),
			};
	}
}

const sandboxes: Partial<Record<Api, SandboxServer & { baseUrl?: string; dsn?: string }>> = {};

export async function startSandbox(api: Api) {
	sandboxes[api] ??=
		api === 'unipile'
			? await startUnipileSandbox()
			: api === 'unipileV1'
				? await startUnipileV1Sandbox()
				: await startConnectSafelySandbox();
}

export async function stopSandboxes() {
	for (const sandbox of Object.values(sandboxes)) await sandbox?.close();
}

function setupOf(api: Api): {
	nodeType: INodeType;
	credential: ICredentialType;
	data: ICredentialDataDecryptedObject;
} {
	const sandbox = sandboxes[api] as SandboxServer & { baseUrl: string; dsn: string };
	if (api === 'connectSafely') {
		return {
			nodeType: loadNodeType(ConnectSafely),
			credential: new ConnectSafelyApi(),
			data: { apiKey: CONNECTSAFELY_SANDBOX.apiKey, baseUrl: sandbox.baseUrl },
		};
	}
	return {
		nodeType: loadNodeType(Unipile),
		credential: new UnipileApi(),
		data:
			api === 'unipile'
				? { apiKey: UNIPILE_SANDBOX.apiKey, baseUrl: sandbox.baseUrl }
				: { apiVersion: 'v1', apiKey: UNIPILE_V1_SANDBOX.apiKey, dsn: sandbox.dsn },
	};
}

function accountOf(api: Api, condition: Condition): INodeParameters['account'] {
	if (api === 'connectSafely') {
		return condition === 'the default account'
			? { __rl: true, mode: 'list', value: '' }
			: rl(CONNECTSAFELY_SANDBOX.accountId);
	}
	const id = api === 'unipile' ? UNIPILE_SANDBOX.accountId : UNIPILE_V1_SANDBOX.accountId;
	return condition === 'the account by ID' ? rl(id) : { __rl: true, mode: 'list', value: id };
}

const marker = (execution: number, item: number) => `m${execution}i${item}`;

/** The person an item goes to, for operations that send each item to its own. */
const personOf = (operation: Operation, execution: number, item: number) =>
	operation.recipient?.people[(execution - 1) * ITEMS + item];

/** An expression that fails in n8n's own (second) evaluation of the bad item, nowhere else. */
const flaky =
	'={{ ($json.k = ($json.k ?? 0) + 1) && ($json.k === 2 && $json.bad ? $("Nowhere").first().json.x : $json.text) }}';

function itemsOf(operation: Operation, execution: number, input: Input): INodeExecutionData[] {
	return Array.from({ length: ITEMS }, (_, index) => {
		const last = index === ITEMS - 1;
		const text =
			input === 'the last item invalid' && last
				? (operation.invalidText ?? '')
				: marker(execution, index);
		const json = {
			text,
			bad: input !== 'all items valid' && last,
			...(operation.recipient ? { person: personOf(operation, execution, index) } : {}),
		};
		if (!operation.file) return { json };
		const content = Buffer.from(`file of ${marker(execution, index)}`);
		return binaryItem(json, {
			data: { data: content, mimeType: 'text/plain', fileName: `${text || 'x'}.txt` },
		});
	});
}

function parametersOf(
	operation: Operation,
	condition: Condition,
	answer: Answer,
	input: Input,
): INodeParameters {
	const text =
		input === 'an expression that throws only on its second evaluation'
			? flaky
			: '={{ $json.text }}';
	const parameters: INodeParameters = {
		account: accountOf(operation.api, condition),
		...operation.parameters,
		sendingOptions: { minDelay: GAP_MS / 1000, maxDelay: GAP_MS / 1000 },
		requestOptions: {
			...(answer === 'a timeout' ? { timeout: TIMEOUT_MS } : {}),
			...(condition === 'Batching (1 per batch)'
				? { batching: { batch: { batchSize: 1, batchInterval: 1000 } } }
				: {}),
		},
	};
	const [top, inner] = operation.textField.split('.');
	if (inner) parameters[top] = { ...(parameters[top] as INodeParameters), [inner]: text };
	else parameters[top] = text;
	if (operation.recipient) parameters[operation.recipient.field] = '={{ $json.person }}';
	if (operation.invalidWithoutText && input === 'the last item invalid')
		Object.assign(parameters, operation.invalidWithoutText);
	return parameters;
}

function settingsOf(condition: Condition): Partial<INode> {
	switch (condition) {
		// Wait Between Tries: n8n's first wait is a real timer, so 1 ms, not the default 1000.
		case 'Retry On Fail (3 tries)':
			return { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 };
		case 'Continue On Fail (regular output)':
			return { onError: 'continueRegularOutput' };
		case 'Continue On Fail (error output)':
			return { onError: 'continueErrorOutput' };
		case 'Execute Once':
			return { executeOnce: true };
		default:
			return {};
	}
}

interface Execution {
	number: number;
	result: RunResult;
}

async function execute(
	operation: Operation,
	condition: Condition,
	answer: Answer,
	input: Input,
	number: number,
	nodeName = 'Send',
): Promise<Execution> {
	const { nodeType, credential, data } = setupOf(operation.api);
	const node: INode = {
		id: nodeName,
		name: nodeName,
		type: 'test.send',
		typeVersion: 1,
		position: [400, 0],
		parameters: parametersOf(operation, condition, answer, input),
		credentials: { [credential.name]: { id: 'cred', name: 'cred' } },
		...settingsOf(condition),
	};
	const looped = condition === 'the node run twice in one execution';
	const result = await runWorkflow({
		nodeTypes: { 'test.send': nodeType, 'test.loop': loopNode(1) },
		credentialTypes: [credential],
		credentials: { cred: { type: credential.name, data } },
		nodes: looped
			? [
					{
						id: 'loop',
						name: 'Loop',
						type: 'test.loop',
						typeVersion: 1,
						position: [200, 0],
						parameters: {},
					},
					node,
				]
			: [node],
		connections: looped
			? {
					Start: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
					Loop: { main: [[], [{ node: nodeName, type: 'main', index: 0 }]] },
					[nodeName]: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
				}
			: { Start: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		inputItems: itemsOf(operation, number, input),
	});
	return { number, result };
}

/**
 * Runs one combination and checks every invariant. The sandbox lets the first send through, then
 * answers `answer` to every other: runs end partly sent, the case whose truth is hardest to tell.
 */
export async function check(
	operation: Operation,
	condition: Condition,
	answer: Answer,
	input: Input,
) {
	const sandbox = sandboxes[operation.api] as SandboxServer;
	sandbox.reset();
	const fault = faultOf(operation.api, answer);
	if (fault) sandbox.inject({ method: 'POST', path: operation.path, times: 1000, after: 1, fault });
	const numbers =
		condition === '3 concurrent executions'
			? [1, 2, 3]
			: condition === 'two nodes on one account'
				? [1, 2]
				: [1];
	const executions = await settle(
		Promise.all(
			numbers.map((number) =>
				execute(operation, condition, answer, input, number, `Send ${number}`),
			),
		),
	);
	const before = sandbox.requests.length;
	await drain();
	// Let every wait still pending end: nothing may leave after the node failed or finished.
	await settle(drain(200));
	expect({ requestsAfterTheEnd: sandbox.requests.length - before }).toEqual({
		requestsAfterTheEnd: 0,
	});

	const sends = sandbox.requests.filter(
		(request) => request.method === 'POST' && request.path === operation.path,
	);
	const itemOf = (request: RecordedRequest) =>
		/m(\d+)i(\d+)/.exec(request.rawBody.toString('latin1'))?.slice(1).map(Number);

	// 1. Each item's request leaves at most once, unless refused (then at most 3 times).
	const perItem = new Map<string, RecordedRequest[]>();
	for (const request of sends) {
		const [execution, item] = itemOf(request) ?? [-1, -1];
		const key = `${execution}:${item}`;
		perItem.set(key, [...(perItem.get(key) ?? []), request]);
	}
	expect({ unmarked: perItem.get('-1:-1')?.length ?? 0 }).toEqual({ unmarked: 0 });
	for (const [key, requests] of perItem) {
		const bound = REFUSED.has(answer) ? 3 : 1;
		expect({ item: key, sends: Math.min(requests.length, bound + 1) }).toEqual({
			item: key,
			sends: Math.min(requests.length, bound),
		});
	}

	// Each item goes to its own person: none is skipped as invited already by another item.
	if (operation.recipient) {
		for (const request of sends) {
			const [execution, item] = itemOf(request) ?? [-1, -1];
			expect({
				execution,
				item,
				toItsPerson: Object.values(request.body as object).includes(
					personOf(operation, execution, item),
				),
			}).toEqual({ execution, item, toItsPerson: true });
		}
	}

	// 4. Sends of one account are at least the pacing gap apart.
	const ordered = [...sandbox.requests]
		.filter((request) => request.method === 'POST' && request.path === operation.path)
		.sort((a, b) => a.receivedAt - b.receivedAt);
	for (let index = 1; index < (operation.unpaced ? 0 : ordered.length); index++) {
		const previousEnd = ordered[index - 1].respondedAt ?? ordered[index - 1].receivedAt;
		expect({ gapMs: ordered[index].receivedAt - previousEnd >= GAP_MS }).toEqual({ gapMs: true });
	}

	// A retry builds the flaky expression again, and it no longer throws: the input is good then.
	const badInput =
		input === 'the last item invalid' ||
		(input !== 'all items valid' && condition !== 'Retry On Fail (3 tries)');
	const continues = condition.startsWith('Continue On Fail');
	const looped = condition === 'the node run twice in one execution';
	for (const { number, result } of executions) {
		const own = sends.filter((request) => itemOf(request)?.[0] === number);
		const answered = (accept: (status: number | undefined) => boolean) =>
			new Set(
				own
					.filter((request) => accept(request.status))
					.map((request) => itemOf(request)?.[1] ?? -1),
			);
		const sent = answered((status) => status !== undefined && status >= 200 && status < 300);
		const unknown = answered((status) => status === undefined || status >= 500);

		// 6. Nothing is sent when an input is bad: in its run, unless the node continues on error or
		// sends only item 0. In a loop each run has one item: only the bad one's run sends nothing.
		if (badInput && !continues && condition !== 'Execute Once') {
			const bad = own.filter((request) => !looped || itemOf(request)?.[1] === ITEMS - 1);
			expect({ execution: number, sendsInTheBadRun: bad.length }).toEqual({
				execution: number,
				sendsInTheBadRun: 0,
			});
		}
		// Not vacuous: an execution whose bad input does not stop it sends its first item (the
		// sandbox answers the first send 2xx, every later one `answer`).
		if (!(badInput && !continues && condition !== 'Execute Once' && !looped)) {
			expect({
				execution: number,
				firstItemLeft: own.some((request) => itemOf(request)?.[1] === 0),
			}).toEqual({
				execution: number,
				firstItemLeft: true,
			});
		}
		// 5. With every item valid and 2xx answers, every item is sent exactly once.
		if (!badInput && answer === '2xx') {
			const expected =
				condition === 'Execute Once' ? [0] : Array.from({ length: ITEMS }, (_, index) => index);
			expect({ execution: number, status: result.status, sent: [...sent].sort() }).toEqual({
				execution: number,
				status: 'success',
				sent: expected,
			});
		}
		// 3. A failed run's error names exactly what went out.
		if (result.status === 'error') {
			const message = result.error?.message ?? '';
			const named = (what: string) => {
				const match = new RegExp(
					`\\d+ (?:connection requests?|\\w+) of this run ${what} \\(items? ([\\d, ]+)\\)`,
				).exec(message);
				return match ? match[1].split(', ').map(Number) : [];
			};
			if (!looped) {
				// Sent items are named as sent, or as "may have gone out" when the answer came after the
				// client gave up; items without an answer as "may have gone out"; nothing else.
				const wentOut = named('went out');
				const mayHave = named('may have gone out');
				expect({
					execution: number,
					wentOutWasSent: wentOut.every((item) => sent.has(item)),
					everySentNamed: [...sent].every(
						(item) => wentOut.includes(item) || mayHave.includes(item),
					),
					unansweredNamed: [...unknown]
						.filter((item) => !sent.has(item))
						.every((item) => mayHave.includes(item)),
					namedWereSent: mayHave.every((item) => sent.has(item) || unknown.has(item)),
				}).toEqual({
					execution: number,
					wentOutWasSent: true,
					everySentNamed: true,
					unansweredNamed: true,
					namedWereSent: true,
				});
			} else if ((sent.has(0) || unknown.has(0)) && input === 'the last item invalid') {
				// Run 2 failed: run 1's item counts as an earlier run's. (When n8n itself fails the node
				// building an item, the error is n8n's own: docs/sending.md#invariants.)
				expect(message).toMatch(
					/1 (?:connection request|\w+) went out in earlier runs of this node in this execution/,
				);
			}
		}
	}
}

/** One operation's whole matrix: every condition × answer × input. */
export function matrix(key: keyof typeof OPERATIONS) {
	const operation = OPERATIONS[key];
	beforeAll(async () => await startSandbox(operation.api));
	afterAll(async () => await stopSandboxes());
	useVirtualClock();
	describe.each(CONDITIONS)(`${operation.name}, %s`, (condition) => {
		it.each(ANSWERS.flatMap((answer) => INPUTS.map((input) => [answer, input] as const)))(
			'answered %s, %s',
			async (answer, input) => await check(operation, condition, answer, input),
		);
	});
}
