import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { UnipileApi } from '../../credentials/UnipileApi.credentials';
import { Unipile } from '../../nodes/Unipile/Unipile.node';
import type { UnipileSandbox } from '../../tools/sandbox/unipile';
import { UNIPILE_SANDBOX } from '../../tools/sandbox/unipile';
import type { UnipileV1Sandbox } from '../../tools/sandbox/unipileV1';
import { UNIPILE_V1_SANDBOX } from '../../tools/sandbox/unipileV1';
import type { RunNodeOptions } from '../engine';
import { loadNodeType, runNode } from '../engine';

export const ACCOUNT = UNIPILE_SANDBOX.accountId;

export const account = { __rl: true, mode: 'id', value: ACCOUNT };
export const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** No pacing unless a test asks for it: the suite stays fast. */
export const NO_PACING = { sendingOptions: { pacing: false } };

/** Runs the Unipile node once through n8n-core's engine against the sandbox. */
export async function runUnipile(
	sandbox: UnipileSandbox,
	parameters: INodeParameters,
	options: Partial<
		Pick<RunNodeOptions, 'inputItems' | 'continueOnFail' | 'settings' | 'cancelWhen'>
	> & {
		apiKey?: string;
	} = {},
) {
	return await runNode({
		nodeType: loadNodeType(Unipile),
		type: 'n8n-nodes-linkedin-messaging.unipile',
		parameters: { account, ...parameters },
		credentialType: new UnipileApi(),
		credentials: {
			unipileApi: {
				type: 'unipileApi',
				data: { apiKey: options.apiKey ?? UNIPILE_SANDBOX.apiKey, baseUrl: sandbox.baseUrl },
			},
		},
		inputItems: options.inputItems,
		continueOnFail: options.continueOnFail,
		settings: options.settings,
		cancelWhen: options.cancelWhen,
	});
}

/** Runs the Unipile node on API v1, the credential's DSN pointing at the v1 sandbox. */
export async function runUnipileV1(
	sandbox: UnipileV1Sandbox,
	parameters: INodeParameters,
	options: Partial<Pick<RunNodeOptions, 'inputItems' | 'continueOnFail'>> & { dsn?: string } = {},
) {
	return await runNode({
		nodeType: loadNodeType(Unipile),
		type: 'n8n-nodes-linkedin-messaging.unipile',
		parameters: { account: rl(UNIPILE_V1_SANDBOX.accountId), ...parameters },
		credentialType: new UnipileApi(),
		credentials: {
			unipileApi: {
				type: 'unipileApi',
				data: {
					apiVersion: 'v1',
					apiKey: UNIPILE_V1_SANDBOX.apiKey,
					dsn: options.dsn ?? sandbox.dsn,
				},
			},
		},
		inputItems: options.inputItems,
		continueOnFail: options.continueOnFail,
	});
}

/** The API requests the sandbox received (its own admin routes excluded). */
export function apiRequests(sandbox: UnipileSandbox) {
	return sandbox.requests.filter((request) => request.path.startsWith('/v2/'));
}

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}
