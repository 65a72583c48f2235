/**
 * Streamed request bodies are byte-exact in a real n8n 2.41.1, whichever binary data mode it runs:
 * `default` (files held in memory as base64), `filesystem` (n8n 2.x's default in regular mode) and
 * `database` (its default in queue mode). A file read from disk by n8n's Read/Write Files node goes
 * out as base64 inside Unipile v2's JSON, as a multipart part to Unipile v1, and as the raw body of a
 * ConnectSafely upload (docs/n8n-behaviour.md#streamed-request-bodies); the sandboxes' copies are
 * compared byte for byte with the file.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: writes the file n8n reads */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
	repoRoot,
	rl,
} from '../../tools/n8n';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import { connectSafelyApi, unipileApi } from '../../tools/sandbox/credentials';
import { parseMultipart } from '../../tools/sandbox/multipart';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import type { UnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import { startUnipileV1Sandbox, UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';

const PACKAGE = 'n8n-nodes-linkedin-messaging';
const v2Credential = { unipileApi: { id: 'e2eBinaryV2000001', name: 'Unipile v2 sandbox' } };
const v1Credential = { unipileApi: { id: 'e2eBinaryV1000001', name: 'Unipile v1 sandbox' } };
const csCredential = {
	connectSafelyApi: { id: 'e2eBinaryCs000001', name: 'ConnectSafely sandbox' },
};
/** 3 MB and one byte: many read chunks, and a length that is not a multiple of 3 (base64 padding). */
const FILE = randomBytes(3 * 1024 * 1024 + 1);
const NO_LOOKS = { pacing: false, skipIfSent: false };

const readFile = (filesDir: string) =>
	node(
		'Read File',
		'n8n-nodes-base.readWriteFile',
		{
			operation: 'read',
			fileSelector: path.join(filesDir, 'deck.pdf'),
			options: { dataPropertyName: 'data' },
		},
		{ typeVersion: 1.1 },
	);
const workflows = (filesDir: string) => [
	linearWorkflow(
		'E2E binary: Unipile v2',
		[
			manualTrigger(),
			readFile(filesDir),
			node(
				'Send',
				`${PACKAGE}.unipile`,
				{
					account: rl(UNIPILE_SANDBOX.accountId),
					resource: 'message',
					operation: 'send',
					chat: rl(UNIPILE_SANDBOX.chatIds[0]),
					text: 'The deck',
					attachments: { files: [{ binaryProperty: 'data', sendMode: 'file' }] },
					sendingOptions: NO_LOOKS,
				},
				{ credentials: v2Credential },
			),
		],
		'e2eBinaryV2Send1',
	),
	linearWorkflow(
		'E2E binary: Unipile v1',
		[
			manualTrigger(),
			readFile(filesDir),
			node(
				'Send',
				`${PACKAGE}.unipile`,
				{
					account: rl(UNIPILE_V1_SANDBOX.accountId),
					resource: 'message',
					operation: 'send',
					chat: rl(UNIPILE_V1_SANDBOX.chatIds[0]),
					text: 'The deck',
					attachments: { files: [{ binaryProperty: 'data' }] },
					sendingOptions: NO_LOOKS,
				},
				{ credentials: v1Credential },
			),
		],
		'e2eBinaryV1Send1',
	),
	linearWorkflow(
		'E2E binary: ConnectSafely upload',
		[
			manualTrigger(),
			readFile(filesDir),
			node(
				'Upload',
				`${PACKAGE}.connectSafely`,
				{
					account: rl(CONNECTSAFELY_SANDBOX.accountId),
					resource: 'attachment',
					operation: 'upload',
					binaryProperty: 'data',
				},
				{ credentials: csCredential },
			),
		],
		'e2eBinaryCsUpld1',
	),
];

describe.each(['default', 'filesystem', 'database'])(
	'streamed bodies in n8n 2.41.1, binary data mode "%s"',
	(mode) => {
		let install: N8nInstall;
		let userFolder: string;
		let filesDir: string;
		let v2: UnipileSandbox;
		let v1: UnipileV1Sandbox;
		let connectSafely: ConnectSafelySandbox;
		const run = async (id: string) =>
			await executeWorkflow(userFolder, id, {
				env: { N8N_DEFAULT_BINARY_DATA_MODE: mode, N8N_RESTRICT_FILE_ACCESS_TO: filesDir },
			});

		beforeAll(
			async () => {
				install = await ensureN8nInstalled();
				userFolder = createUserFolder({ install });
				installPackage(userFolder, repoRoot());
				filesDir = mkdtempSync(path.join(tmpdir(), 'n8n-linkedin-files-'));
				writeFileSync(path.join(filesDir, 'deck.pdf'), FILE);
				[v2, v1, connectSafely] = await Promise.all([
					startUnipileSandbox(),
					startUnipileV1Sandbox(),
					startConnectSafelySandbox(),
				]);
				await importCredentials(userFolder, [
					unipileApi(v2Credential.unipileApi, v2),
					{
						id: v1Credential.unipileApi.id,
						name: v1Credential.unipileApi.name,
						type: 'unipileApi',
						data: { apiVersion: 'v1', apiKey: UNIPILE_V1_SANDBOX.apiKey, dsn: v1.dsn },
					},
					connectSafelyApi(csCredential.connectSafelyApi, connectSafely),
				]);
				await importWorkflows(userFolder, workflows(filesDir));
			},
			20 * 60 * 1000,
		);

		afterAll(async () => {
			await Promise.all([v2?.close(), v1?.close(), connectSafely?.close()]);
			rmSync(filesDir, { recursive: true, force: true });
		});

		it('Unipile v2: the file as base64 inside the JSON, byte for byte', async () => {
			const result = await run('e2eBinaryV2Send1');
			expect(result.error).toBeUndefined();
			const [send] = v2.requests.filter((request) => request.method === 'POST');
			expect(Number(send.headers['content-length'])).toBe(send.rawBody.length);
			const body = JSON.parse(send.rawBody.toString('utf8')) as {
				text: string;
				attachments: Array<IDataObject & { content: string }>;
			};
			expect(body.text).toBe('The deck');
			expect(body.attachments.map((file) => Object.keys(file))).toEqual([
				['content', 'content_type', 'filename', 'send_mode'],
			]);
			expect(body.attachments[0]).toMatchObject({
				content_type: 'application/pdf',
				filename: 'deck.pdf',
				send_mode: 'file',
			});
			expect(Buffer.from(body.attachments[0].content, 'base64').equals(FILE)).toBe(true);
		});

		it('Unipile v1: the file as a multipart part, byte for byte', async () => {
			const result = await run('e2eBinaryV1Send1');
			expect(result.error).toBeUndefined();
			const [send] = v1.requests.filter((request) => request.method === 'POST');
			const parsed = parseMultipart(send.rawBody, String(send.headers['content-type']));
			const parts = 'parts' in parsed ? parsed.parts : [];
			expect(parts.map((part) => part.name)).toEqual(['account_id', 'text', 'attachments']);
			const file = parts[2].file;
			expect([file?.filename, file?.contentType]).toEqual(['deck.pdf', 'application/pdf']);
			expect(file?.data.equals(FILE)).toBe(true);
		});

		it('ConnectSafely: the file as the raw upload body, byte for byte', async () => {
			const result = await run('e2eBinaryCsUpld1');
			expect(result.error).toBeUndefined();
			const [upload] = connectSafely.requests.filter((request) => request.method === 'POST');
			expect(upload.headers['content-type']).toBe('application/pdf');
			expect(Number(upload.headers['content-length'])).toBe(FILE.length);
			expect(upload.rawBody.equals(FILE)).toBe(true);
		});
	},
);
