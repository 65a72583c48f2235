/**
 * The n8n credentials (as `importCredentials` takes them) that point our nodes and the AI agent's
 * model at the sandboxes; `ref` is the `{ id, name }` the workflows' nodes name them by.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CredentialJson } from '../n8n/types';
import type { ConnectSafelySandbox } from './connectsafely';
import { CONNECTSAFELY_SANDBOX } from './connectsafely';
import type { OpenAiSandbox } from './openai';
import { OPENAI_SANDBOX } from './openai';
import type { UnipileSandbox } from './unipile';
import { UNIPILE_SANDBOX } from './unipile';
import type { UnipileV1Sandbox } from './unipileV1';
import { UNIPILE_V1_SANDBOX } from './unipileV1';

type Ref = { id: string; name: string };

export const unipileApi = (ref: Ref, sandbox: UnipileSandbox): CredentialJson => ({
	...ref,
	type: 'unipileApi',
	data: {
		apiKey: UNIPILE_SANDBOX.apiKey,
		serviceApiKey: UNIPILE_SANDBOX.serviceApiKey,
		baseUrl: sandbox.baseUrl,
	},
});

export const unipileV1Api = (ref: Ref, sandbox: UnipileV1Sandbox): CredentialJson => ({
	...ref,
	type: 'unipileApi',
	data: { apiVersion: 'v1', apiKey: UNIPILE_V1_SANDBOX.apiKey, dsn: sandbox.dsn },
});

/** `extra`, e.g. the trigger's `webhookSigningSecret`, joins the data. */
export const connectSafelyApi = (
	ref: Ref,
	sandbox: ConnectSafelySandbox,
	extra: IDataObject = {},
): CredentialJson => ({
	...ref,
	type: 'connectSafelyApi',
	data: { apiKey: CONNECTSAFELY_SANDBOX.apiKey, baseUrl: sandbox.baseUrl, ...extra },
});

export const openAiApi = (ref: Ref, model: OpenAiSandbox): CredentialJson => ({
	...ref,
	type: 'openAiApi',
	data: { apiKey: OPENAI_SANDBOX.apiKey, url: model.baseUrl },
});
