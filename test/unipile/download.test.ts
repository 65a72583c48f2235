/**
 * Attachment → Download puts the file in a binary field with its name and type; Chat → Get Many of
 * one LinkedIn product on v1 keeps that product's chats page by page. Through n8n-core's engine
 * against the strict sandboxes.
 */
import { BINARY_ENCODING } from 'n8n-workflow';

import { rl } from '../../tools/n8n/workflows';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { SANDBOX_PDF, startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import type { UnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import {
	startUnipileV1Sandbox,
	UNIPILE_V1_SANDBOX,
	V1_SANDBOX_PDF,
} from '../../tools/sandbox/unipileV1';
import { apiRequests, runUnipile, runUnipileV1 } from './helpers';

const V2_FILE = UNIPILE_SANDBOX.attachment;
const V1_FILE = UNIPILE_V1_SANDBOX.attachment;
const MESSAGE_PATH = `/v2/${UNIPILE_SANDBOX.accountId}/chats/${V2_FILE.chatId}/messages/${V2_FILE.messageId}`;

const download = (ids: { chatId: string; messageId: string; attachmentId: string }) => ({
	resource: 'attachment',
	operation: 'download',
	chat: rl(ids.chatId),
	message: rl(ids.messageId),
	attachment: rl(ids.attachmentId),
	binaryPropertyName: 'file',
});

describe('Attachment → Download on v2', () => {
	let sandbox: UnipileSandbox;
	beforeAll(async () => (sandbox = await startUnipileSandbox()));
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it('puts the file in the binary field with its name and MIME type', async () => {
		const result = await runUnipile(sandbox, download(V2_FILE));
		expect(result.error).toBeUndefined();
		const [item] = result.output('Unipile');
		expect(item.json).toEqual({
			chat_id: V2_FILE.chatId,
			message_id: V2_FILE.messageId,
			attachment_id: V2_FILE.attachmentId,
			type: 'file',
			file_name: 'proposal.pdf',
			mime_type: 'application/pdf',
			size: SANDBOX_PDF.length,
		});
		const file = item.binary?.file;
		expect(file).toMatchObject({
			fileName: 'proposal.pdf',
			mimeType: 'application/pdf',
			fileExtension: 'pdf',
		});
		expect(Buffer.from(file?.data ?? '', BINARY_ENCODING).equals(SANDBOX_PDF)).toBe(true);
		expect(apiRequests(sandbox)[1].headers.accept).toBe('*/*');
	});

	it('downloads nothing when the message has no such attachment, and lists those it has', async () => {
		const result = await runUnipile(sandbox, { ...download(V2_FILE), attachment: rl('att_nope') });
		expect(apiRequests(sandbox).map((request) => request.path)).toEqual([MESSAGE_PATH]);
		expect(result.error).toEqual({
			message: `Message ${V2_FILE.messageId} has no attachment "att_nope"`,
			description: `Its attachments are: ${V2_FILE.attachmentId} (proposal.pdf). Pick one from the "Attachment" list.`,
			nodeName: 'Unipile',
		});
	});

	it('downloads nothing when LinkedIn removed the file', async () => {
		sandbox.inject({
			method: 'GET',
			path: MESSAGE_PATH,
			fault: {
				kind: 'respond',
				status: 200,
				body: {
					object: 'Message',
					id: V2_FILE.messageId,
					attachments: [
						{
							id: V2_FILE.attachmentId,
							filename: 'proposal.pdf',
							mimetype: 'application/pdf',
							is_unavailable: true,
						},
					],
				},
			},
		});
		const result = await runUnipile(sandbox, download(V2_FILE));
		expect(apiRequests(sandbox)).toHaveLength(1);
		expect(result.error?.message).toBe(
			`The attachment "proposal.pdf" is no longer available: it was removed from LinkedIn's servers`,
		);
	});

	it("reads Unipile's refusal of the download although the answer is read as bytes", async () => {
		sandbox.inject({
			method: 'GET',
			path: `${MESSAGE_PATH}/attachments/${V2_FILE.attachmentId}`,
			fault: {
				kind: 'respond',
				status: 404,
				body: {
					object: 'Error',
					type: 'api/resource_not_found',
					status: 404,
					title: 'Resource not found',
					detail: 'Attachment not found',
				},
			},
		});
		const result = await runUnipile(sandbox, download(V2_FILE));
		expect(apiRequests(sandbox)).toHaveLength(2);
		expect(result.error).toEqual({
			message: 'Unipile: Attachment not found',
			description:
				'Check the Account, Chat, Message and Inbox fields: one of them does not exist for this API key.',
			nodeName: 'Unipile',
		});
	});
});

describe('on v1', () => {
	let sandbox: UnipileV1Sandbox;
	beforeAll(async () => (sandbox = await startUnipileV1Sandbox()));
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());
	const sent = () => sandbox.requests.filter((request) => request.path.startsWith('/api/v1/'));

	it('Attachment → Download puts the file in the binary field with its name and MIME type', async () => {
		const result = await runUnipileV1(sandbox, download(V1_FILE));
		expect(result.error).toBeUndefined();
		const [item] = result.output('Unipile');
		expect(item.json).toMatchObject({ file_name: 'proposal.pdf', mime_type: 'application/pdf' });
		expect(item.binary?.file).toMatchObject({
			fileName: 'proposal.pdf',
			mimeType: 'application/pdf',
		});
		expect(Buffer.from(item.binary?.file.data ?? '', BINARY_ENCODING).equals(V1_SANDBOX_PDF)).toBe(
			true,
		);
	});

	it('Chat → Get Many of one product follows pages that keep none of its chats', async () => {
		const chat = (id: string, folder: string) => ({
			object: 'Chat',
			id,
			folder: ['INBOX', folder],
		});
		const classic = 'INBOX_LINKEDIN_CLASSIC';
		const sales = 'INBOX_LINKEDIN_SALES_NAVIGATOR';
		const pages = [
			{ items: [chat('c1', classic), chat('c2', classic)], cursor: 'p2' },
			{ items: [chat('c3', classic)], cursor: 'p3' },
			{ items: [chat('c4', sales), chat('c5', classic)], cursor: 'p4' },
			{ items: [chat('c6', sales), chat('c7', sales)], cursor: 'p5' },
		];
		for (const body of pages) {
			sandbox.inject({
				method: 'GET',
				path: '/api/v1/chats',
				fault: { kind: 'respond', status: 200, body: { object: 'ChatList', ...body } },
			});
		}
		const result = await runUnipileV1(sandbox, {
			resource: 'chat',
			operation: 'getAll',
			limit: 2,
			filters: { product: 'sales_navigator' },
			simplify: false,
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Unipile').map((item) => item.json.id)).toEqual(['c4', 'c6']);
		expect(sent().map((request) => request.query)).toEqual([
			{ account_id: UNIPILE_V1_SANDBOX.accountId, account_type: 'LINKEDIN', limit: '250' },
			{
				account_id: UNIPILE_V1_SANDBOX.accountId,
				account_type: 'LINKEDIN',
				limit: '250',
				cursor: 'p2',
			},
			{
				account_id: UNIPILE_V1_SANDBOX.accountId,
				account_type: 'LINKEDIN',
				limit: '250',
				cursor: 'p3',
			},
			{
				account_id: UNIPILE_V1_SANDBOX.accountId,
				account_type: 'LINKEDIN',
				limit: '250',
				cursor: 'p4',
			},
		]);
	});

	it('Chat → Get Many of one product stops at a cursor it was given before', async () => {
		const page = {
			object: 'ChatList',
			items: [{ object: 'Chat', id: 'c1', folder: ['INBOX', 'INBOX_LINKEDIN_CLASSIC'] }],
			cursor: 'same',
		};
		sandbox.inject({
			method: 'GET',
			path: '/api/v1/chats',
			times: 3,
			fault: { kind: 'respond', status: 200, body: page },
		});
		const result = await runUnipileV1(sandbox, {
			resource: 'chat',
			operation: 'getAll',
			returnAll: true,
			filters: { product: 'recruiter' },
		});
		expect(sent()).toHaveLength(2);
		expect(result.error?.message).toBe(
			'The list of chats is incomplete: the API gave a page cursor it had given before',
		);
	});
});
