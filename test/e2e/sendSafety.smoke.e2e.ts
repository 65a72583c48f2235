/**
 * The send guarantees' core cases in a real n8n (docs/sending.md): n8n's Retry On Fail after an
 * answer that does not say whether the message went out, and a partly sent run whose error tells
 * what went out and whose re-run sends only the rest. Part of the smoke set that runs against
 * n8n@latest every week (.github/workflows/n8n-latest.yml).
 */
import type { IDataObject } from 'n8n-workflow';

import type { N8nInstall } from '../../tools/n8n';
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
	repoRoot,
	rl,
} from '../../tools/n8n';
import { unipileApi } from '../../tools/sandbox/credentials';
import type { RecordedRequest } from '../../tools/sandbox/server';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';

const UNIPILE = 'n8n-nodes-linkedin-messaging.unipile';
const credentials = { unipileApi: { id: 'e2eSafety00000001', name: 'Unipile sandbox' } };
const ACCOUNT = UNIPILE_SANDBOX.accountId;
const CHAT = UNIPILE_SANDBOX.chatIds[0];
const SEND = `/v2/${ACCOUNT}/chats/${CHAT}/messages/send`;

const items = (texts: Array<[string, string]>) =>
	node(
		'Leads',
		'n8n-nodes-base.code',
		{
			jsCode: `return ${JSON.stringify(texts.map(([text, chat]) => ({ json: { text, chat } })))};`,
		},
		{ typeVersion: 2 },
	);
const send = (extra: IDataObject = {}) =>
	node(
		'Send',
		UNIPILE,
		{
			account: rl(ACCOUNT),
			resource: 'message',
			operation: 'send',
			chat: rl('={{ $json.chat }}'),
			text: '={{ $json.text }}',
			sendingOptions: { minDelay: 0.2, maxDelay: 0.3 },
		},
		{ credentials, ...extra },
	);

const retried = linearWorkflow(
	'E2E safety: 504 with Retry On Fail',
	[manualTrigger(), items([['Hello once', CHAT]]), send({ retryOnFail: true, maxTries: 3 })],
	'e2eSafetyRetry01',
);
/** Item 2's chat does not exist: the API refuses it. */
const partly = (id: string, third: string) =>
	linearWorkflow(
		'E2E safety: partly sent',
		[
			manualTrigger(),
			items([
				['Lead A', CHAT],
				['Lead B', CHAT],
				['Lead C', third],
				['Lead D', CHAT],
			]),
			send(),
		],
		id,
	);
const refusedThird = partly('e2eSafetyPartly01', 'no-such-chat');
const fixedThird = partly('e2eSafetyFixed001', CHAT);

const posts = (requests: RecordedRequest[]) =>
	requests
		.filter((request) => request.method === 'POST' && request.path.startsWith('/v2/'))
		.map((request) => `${request.path} ${(request.body as { text: string }).text}`);

describe('send safety in a real n8n', () => {
	let install: N8nInstall;
	let userFolder: string;
	let sandbox: UnipileSandbox;

	beforeAll(
		async () => {
			install = await ensureN8nInstalled();
			userFolder = createUserFolder({ install });
			installPackage(userFolder, repoRoot());
			sandbox = await startUnipileSandbox();
			await importCredentials(userFolder, [unipileApi(credentials.unipileApi, sandbox)]);
			await importWorkflows(userFolder, [retried, refusedThird, fixedThird]);
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await sandbox?.close());
	beforeEach(() => sandbox.reset());

	it("sends once when the API answers 504 and n8n's Retry On Fail runs the node again", async () => {
		sandbox.inject({
			method: 'POST',
			path: SEND,
			times: 10,
			fault: {
				kind: 'respond',
				status: 504,
				body: {
					object: 'Error',
					type: 'api/gateway_timeout',
					status: 504,
					title: 'Gateway timeout',
				},
			},
		});
		const result = await executeWorkflow(userFolder, retried.id as string);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Unipile did not confirm the message (HTTP 504: Unipile: Gateway timeout): it may have gone out. 1 message of this run may have gone out (item 0)',
		);
		expect(posts(sandbox.requests)).toEqual([`${SEND} Hello once`]);
	});

	it('lists what went out when item 2 of 4 is refused, and a re-run sends only the rest', async () => {
		const first = await executeWorkflow(userFolder, refusedThird.id as string);
		expect(first.status).toBe('error');
		expect(first.error?.message).toBe(
			'Unipile: Chat no-such-chat not found. 2 messages of this run went out (items 0, 1)',
		);
		expect(posts(sandbox.requests)).toEqual([`${SEND} Lead A`, `${SEND} Lead B`]);

		sandbox.requests.length = 0;
		const again = await executeWorkflow(userFolder, fixedThird.id as string);
		expect(again.status).toBe('success');
		expect(outputOf(again.runData, 'Send').map((output) => output.skipped ?? false)).toEqual([
			true,
			true,
			false,
			false,
		]);
		expect(posts(sandbox.requests)).toEqual([`${SEND} Lead C`, `${SEND} Lead D`]);
	});
});
