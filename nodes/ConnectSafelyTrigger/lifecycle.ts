import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'connectSafelyApi';

export interface TriggerCredentials {
	webhookSigningSecret?: string;
}

/**
 * ConnectSafely has no webhook-management API: the webhook is created in its dashboard
 * (docs/connectsafely.md#webhooks). Activation only checks that the signing secret is set.
 */
export const webhookMethods = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return false;
		},

		async create(this: IHookFunctions): Promise<boolean> {
			const credentials = await this.getCredentials<TriggerCredentials>(CREDENTIAL_TYPE);
			if (!credentials.webhookSigningSecret?.trim()) {
				throw new NodeOperationError(this.getNode(), 'No webhook signing secret configured', {
					description:
						'Create the webhook in the ConnectSafely dashboard with this node\'s Production URL, then paste the signing secret it shows into the ConnectSafely credential ("Webhook Signing Secret").',
				});
			}
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	},
};
