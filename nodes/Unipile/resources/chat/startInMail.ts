import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { sendingOptionsField } from '../../../shared/sendingOptions';
import { attachmentsField, inboxLocator, textField, userIdField } from '../../shared/descriptions';
import { sendRouting } from '../../shared/routing';
import { checkStart, START_URL } from './start';

const show = { resource: ['chat'], operation: ['startInMail'] };

/**
 * `specifics.linkedin.classic.inmail: true` (unipile-api.md §2.3). The seed's `options` key was
 * removed from the v2 spec; `specifics` is the current field.
 */
export const startInMailOperation: INodePropertyOptions = {
	name: 'Start with InMail',
	value: 'startInMail',
	action: 'Start a chat with an InMail',
	description: 'Message someone you are not connected to; uses one InMail credit',
	routing: sendRouting(START_URL, checkStart, {
		specifics: { linkedin: { classic: { inmail: true } } },
	}),
};

export const startInMailFields: INodeProperties[] = [
	inboxLocator(show),
	userIdField(show),
	textField(show),
	attachmentsField(show),
	sendingOptionsField(show, { rateLimitRetry: true }),
];
