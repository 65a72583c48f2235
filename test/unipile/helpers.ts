import type { INodeParameters } from 'n8n-workflow';

import { UnipileApi } from '../../credentials/UnipileApi.credentials';
import { Unipile } from '../../nodes/Unipile/Unipile.node';
import { rl } from '../../tools/n8n/workflows';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import type { UnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import { UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';
import type { RunOptions } from '../engine';
import { runOurNode } from '../engine';

export const ACCOUNT = UNIPILE_SANDBOX.accountId;
export const CHAT = UNIPILE_SANDBOX.chatIds[0];
/** Where a send to CHAT goes. */
export const SEND_PATH = `/v2/${ACCOUNT}/chats/${CHAT}/messages/send`;

/** Runs the Unipile node once through n8n-core's engine against the sandbox. */
export async function runUnipile(
	sandbox: UnipileSandbox,
	parameters: INodeParameters,
	{ apiKey, ...options }: RunOptions & { apiKey?: string } = {},
) {
	return await runOurNode(
		Unipile,
		new UnipileApi(),
		{ apiKey: apiKey ?? UNIPILE_SANDBOX.apiKey, baseUrl: sandbox.baseUrl },
		{ account: rl(ACCOUNT), ...parameters },
		options,
	);
}

/** Runs the Unipile node on API v1, the credential's DSN pointing at the v1 sandbox. */
export async function runUnipileV1(
	sandbox: UnipileV1Sandbox,
	parameters: INodeParameters,
	{ dsn, ...options }: RunOptions & { dsn?: string } = {},
) {
	return await runOurNode(
		Unipile,
		new UnipileApi(),
		{ apiVersion: 'v1', apiKey: UNIPILE_V1_SANDBOX.apiKey, dsn: dsn ?? sandbox.dsn },
		{ account: rl(UNIPILE_V1_SANDBOX.accountId), ...parameters },
		options,
	);
}

/** The API requests the sandbox received (its own admin routes excluded). */
export function apiRequests(sandbox: UnipileSandbox) {
	return sandbox.requests.filter((request) => request.path.startsWith('/v2/'));
}
