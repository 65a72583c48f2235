import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { firstDelivery } from './dedupe';
import { triggerProperties } from './description';
import { envelopeSchema, flatten } from './event';
import type { TriggerState } from './lifecycle';
import { parseAccountIds, webhookMethods } from './lifecycle';
import { verifySignature } from './signature';

/** Answers the call ourselves; no execution starts. */
function answer(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
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
			'Starts the workflow when a LinkedIn message is read, received, delivered, reacted to, edited or deleted (Unipile API v2)',
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

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const data = this.getWorkflowStaticData('node') as TriggerState;
		const options = this.getNodeParameter('options', {}) as { skipSignatureCheck?: boolean };
		const rawBody = request.rawBody ?? Buffer.from(JSON.stringify(this.getBodyData()));

		if (!options.skipSignatureCheck) {
			const check = verifySignature(
				request.headers['unipile-signature'],
				rawBody,
				data.secret,
				Math.floor(Date.now() / 1000),
			);
			if (!check.valid) return answer(this, 401, { message: `Invalid signature: ${check.reason}` });
		}

		const parsed = envelopeSchema.safeParse(this.getBodyData());
		if (!parsed.success) {
			return answer(this, 400, {
				message: 'Not a Unipile event: expected {id, created_at, account_id, type, payload}',
			});
		}
		const event = parsed.data;
		const events = this.getNodeParameter('events', []) as string[];
		const accounts = parseAccountIds(this.getNodeParameter('accountIds', ''));
		if (!events.includes(event.type) || (accounts.length && !accounts.includes(event.account_id))) {
			return answer(this, 200, { received: true, ignored: 'event not selected' });
		}
		const key = `${this.getWorkflow().id}:${this.getNode().id}`;
		if (!firstDelivery(key, event.id, Date.now())) {
			return answer(this, 200, { received: true, ignored: 'duplicate delivery' });
		}
		return { workflowData: [[{ json: flatten(event) }]] };
	}
}
