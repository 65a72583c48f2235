import type { INodeParameters } from 'n8n-workflow';

import { ConnectSafelyApi } from '../../credentials/ConnectSafelyApi.credentials';
import { ConnectSafely } from '../../nodes/ConnectSafely/ConnectSafely.node';
import { rl } from '../../tools/n8n/workflows';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import { CONNECTSAFELY_SANDBOX } from '../../tools/sandbox/connectsafely';
import type { RunOptions } from '../engine';
import { runOurNode } from '../engine';

/** Runs the ConnectSafely node once through n8n-core's engine against the sandbox. */
export async function runConnectSafely(
	sandbox: ConnectSafelySandbox,
	parameters: INodeParameters,
	{ apiKey, ...options }: RunOptions & { apiKey?: string } = {},
) {
	return await runOurNode(
		ConnectSafely,
		new ConnectSafelyApi(),
		{ apiKey: apiKey ?? CONNECTSAFELY_SANDBOX.apiKey, baseUrl: sandbox.baseUrl },
		{ account: rl(CONNECTSAFELY_SANDBOX.accountId), ...parameters },
		options,
	);
}

/** The API requests the sandbox received (its own admin routes excluded). */
export function apiRequests(sandbox: ConnectSafelySandbox) {
	return sandbox.requests.filter((request) => request.path.startsWith('/linkedin/'));
}
