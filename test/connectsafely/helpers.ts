import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ConnectSafelyApi } from '../../credentials/ConnectSafelyApi.credentials';
import { ConnectSafely } from '../../nodes/ConnectSafely/ConnectSafely.node';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import { CONNECTSAFELY_SANDBOX } from '../../tools/sandbox/connectsafely';
import type { RunNodeOptions } from '../engine';
import { loadNodeType, runNode } from '../engine';

export const NODE_NAME = 'ConnectSafely';
export const ACCOUNT = CONNECTSAFELY_SANDBOX.accountId;
export const API_KEY = CONNECTSAFELY_SANDBOX.apiKey;

export const rl = (value: string) => ({ __rl: true, mode: 'id', value });
export const account = rl(ACCOUNT);

/** No pacing unless a test asks for it: the suite stays fast. */
export const NO_PACING = { sendingOptions: { pacing: false } };

/** Runs the ConnectSafely node once through n8n-core's engine against the sandbox. */
export async function runConnectSafely(
	sandbox: ConnectSafelySandbox,
	parameters: INodeParameters,
	options: Partial<
		Pick<RunNodeOptions, 'inputItems' | 'continueOnFail' | 'settings' | 'cancelWhen'>
	> & {
		apiKey?: string;
	} = {},
) {
	return await runNode({
		nodeType: loadNodeType(ConnectSafely),
		type: 'n8n-nodes-linkedin-messaging.connectSafely',
		parameters: { account, ...parameters },
		credentialType: new ConnectSafelyApi(),
		credentials: {
			connectSafelyApi: {
				type: 'connectSafelyApi',
				data: { apiKey: options.apiKey ?? API_KEY, baseUrl: sandbox.baseUrl },
			},
		},
		inputItems: options.inputItems,
		continueOnFail: options.continueOnFail,
		settings: options.settings,
		cancelWhen: options.cancelWhen,
	});
}

/** The API requests the sandbox received (its own admin routes excluded). */
export function apiRequests(sandbox: ConnectSafelySandbox) {
	return sandbox.requests.filter((request) => request.path.startsWith('/linkedin/'));
}

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}
