import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { firstDelivery, onlyNewEvents } from '../shared/seenEvents';
import { answer, parseAccountIds } from '../shared/webhook';
import { versionOf } from '../Unipile/shared/transport';
import { triggerProperties } from './description';
import { flatten, readV1, readV2 } from './event';
import type { TriggerState } from './lifecycle';
import { webhookMethods } from './lifecycle';
import { verifySecretHeader, verifySignature } from './signature';

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
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when a LinkedIn message is read, received, delivered, reacted to, edited or deleted (Unipile API v2 or v1)',
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
						? 'Not a Unipile v1 messaging event: expected {event, account_id, chat_id, message_id, …}'
						: 'Not a Unipile event: expected {id, created_at, account_id, type, payload}',
			});
		}
		const events = this.getNodeParameter('events', []) as string[];
		const accounts = parseAccountIds(this.getNodeParameter('accountIds', ''));
		if (!events.includes(event.type) || (accounts.length && !accounts.includes(event.account_id))) {
			return answer(this, 200, { received: true, ignored: 'event not selected' });
		}
		if (!firstDelivery(this, event.id)) {
			return answer(this, 200, { received: true, ignored: 'duplicate delivery' });
		}
		return { workflowData: [[{ json: flatten(event) }]] };
	}
}
