import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { firstDelivery, onlyNewEvents } from '../shared/seenEvents';
import { answer } from '../shared/webhook';
import { getAccounts } from '../Unipile/listSearch/getAccounts';
import { versionOf } from '../Unipile/shared/transport';
import { SUBTITLE, triggerProperties } from './description';
import { flatten, readV1, readV2 } from './event';
import type { TriggerState } from './lifecycle';
import { selectedAccounts, webhookMethods } from './lifecycle';
import { verifySecretHeader, verifySignature } from './signature';

/** At 50 accounts a page: 1,000 accounts in the list at most. */
const MAX_ACCOUNT_PAGES = 20;

function json(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
}

export class UnipileTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Unipile Trigger',
		name: 'unipileTrigger',
		icon: { light: 'file:../../icons/unipile.svg', dark: 'file:../../icons/unipile.dark.svg' },
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: SUBTITLE,
		description:
			'Starts the workflow when a LinkedIn message is read, received, delivered, reacted to, edited or deleted, when an invitation is accepted, or when an account needs attention (Unipile API v2 or v1)',
		defaults: { name: 'Unipile Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'unipileApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = webhookMethods;

	methods = {
		loadOptions: {
			/** The same accounts as the Unipile node's list (LinkedIn accounts), every page of them. */
			async getAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const options: INodePropertyOptions[] = [];
				let token: string | undefined;
				for (let page = 0; page < MAX_ACCOUNT_PAGES; page++) {
					const result = await getAccounts.call(this, undefined, token);
					options.push(...result.results.map(({ name, value }) => ({ name, value })));
					token = result.paginationToken === undefined ? undefined : String(result.paginationToken);
					if (!token) break;
				}
				return options;
			},
		},
	};

	/**
	 * The trigger's step in the execution a delivery started: passes the item on unless n8n already
	 * ran this workflow for the same event (nodes/shared/seenEvents.ts).
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await onlyNewEvents(this, this.getInputData(), 'event_id')];
	}

	/**
	 * Fails closed: a call starts an execution only when it proves it comes from the webhook we
	 * registered (v2 signature, v1 secret header), is an event, was selected, and is not a repeat.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const data = this.getWorkflowStaticData('node') as TriggerState;
		// The version the webhook was registered on; the credential's only when none is stored.
		const version = data.apiVersion ?? (await versionOf(this));
		const rawBody = request.rawBody ?? Buffer.from(JSON.stringify(this.getBodyData()));

		const options = this.getNodeParameter('options', {}) as { skipSignatureCheck?: boolean };
		const check =
			version === 'v1'
				? verifySecretHeader(request.headers['unipile-auth'], data.secret)
				: options.skipSignatureCheck
					? { valid: true as const }
					: verifySignature(
							request.headers['unipile-signature'],
							rawBody,
							data.secret,
							Math.floor(Date.now() / 1000),
						);
		if (!check.valid) return answer(this, 401, { message: `Not accepted: ${check.reason}` });

		// The raw bytes, whatever content type the delivery claims (v1 may send none).
		const body = json(rawBody);
		const event = version === 'v1' ? readV1(body) : readV2(body);
		if (!event) {
			return answer(this, 400, {
				message:
					version === 'v1'
						? 'Not a Unipile v1 event: expected {event, account_id, …} or {AccountStatus: {account_id, message}}'
						: 'Not a Unipile event: expected {id, created_at, account_id, type, payload}',
			});
		}
		const events = this.getNodeParameter('events', []) as string[];
		const accounts = selectedAccounts(this);
		if (!events.includes(event.type) || (accounts.length && !accounts.includes(event.account_id))) {
			return answer(this, 200, { received: true, ignored: 'event not selected' });
		}
		if (!firstDelivery(this, event.id)) {
			return answer(this, 200, { received: true, ignored: 'duplicate delivery' });
		}
		return { workflowData: [[{ json: flatten(event) }]] };
	}
}
