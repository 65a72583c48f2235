import type {
	IExecuteFunctions,
	INodeExecutionData,
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { firstDelivery, onlyNewEvents } from '../shared/seenEvents';
import { answer, parseAccountIds } from '../shared/webhook';
import { triggerProperties } from './description';
import { envelopeSchema, flatten, MESSAGE_RECEIVED, messageSchema } from './event';
import type { TriggerCredentials } from './lifecycle';
import { CREDENTIAL_TYPE, webhookMethods } from './lifecycle';
import { checkTimestamp, verifySignature } from './signature';

export class ConnectSafelyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ConnectSafely Trigger',
		name: 'connectSafelyTrigger',
		icon: {
			light: 'file:../../icons/connectsafely.svg',
			dark: 'file:../../icons/connectsafely.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: 'On message received',
		description:
			'Starts the workflow when a LinkedIn message or InMail arrives (ConnectSafely signed webhooks)',
		defaults: { name: 'ConnectSafely Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
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
		return [await onlyNewEvents(this, this.getInputData(), 'message_id')];
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const { webhookSigningSecret } = await this.getCredentials<TriggerCredentials>(CREDENTIAL_TYPE);
		const secret = webhookSigningSecret?.trim();
		if (!secret) return answer(this, 401, { message: 'Refused: no signing secret configured' });
		const options = this.getNodeParameter('options', {}) as {
			ignoreAccounts?: string;
			onlyAccounts?: string;
			timestampWindow?: number;
		};

		const signature = verifySignature(
			request.headers['x-webhook-signature'],
			request.rawBody,
			secret,
		);
		if (!signature.valid) {
			return answer(this, 401, { message: `Invalid signature: ${signature.reason}` });
		}
		const timestamp = checkTimestamp(
			request.headers['x-webhook-timestamp'],
			Math.floor(Date.now() / 1000),
			options.timestampWindow,
		);
		if (!timestamp.valid) {
			return answer(this, 401, { message: `Invalid timestamp: ${timestamp.reason}` });
		}

		const envelope = envelopeSchema.safeParse(this.getBodyData());
		if (!envelope.success) {
			return answer(this, 400, {
				message: 'Not a ConnectSafely event: expected {event, object: "event", data}',
			});
		}
		if (envelope.data.event !== MESSAGE_RECEIVED) {
			return answer(this, 200, { received: true, ignored: 'event not handled' });
		}
		const parsed = messageSchema.safeParse(envelope.data.data);
		if (!parsed.success) {
			return answer(this, 400, {
				message: `Not a ${MESSAGE_RECEIVED} event: ${parsed.error.issues
					.map((issue) => `data.${issue.path.join('.')}: ${issue.message}`)
					.join('; ')}`.slice(0, 500),
			});
		}
		const message = parsed.data;
		const only = parseAccountIds(options.onlyAccounts);
		if (
			parseAccountIds(options.ignoreAccounts).includes(message.account_id) ||
			(only.length && !only.includes(message.account_id))
		) {
			return answer(this, 200, { received: true, ignored: 'account ignored' });
		}
		if (!firstDelivery(this, message.id)) {
			return answer(this, 200, { received: true, ignored: 'duplicate delivery' });
		}
		return { workflowData: [[{ json: flatten(message, envelope.data.data as IDataObject) }]] };
	}
}
