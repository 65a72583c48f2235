import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { ConnectSafelyApi } from '../../credentials/ConnectSafelyApi.credentials';
import { getConversations } from '../../nodes/ConnectSafely/listSearch/getConversations';
import type { ConnectSafelySandbox } from '../../tools/sandbox/connectsafely';
import {
	CONNECTSAFELY_SANDBOX,
	startConnectSafelySandbox,
} from '../../tools/sandbox/connectsafely';
import { apiRequests } from './helpers';

let sandbox: ConnectSafelySandbox;
beforeAll(async () => (sandbox = await startConnectSafelySandbox()));
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

/** The editor's list-search context, reduced to what the list uses, over global fetch. */
function editor(accountValue: string): ILoadOptionsFunctions {
	const credentials = { apiKey: CONNECTSAFELY_SANDBOX.apiKey, baseUrl: sandbox.baseUrl };
	const fake = {
		getNode: () => ({ name: 'ConnectSafely', type: 'connectSafely', parameters: {} }),
		getNodeParameter: (name: string) => (name === 'account' ? accountValue : undefined),
		getCredentials: async () => credentials,
		helpers: {
			async httpRequestWithAuthentication(_type: string, request: IHttpRequestOptions) {
				const authed = await new ConnectSafelyApi().authenticate(credentials, request);
				const url = new URL(`${String(authed.baseURL)}${authed.url}`);
				for (const [key, value] of Object.entries((authed.qs ?? {}) as IDataObject))
					url.searchParams.set(key, String(value));
				const response = await fetch(url, {
					headers: authed.headers as Record<string, string>,
					signal: AbortSignal.timeout(5000),
				});
				return { statusCode: response.status, headers: {}, body: await response.text() };
			},
		},
	};
	return fake as unknown as ILoadOptionsFunctions;
}

it('lists the conversations of the picked account', async () => {
	const page = await getConversations.call(editor(CONNECTSAFELY_SANDBOX.accountId));
	expect(page.results).toHaveLength(50);
	expect(apiRequests(sandbox)[0].query).toEqual({
		accountId: CONNECTSAFELY_SANDBOX.accountId,
		count: '50',
	});
});

it("lists the default account's conversations when no account is picked", async () => {
	const page = await getConversations.call(editor(''));
	expect(page.results[0]).toEqual({
		name: 'Contact ana-demo-1: Sounds good',
		value: CONNECTSAFELY_SANDBOX.conversationUrns[0],
	});
	expect(apiRequests(sandbox)[0].query).toEqual({ count: '50' });
});

it('asks for a valid account first, without a request', async () => {
	await expect(getConversations.call(editor('12345'))).rejects.toThrow(
		'Select a valid Account first: ConnectSafely account IDs are 24 hexadecimal characters',
	);
	expect(apiRequests(sandbox)).toHaveLength(0);
});
