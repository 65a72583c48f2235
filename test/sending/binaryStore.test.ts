/**
 * Files held in n8n's binary store (filesystem mode, as n8n 2.x keeps them by default) stream into
 * each kind of body byte for byte: Unipile v2 base64 JSON, v1 multipart, ConnectSafely's raw upload
 * (nodes/shared/request.ts). The pre-flight checks their sizes from the store's metadata without
 * reading them. Files held inline (n8n's "default" mode) are covered by the operation tests.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: a temp dir for n8n's binary store */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createRequire } from 'node:module';

import type { Container as ContainerType } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { rl } from '../../tools/n8n/workflows';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import { startConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import { parseMultipart } from '../../tools/sandbox/multipart';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { startUnipileSandbox, UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import type { UnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import { startUnipileV1Sandbox, UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';
import { runConnectSafely } from '../connectsafely/helpers';
import { NO_PACING } from '../engine';
import { runUnipile, runUnipileV1 } from '../unipile/helpers';

/** n8n-core's own copy of its dependency-injection container, where its helpers find the store. */
const { Container } = createRequire(require.resolve('n8n-core'))('@n8n/di') as {
	Container: typeof ContainerType;
};

/** 1 MB and two bytes: several chunks of the store's stream, and base64 padding. */
const FILE = randomBytes(1024 * 1024 + 2);

let storage: string;
let v2: UnipileSandbox;
let v1: UnipileV1Sandbox;
let connectSafely: ConnectSafelySandbox;
let stored: INodeExecutionData;

beforeAll(async () => {
	storage = mkdtempSync(path.join(tmpdir(), 'n8n-linkedin-binary-'));
	const config = Container.get(BinaryDataConfig);
	Object.assign(config, { mode: 'filesystem', localStoragePath: storage });
	const service = Container.get(BinaryDataService);
	await service.init();
	const data: IBinaryData = { data: '', mimeType: 'application/pdf', fileName: 'deck.pdf' };
	const binary = await service.store(
		{ type: 'execution', workflowId: 'binaryStore', executionId: '1' },
		FILE,
		data,
	);
	stored = { json: {}, binary: { data: binary } };
	[v2, v1, connectSafely] = await Promise.all([
		startUnipileSandbox(),
		startUnipileV1Sandbox(),
		startConnectSafelySandbox(),
	]);
});

afterAll(async () => {
	await Promise.all([v2.close(), v1.close(), connectSafely.close()]);
	rmSync(storage, { recursive: true, force: true });
});

it('the file is in the store, not inline', () => {
	expect(stored.binary?.data.id).toMatch(/^filesystem-v2:/);
	expect(stored.binary?.data.data).toBe('filesystem-v2');
});

it('Unipile v2: base64 inside the JSON, with the Content-Length it announced', async () => {
	const result = await runUnipile(
		v2,
		{
			resource: 'message',
			operation: 'send',
			chat: rl(UNIPILE_SANDBOX.chatIds[0]),
			text: 'The deck',
			attachments: { files: [{ binaryProperty: 'data', sendMode: 'file' }] },
			...NO_PACING,
		},
		{ inputItems: [stored] },
	);
	expect(result.error).toBeUndefined();
	const [send] = v2.requests.filter((request) => request.method === 'POST');
	expect(Number(send.headers['content-length'])).toBe(send.rawBody.length);
	const body = JSON.parse(send.rawBody.toString('utf8')) as {
		attachments: Array<{ content: string; filename: string }>;
	};
	expect(body.attachments[0].filename).toBe('deck.pdf');
	expect(Buffer.from(body.attachments[0].content, 'base64').equals(FILE)).toBe(true);
});

it('Unipile v1: a multipart file part', async () => {
	const result = await runUnipileV1(
		v1,
		{
			resource: 'message',
			operation: 'send',
			chat: rl(UNIPILE_V1_SANDBOX.chatIds[0]),
			text: 'The deck',
			attachments: { files: [{ binaryProperty: 'data' }] },
			...NO_PACING,
		},
		{ inputItems: [stored] },
	);
	expect(result.error).toBeUndefined();
	const [send] = v1.requests.filter((request) => request.method === 'POST');
	const parsed = parseMultipart(send.rawBody, String(send.headers['content-type']));
	const file = 'parts' in parsed ? parsed.parts[2].file : undefined;
	expect(file?.filename).toBe('deck.pdf');
	expect(file?.data.equals(FILE)).toBe(true);
});

it('ConnectSafely: the raw upload body', async () => {
	const result = await runConnectSafely(
		connectSafely,
		{ resource: 'attachment', operation: 'upload', binaryProperty: 'data' },
		{ inputItems: [stored] },
	);
	expect(result.error).toBeUndefined();
	const [upload] = connectSafely.requests.filter((request) => request.method === 'POST');
	expect(Number(upload.headers['content-length'])).toBe(FILE.length);
	expect(upload.rawBody.equals(FILE)).toBe(true);
});

it("a file over the limit fails before any request, from the store's size alone", async () => {
	const big = await Container.get(BinaryDataService).store(
		{ type: 'execution', workflowId: 'binaryStore', executionId: '2' },
		Buffer.alloc(16 * 1024 * 1024),
		{ data: '', mimeType: 'video/mp4', fileName: 'big.mp4' },
	);
	v1.reset();
	const result = await runUnipileV1(
		v1,
		{
			resource: 'message',
			operation: 'send',
			chat: rl(UNIPILE_V1_SANDBOX.chatIds[0]),
			text: 'Too big',
			attachments: { files: [{ binaryProperty: 'data' }] },
			...NO_PACING,
		},
		{ inputItems: [{ json: {}, binary: { data: big } }] },
	);
	expect(result.error?.message).toBe(
		'The attachments are 16.0 MB together, over the 15.0 MB limit',
	);
	expect(v1.requests.filter((request) => request.path.startsWith('/api/v1/'))).toEqual([]);
});
