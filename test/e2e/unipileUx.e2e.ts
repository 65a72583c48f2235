/**
 * The Unipile node in a real n8n 2.41.1 where the in-process engine cannot stand in: a downloaded
 * attachment in n8n's binary store, the words the nodes panel finds our nodes by, and what the
 * editor receives from a list that needs the account first.
 */
import type { IDataObject } from 'n8n-workflow';

import type { N8nServer } from '../../tools/n8n';
import {
	createUserFolder,
	ensureN8nInstalled,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installPackage,
	linearWorkflow,
	manualTrigger,
	N8nHttpError,
	node,
	outputOf,
	repoRoot,
	rl,
	startN8n,
} from '../../tools/n8n';
import { unipileApi } from '../../tools/sandbox/credentials';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { SANDBOX_PDF, startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';

const UNIPILE = 'n8n-nodes-linkedin-messaging.unipile';
const TRIGGER = 'n8n-nodes-linkedin-messaging.unipileTrigger';
const credential = { unipileApi: { id: 'e2eUnipileUx00001', name: 'Unipile sandbox' } };
const FILE = UNIPILE_SANDBOX.attachment;

/** Download the PDF a prospect sent, then read the binary field back as base64 with n8n's own node. */
const downloadFlow = linearWorkflow(
	'E2E Unipile: download an attachment',
	[
		manualTrigger(),
		node(
			'Download',
			UNIPILE,
			{
				account: rl(UNIPILE_SANDBOX.accountId),
				resource: 'attachment',
				operation: 'download',
				chat: rl(FILE.chatId),
				message: rl(FILE.messageId),
				attachment: rl(FILE.attachmentId),
				binaryPropertyName: 'proposal',
			},
			{ credentials: credential },
		),
		node('Read Back', 'n8n-nodes-base.extractFromFile', {
			operation: 'binaryToPropery',
			binaryPropertyName: 'proposal',
			destinationKey: 'content',
		}),
	],
	'e2eUnipileDownload1',
);

/** A send whose text resolves to nothing: the node's check fails it before any request. */
const emptyText = linearWorkflow(
	'E2E Unipile: a failed check',
	[
		manualTrigger(),
		node(
			'Send',
			UNIPILE,
			{
				account: rl(UNIPILE_SANDBOX.accountId),
				resource: 'message',
				operation: 'send',
				chat: rl(UNIPILE_SANDBOX.chatIds[0]),
				text: '={{ " " }}',
				sendingOptions: { pacing: false },
			},
			{ credentials: credential },
		),
	],
	'e2eUnipileCheck0001',
);

describe('the Unipile node in a real n8n 2.41.1', () => {
	let userFolder: string;
	let sandbox: UnipileSandbox;

	beforeAll(
		async () => {
			const install = await ensureN8nInstalled();
			userFolder = createUserFolder({ install });
			installPackage(userFolder, repoRoot());
			sandbox = await startUnipileSandbox();
			await importCredentials(userFolder, [unipileApi(credential.unipileApi, sandbox)]);
			await importWorkflows(userFolder, [downloadFlow, emptyText]);
		},
		20 * 60 * 1000,
	);
	afterAll(async () => await sandbox?.close());
	beforeEach(() => sandbox.reset());

	it('Attachment → Download puts the file, named and typed, in n8n’s binary store', async () => {
		const result = await executeWorkflow(userFolder, downloadFlow.id as string);
		expect(result.error).toBeUndefined();
		const requests = sandbox.requests.filter((request) => request.path.startsWith('/v2/'));
		const message = `/v2/${UNIPILE_SANDBOX.accountId}/chats/${FILE.chatId}/messages/${FILE.messageId}`;
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET ${message}`,
			`GET ${message}/attachments/${FILE.attachmentId}`,
		]);
		const [item] = result.runData.Download[0].data?.main[0] ?? [];
		expect(item.json).toEqual({
			chat_id: FILE.chatId,
			message_id: FILE.messageId,
			attachment_id: FILE.attachmentId,
			type: 'file',
			file_name: 'proposal.pdf',
			mime_type: 'application/pdf',
			size: SANDBOX_PDF.length,
		});
		expect(item.binary?.proposal).toMatchObject({
			fileName: 'proposal.pdf',
			mimeType: 'application/pdf',
			fileExtension: 'pdf',
		});
		const [readBack] = outputOf(result.runData, 'Read Back');
		expect(Buffer.from(String(readBack.content), 'base64').equals(SANDBOX_PDF)).toBe(true);
	});

	it('keeps a failed check apart from an answer of Unipile (no HTTP code, no messages)', async () => {
		const result = await executeWorkflow(userFolder, emptyText.id as string);
		expect(sandbox.requests.filter((request) => request.path.startsWith('/v2/'))).toEqual([]);
		// What the editor's error panel reads: "From Unipile" needs an httpCode or messages.
		const error = result.error as unknown as IDataObject;
		expect({
			message: error.message,
			description: error.description,
			httpCode: error.httpCode ?? null,
			messages: error.messages,
		}).toEqual({
			message: 'The "Text" parameter is empty and no file is attached',
			description: 'Write a message in "Text", or add a file under "Attachments".',
			httpCode: null,
			messages: [],
		});
	});

	describe('in the editor', () => {
		let server: N8nServer;
		beforeAll(async () => (server = await startN8n({ userFolder })), 5 * 60 * 1000);
		afterAll(async () => await server?.stop());

		it('gives the nodes panel the words our nodes are found by', async () => {
			const types = await server.listNodeTypes();
			const aliases = (name: string) =>
				(types.find((type) => type.name === name)?.codex as IDataObject | undefined)?.alias;
			for (const name of [UNIPILE, TRIGGER]) {
				expect({ name, alias: aliases(name) }).toEqual({
					name,
					alias: expect.arrayContaining(['LinkedIn', 'LinkedIn message', 'InMail', 'DM']),
				});
			}
		});

		const chats = async (account: IDataObject) =>
			await server.rest.post<{ results: Array<{ value: string }> }>(
				'/dynamic-node-parameters/resource-locator-results',
				{
					path: 'chat',
					methodName: 'getChats',
					nodeTypeAndVersion: { name: UNIPILE, version: 1 },
					currentNodeParameters: {
						resource: 'message',
						operation: 'send',
						account,
						chat: { __rl: true, mode: 'list', value: '' },
					},
					credentials: credential,
				},
			);

		it('answers the Chat list with "Select an Account first" until an account is picked', async () => {
			const failure = await chats({ __rl: true, mode: 'list', value: '' }).then(
				() => undefined,
				(error: unknown) => error,
			);
			expect(failure).toBeInstanceOf(N8nHttpError);
			expect((failure as N8nHttpError).status).toBe(500);
			expect(JSON.parse((failure as N8nHttpError).body)).toMatchObject({
				message: 'Select an Account first',
			});
			expect(sandbox.requests.filter((request) => request.path.startsWith('/v2/'))).toEqual([]);
			const listed = await chats({ __rl: true, mode: 'list', value: UNIPILE_SANDBOX.accountId });
			expect(listed.results.slice(0, 2).map((entry) => entry.value)).toEqual([
				'chat_0001',
				'chat_0002',
			]);
		});
	});
});
